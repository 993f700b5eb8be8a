import { basename, extname } from 'node:path';
import { buildContract } from './build.ts';
import type { ContractModel } from './model.ts';
import { resolveRefs } from './resolve.ts';
import { parseContractSource, readContractSource, type ContractSource } from './source.ts';
import { validateDocument } from './validate.ts';

/** The contract id: the file name without its extension. */
export function contractIdOf(file: string): string {
  return basename(file, extname(file));
}

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

/** The same from text already in memory (tests, bundlers). */
export function loadContractText(file: string, text: string): ContractModel {
  return modelFromSource(parseContractSource(file, text));
}

function modelFromSource(source: ContractSource): ContractModel {
  const document = source.data as Record<string, unknown>;
  validateDocument(source.file, document, source.lineOf);
  const resolved = resolveRefs(source.file, document, source.lineOf);
  return buildContract(contractIdOf(source.file), source.file, resolved, source.lineOf);
}
