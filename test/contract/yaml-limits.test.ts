import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ContractError } from '../../src/contract/errors.ts';
import { parseContractSource } from '../../src/contract/source.ts';
import { MAX_ALIASES, MAX_DOCUMENT_CHARS } from '../../src/contract/yaml-checks.ts';

function problemOf(text: string, file = 'c.yaml'): ContractError {
  try {
    parseContractSource(file, text);
  } catch (error) {
    expect(error).toBeInstanceOf(ContractError);
    return error as ContractError;
  }
  throw new Error('Failed to refuse the document: it parsed.');
}

describe('YAML limits', () => {
  it('a 100k-key mapping parses in linear time and its duplicate key names both lines', () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'test/contract/support/parse-large-mapping.ts'], { encoding: 'utf8', timeout: 45_000 });
    expect(child.error, 'the parse was not killed by the timeout').toBeUndefined();
    const { chars, message } = JSON.parse(child.stdout) as { chars: number; message: string };
    expect(chars).toBeGreaterThan(1_000_000);
    expect(message).toContain('big.yaml:100003 /: Invalid YAML: Map keys must be unique: "k0" is also at line 3.');
  });

  it('an alias bomb is refused with the file and the line of the alias that overflows', () => {
    const lines = ['openapi: 3.1.0', 'l0: &l0 [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++) lines.push(`l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(', ')}]`);
    const error = problemOf(lines.join('\n'), 'bomb.yaml');
    expect(error.code).toBe('YAML');
    expect(error.message).toMatch(/^Failed to load contract bomb\.yaml:\n {2}bomb\.yaml:\d+ \/: Invalid YAML: aliases expand to more than \d+ nodes/);
    expect(error.problems[0].line).toBeGreaterThan(2);
  });

  it('more aliases than the limit are refused at the first one past it', () => {
    const lines = ['openapi: 3.1.0', 'a: &a x', 'list:'];
    for (let i = 0; i <= MAX_ALIASES; i++) lines.push('  - *a');
    const error = problemOf(lines.join('\n'));
    expect(error.problems[0]).toMatchObject({ line: 4 + MAX_ALIASES, message: expect.stringMatching(/more than 1000 aliases/) });
  });

  it('an oversized document is refused before parsing', () => {
    const error = problemOf(`openapi: 3.1.0\nx: "${'y'.repeat(MAX_DOCUMENT_CHARS)}"\n`);
    expect(error.problems[0].message).toMatch(/more than 16777216\. Split it/);
  });

  it('a deeply nested document is a ContractError, not a raw stack overflow', () => {
    const error = problemOf(`openapi: 3.1.0\nx: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`);
    expect(error.problems[0].line).toBe(2);
    expect(error.problems[0].message).toMatch(/nests too deeply to parse \(more than 512 levels allowed\)/);
  });

  // The parser recursed past the stack on these and the RangeError left the CLI with its stack trace.
  const blocks: [string, (level: number) => string][] = [
    ['mappings', (level) => `${' '.repeat(level)}k:\n`],
    ['sequences', (level) => `${' '.repeat(level)}-\n`],
  ];
  for (const [name, line] of blocks) {
    it(`block ${name} nested 2,500 deep are a ContractError that says so`, () => {
      const levels = Array.from({ length: 2500 }, (_, level) => line(level + 1)).join('');
      const error = problemOf(`openapi: 3.1.0\nx:\n${levels}paths: {}\n`);
      expect(error.code).toBe('YAML');
      expect(error.problems[0].message).toMatch(/nests too deeply to parse/);
    });
  }
});
