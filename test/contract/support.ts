import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { ContractError, type ContractErrorCode } from '../../src/contract/errors.ts';

/** The four bundled contracts, by id. */
export const BUNDLED_IDS = ['endgrate-sessions', 'game-sessions', 'gigs-connect-sessions', 'make-sdk-connections'] as const;

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DATA_DIR = fileURLToPath(new URL('../data/contracts/', import.meta.url));
/** A small valid contract (one resource, create/read/list, bearer auth): the base every broken one starts from. */
export const MINIMAL_FILE = `${DATA_DIR}minimal.yaml`;
export const MINIMAL_TEXT = readFileSync(MINIMAL_FILE, 'utf8');

/**
 * Applies text edits to the minimal contract. Each `from` must occur exactly once, so an edit can never
 * silently stop matching when the base contract changes.
 */
export function editMinimal(...edits: [from: string, to: string][]): string {
  let text = MINIMAL_TEXT;
  for (const [from, to] of edits) {
    const count = text.split(from).length - 1;
    if (count !== 1) throw new Error(`The edit target occurs ${count} times in minimal.yaml: ${JSON.stringify(from)}`);
    text = text.replace(from, () => to);
  }
  return text;
}

/** The 1-based line of the only line of `text` that contains `marker`. */
export function lineContaining(text: string, marker: string): number {
  const lines = text.split('\n');
  const hits = lines.flatMap((line, i) => (line.includes(marker) ? [i + 1] : []));
  if (hits.length !== 1) throw new Error(`Expected one line containing ${JSON.stringify(marker)}, found ${hits.length}.`);
  return hits[0];
}

/** Runs `load` and returns the ContractError it throws (failing the test if it throws anything else). */
export async function contractErrorOf(load: () => unknown): Promise<ContractError> {
  try {
    await load();
  } catch (error) {
    if (error instanceof ContractError) return error;
    throw new Error(`Expected a ContractError, got: ${(error as Error)?.stack ?? String(error)}`);
  }
  throw new Error('Expected a ContractError, but the contract loaded.');
}

/**
 * Asserts the error's code and that one of its problems, and the message, name the file, the JSON pointer
 * and the line: `file:line /pointer: text`.
 */
export function expectProblem(error: ContractError, expected: { code: ContractErrorCode; file: string; pointer: string; line?: number; message: RegExp }): void {
  expect(error.code).toBe(expected.code);
  expect(error.file).toBe(expected.file);
  const problem = error.problems.find((p) => p.pointer === expected.pointer && expected.message.test(p.message));
  expect(problem, `no problem at ${expected.pointer} matching ${expected.message}; got ${JSON.stringify(error.problems, null, 2)}`).toBeDefined();
  expect(problem!.line).toBe(expected.line);
  const where = expected.line === undefined ? expected.file : `${expected.file}:${expected.line}`;
  expect(error.message).toContain(`${where} ${expected.pointer || '/'}: `);
  expect(error.message).toMatch(expected.message);
  expect(error.message).not.toMatch(/\n\s+at /);
}
