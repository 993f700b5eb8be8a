import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadContractText } from '../../src/contract/load-text.ts';
import { ContractError } from '../../src/contract/errors.ts';
import { createStandaloneAjv } from '../../src/schema/ajv.ts';
import { compileSafeRegExp, MAX_BACKTRACKING_INPUT } from '../../src/schema/safe-regexp.ts';
import { readFileSync } from 'node:fs';

/** A strict ajv of the test's own, for schemas written here (contracts compile theirs with `contract.schemas`). */
const bodyAjv = createStandaloneAjv();

describe('contract patterns run on a linear-time engine', () => {
  it('a 45-byte request against ^(a+)+$ is answered (422) instead of blocking the mock', () => {
    // In a child process: a backtracking engine would block the event loop, and only a kill ends that.
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'test/schema/support/redos-request.ts'], { encoding: 'utf8', timeout: 20_000 });
    expect(child.error, 'the child was not killed by the timeout').toBeUndefined();
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual({ bytes: 45, status: 422 });
  });

  it('keeps RegExp.test semantics: searches anywhere, anchors and unicode classes hold', () => {
    expect(compileSafeRegExp('^(a+)+$', 'u').test(`${'a'.repeat(5000)}!`)).toBe(false);
    expect(compileSafeRegExp('^(a+)+$', 'u').test('aaa')).toBe(true);
    expect(compileSafeRegExp('[0-9]', 'u').test('abc7')).toBe(true);
    expect(compileSafeRegExp('^\\p{L}+$', 'u').test('héllo')).toBe(true);
  });

  it('ajv tells different patterns apart (its cache is keyed by the engine object string)', () => {
    const digits = bodyAjv.compile({ type: 'string', pattern: '^[0-9]+$' });
    const letters = bodyAjv.compile({ type: 'string', pattern: '^[a-z]+$' });
    expect([digits('123'), digits('abc'), letters('abc'), letters('123')]).toEqual([true, false, true, false]);
  });

  it('runs lookarounds and backreferences on JavaScript\'s engine, only on short inputs', () => {
    const strong = compileSafeRegExp('^(?=.*[0-9]).{8,}$', 'u');
    expect([strong.test('abcdefg1'), strong.test('abcdefgh')]).toEqual([true, false]);
    expect(compileSafeRegExp('^(a)\\1$', 'u').test('aa')).toBe(true);
    // A catastrophic lookahead pattern on a long input is refused before the engine sees it.
    const bomb = compileSafeRegExp('^(?=(a+)+$)', 'u');
    expect(bomb.test(`${'a'.repeat(MAX_BACKTRACKING_INPUT + 1)}!`)).toBe(false);
    expect(bomb.test('aaaa')).toBe(true);
  });

  it('refuses a pattern no engine can compile at load, naming the schema', () => {
    const text = readFileSync('test/data/contracts/minimal.yaml', 'utf8').replace(
      'name: {type: string, minLength: 1}\n        color',
      () => "name: {type: string, pattern: '^(unclosed$'}\n        color",
    );
    let caught: unknown;
    try {
      loadContractText('broken-pattern.yaml', text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ContractError);
    expect((caught as Error).message).toMatch(/broken-pattern\.yaml:\d+ \/\S+: .*Failed to compile pattern "\^\(unclosed\$"/s);
  });
});
