import { open, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { checkedDigestOf, trustedDocuments, useBuiltMetaSchemaCheck, type CheckedDocuments } from './checked-documents.ts';
import { collectDocuments } from './documents.ts';
import { ContractError } from './errors.ts';
import { modelFromDocuments } from './load-text.ts';
import type { ContractModel } from './model.ts';
import { parseContractSource, parsedContractSource, type ContractSource } from './source.ts';
import { MAX_DOCUMENT_CHARS } from './yaml-checks.ts';

export { contractIdOf, loadContractText } from './load-text.ts';

/** A file over this is refused unread: its text would be over MAX_DOCUMENT_CHARS characters anyway. */
const MAX_FILE_BYTES = MAX_DOCUMENT_CHARS * 4;

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
 * Referenced files must lie in the folder of the document or below it (or below the working directory, when
 * the document does): a document from elsewhere cannot make the mock serve `/home/me/.kube/config`.
 *
 * @example
 * const model = await loadContractFile('contracts/game-sessions.yaml');
 * model.operations.map((op) => op.id); // ['countSessions', 'listSessions', ...]
 */
export async function loadContractFile(file: string, options: LoadFileOptions = {}): Promise<ContractModel> {
  useBuiltMetaSchemaCheck();
  const text = await readContractText(file);
  const digest = checkedDigestOf(text, options.checked);
  const parsed = digest === undefined ? undefined : (options.checked ?? trustedDocuments()).parsed.get(digest);
  const root = parsed === undefined ? parseContractSource(file, text) : parsedContractSource(file, text, parsed);
  const folders = await allowedFolders(file);
  const set = await collectDocuments(root, async (referenced) => {
    await refuseOutside(referenced, folders);
    return readContractSource(referenced);
  });
  return modelFromDocuments(set, { checked: digest !== undefined && set.files.size === 1 });
}

/** Reads and parses a contract file (Node only; `parseContractSource` does the same from text). */
export async function readContractSource(file: string): Promise<ContractSource> {
  return parseContractSource(file, await readContractText(file));
}

async function readContractText(file: string): Promise<string> {
  try {
    return await readBoundedText(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new ContractError('UNREADABLE', file, [{ pointer: '', message: `Failed to read the file: ${reason}.` }]);
  }
}

/**
 * The text of a regular file of at most MAX_FILE_BYTES. Devices (`/dev/zero`), FIFOs and sockets are refused
 * before they are opened (reading them never ends or blocks); files that say they are empty (`/proc`) are
 * read only up to the limit.
 */
async function readBoundedText(file: string): Promise<string> {
  const stats = await stat(file);
  if (stats.isDirectory()) throw Object.assign(new Error('it is a directory'), { code: 'EISDIR' });
  if (!stats.isFile()) throw new Error('it is not a regular file (a device, a FIFO or a socket)');
  if (stats.size > MAX_FILE_BYTES) throw new Error(`it has ${stats.size} bytes, more than ${MAX_FILE_BYTES}. Split it with $ref`);
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(MAX_FILE_BYTES, Math.max(stats.size, 65_536)) + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length;) {
      ({ bytesRead: read } = await handle.read(buffer, length, buffer.length - length, null));
      length += read;
    }
    if (length > MAX_FILE_BYTES || (length === buffer.length && stats.size === 0)) throw new Error(`it has more than ${MAX_FILE_BYTES} bytes. Split it with $ref`);
    return decodeText(buffer.subarray(0, length));
  } finally {
    await handle.close();
  }
}

/** UTF-8 (a BOM is dropped by the YAML parser); UTF-16 is named rather than parsed as garbage. */
function decodeText(bytes: Buffer): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) throw new Error('it is encoded as UTF-16: save it as UTF-8');
  return bytes.toString('utf8');
}

/** The document's folder, and the working directory when the document lies below it (both as real paths). */
async function allowedFolders(rootFile: string): Promise<string[]> {
  const folder = await realpath(dirname(resolve(rootFile))).catch(() => dirname(resolve(rootFile)));
  const cwd = await realpath(process.cwd()).catch(() => process.cwd());
  return isBelow(folder, cwd) ? [folder, cwd] : [folder];
}

async function refuseOutside(file: string, folders: readonly string[]): Promise<void> {
  const absolute = resolve(file);
  const real = await realpath(absolute).catch(() => absolute);
  if (folders.some((folder) => isBelow(absolute, folder) && isBelow(real, folder))) return;
  throw new ContractError('UNREADABLE', file, [{ pointer: '', message: `it is outside ${folders.join(' and ')}: a $ref may only name files in the folder of the document (or of the working directory) and below.` }]);
}

function isBelow(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
