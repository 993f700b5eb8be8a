import { buildContract } from './build.ts';
import type { ContractModel } from './model.ts';
import { resolveRefs } from './resolve.ts';
import { parseContractSource, type ContractSource } from './source.ts';
import { validateDocument } from './validate.ts';

/**
 * Contract loading without the file system: nothing imported from here touches a Node-only module, so the
 * browser entry (src/browser.ts) can bundle it. `load.ts` adds reading from disk.
 */

/**
 * The contract id: the file name without its directory and extension.
 *
 * @example
 * contractIdOf('contracts/game-sessions.yaml'); // 'game-sessions'
 */
export function contractIdOf(file: string): string {
  const name = file.replace(/\/+$/, '').split('/').pop() ?? '';
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/**
 * Loads a contract from YAML text already in memory (tests, bundlers that import the file as text).
 * `file` names the contract in errors and gives its id.
 *
 * @example
 * const model = loadContractText('game-sessions.yaml', yamlText);
 * model.id; // 'game-sessions'
 */
export function loadContractText(file: string, text: string): ContractModel {
  return modelFromSource(parseContractSource(file, text));
}

/** Validate the document, resolve `$ref`s, compile: a ContractError names every problem found. */
export function modelFromSource(source: ContractSource): ContractModel {
  const document = source.data as Record<string, unknown>;
  validateDocument(source.file, document, source.lineOf);
  const resolved = resolveRefs(source.file, document, source.lineOf);
  return buildContract(contractIdOf(source.file), source.file, resolved, source.lineOf);
}
