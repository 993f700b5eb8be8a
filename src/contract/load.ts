import { readFile } from 'node:fs/promises';
import { ContractError } from './errors.ts';
import { modelFromSource } from './load-text.ts';
import type { ContractModel } from './model.ts';
import { parseContractSource, type ContractSource } from './source.ts';

export { contractIdOf, loadContractText } from './load-text.ts';

/**
 * Loads a contract file into a model: parse YAML, validate the document, resolve `$ref`s, compile.
 * Throws a ContractError naming the file, pointer and line of every problem found.
 *
 * @example
 * const model = await loadContractFile('contracts/game-sessions.yaml');
 * model.operations.map((op) => op.id); // ['countSessions', 'listSessions', ...]
 */
export async function loadContractFile(file: string): Promise<ContractModel> {
  return modelFromSource(await readContractSource(file));
}

/** Reads and parses a contract file (Node only; `parseContractSource` does the same from text). */
export async function readContractSource(file: string): Promise<ContractSource> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new ContractError('UNREADABLE', file, [{ pointer: '', message: `Failed to read the file: ${reason}.` }]);
  }
  return parseContractSource(file, text);
}
