import { readFile } from 'node:fs/promises';
import { checkedDigestOf, trustedDocuments, type CheckedDocuments } from './checked-documents.ts';
import { collectDocuments } from './documents.ts';
import { ContractError } from './errors.ts';
import { modelFromDocuments } from './load-text.ts';
import type { ContractModel } from './model.ts';
import { parseContractSource, parsedContractSource, type ContractSource } from './source.ts';

export { contractIdOf, loadContractText } from './load-text.ts';

export interface LoadFileOptions {
  /**
   * Texts known to pass the structure and schema-syntax checks, and their parsed form (default: what the
   * build wrote beside the compiled code, checked-documents.ts; nothing in a checkout).
   */
  readonly checked?: CheckedDocuments;
}

/**
 * Loads a contract file into a model: parse YAML or JSON (and every file its `$ref`s name), validate,
 * resolve `$ref`s, compile. Throws a ContractError naming the file, pointer and line of every problem.
 *
 * @example
 * const model = await loadContractFile('contracts/game-sessions.yaml');
 * model.operations.map((op) => op.id); // ['countSessions', 'listSessions', ...]
 */
export async function loadContractFile(file: string, options: LoadFileOptions = {}): Promise<ContractModel> {
  const text = await readContractText(file);
  const digest = checkedDigestOf(text, options.checked);
  const parsed = digest === undefined ? undefined : (options.checked ?? trustedDocuments()).parsed.get(digest);
  const root = parsed === undefined ? parseContractSource(file, text) : parsedContractSource(file, text, parsed);
  const set = await collectDocuments(root, readContractSource);
  return modelFromDocuments(set, { checked: digest !== undefined && set.files.size === 1 });
}

/** Reads and parses a contract file (Node only; `parseContractSource` does the same from text). */
export async function readContractSource(file: string): Promise<ContractSource> {
  return parseContractSource(file, await readContractText(file));
}

async function readContractText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new ContractError('UNREADABLE', file, [{ pointer: '', message: `Failed to read the file: ${reason}.` }]);
  }
}
