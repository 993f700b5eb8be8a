import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadContractText } from '../../src/contract/load-text.ts';
import { readPattern } from '../../src/schema/foreign-pattern.ts';

describe('patterns written for other regex engines', () => {
  it('reads possessive quantifiers, atomic groups and PCRE escapes in ECMA-262, leaving classes and escapes apart', () => {
    expect(readPattern('^[a-z0-9]++(?:-[a-z0-9]+)*$')).toEqual({ kind: 'rewritten', pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' });
    expect(readPattern('^-?\\d+\\Z')).toEqual({ kind: 'rewritten', pattern: '^-?\\d+$' });
    expect(readPattern('\\A(?>ab)*+\\z')).toEqual({ kind: 'rewritten', pattern: '^(?:ab)*$' });
    expect(readPattern('^\\h*[\\h,]\\e?+$')).toEqual({ kind: 'rewritten', pattern: '^[ \\t]*[ \\t,]\\x1b?$' });
    expect(readPattern('^\\++[+]+$')).toEqual({ kind: 'compiles' });
    expect(readPattern('^(unclosed$').kind).toBe('unreadable');
  });

  it('a document using them loads with a warning naming the place, and validates by the reading', () => {
    const text = readFileSync('test/data/contracts/minimal.yaml', 'utf8').replaceAll(
      'name: {type: string, minLength: 1}\n        color',
      () => "name: {type: string, pattern: '^[a-z]++\\Z'}\n        color",
    );
    const contract = loadContractText('foreign-pattern.yaml', text);
    const warning = contract.warnings.find((w) => w.pointer.endsWith('/name/pattern'));
    expect(warning?.message).toMatch(/another regex engine: read as "\^\[a-z\]\+\$"/);
    const create = contract.operations.find((op) => op.body !== undefined && op.method === 'POST')!;
    expect(create.body!.validate({ name: 'abc' })).toBe(true);
    expect(create.body!.validate({ name: 'ABC' })).toBe(false);
  });
});
