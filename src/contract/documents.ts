import { ContractError, type ContractProblem } from './errors.ts';
import type { ContractSource } from './source.ts';

/**
 * The files one contract is made of: the root document and every file its `$ref`s reach, each parsed once.
 * Files are named by path relative to nothing but themselves (`dir/a.yaml` refers to `b.yaml` as `dir/b.yaml`).
 */
export interface DocumentSet {
  readonly root: ContractSource;
  readonly files: ReadonlyMap<string, ContractSource>;
}

let loads = 0;

/**
 * Ajv ids for the files of one load: every schema `$ref` is rewritten to `<id>#<pointer>`. Unique per load,
 * so a schema of one contract can never resolve against another contract's documents.
 */
export function documentIds(count: number): string[] {
  const load = ++loads;
  return Array.from({ length: count }, (_, index) => `https://harness.invalid/c${load}/d${index}.json`);
}

/** A `$ref` split into the file it names (undefined: the same file) and the JSON pointer in it. */
export function splitRef(ref: string): { file: string | undefined; pointer: string } {
  const hash = ref.indexOf('#');
  const file = hash < 0 ? ref : ref.slice(0, hash);
  const fragment = hash < 0 ? '' : ref.slice(hash + 1);
  let pointer = fragment;
  try {
    pointer = decodeURIComponent(fragment);
  } catch { /* keep it as written */ }
  return { file: file === '' ? undefined : file, pointer };
}

export function isRemoteRef(file: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(file) && !/^[a-z]:[\\/]/i.test(file);
}

/** `dir/a.yaml` + `../b.yaml` -> `b.yaml`; POSIX-style, no file system, so the browser entry can use it. */
export function resolveFile(from: string, target: string): string {
  if (target.startsWith('/')) return normalizePath(target);
  const slash = from.lastIndexOf('/');
  return normalizePath(`${slash < 0 ? '' : from.slice(0, slash + 1)}${target}`);
}

function normalizePath(path: string): string {
  const absolute = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  return (absolute ? '/' : '') + parts.join('/');
}

/** Every `$ref` to another file in a parsed document (file names resolved against the document's own). */
export function externalFiles(source: ContractSource): string[] {
  const found = new Set<string>();
  const pending: unknown[] = [source.data];
  while (pending.length > 0) {
    const node = pending.pop();
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      // One by one: a spread of a million-item array (an `enum`) overflows the call stack.
      for (const item of node) if (item !== null && typeof item === 'object') pending.push(item);
      continue;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') {
        const { file } = splitRef(value);
        if (file !== undefined && !isRemoteRef(file)) found.add(resolveFile(source.file, file));
      } else if (value !== null && typeof value === 'object') {
        pending.push(value);
      }
    }
  }
  return [...found];
}

/**
 * Gathers the files a root document references, reading each with `read` (breadth first, each once).
 * A file that cannot be read is a REF problem at the root.
 */
export async function collectDocuments(root: ContractSource, read: (file: string) => Promise<ContractSource>): Promise<DocumentSet> {
  const files = new Map<string, ContractSource>([[root.file, root]]);
  const queue = [root];
  const problems: ContractProblem[] = [];
  reading: while (queue.length > 0) {
    const source = queue.shift()!;
    for (const file of externalFiles(source)) {
      if (files.has(file)) continue;
      if (files.size >= MAX_FILES) {
        problems.push({ pointer: '', message: `More than ${MAX_FILES} referenced files: stopped reading at ${file}.` });
        break reading;
      }
      try {
        const parsed = await read(file);
        files.set(file, parsed);
        queue.push(parsed);
      } catch (error) {
        const reason = error instanceof ContractError ? error.problems.map((p) => p.message).join(' ') : (error as Error).message;
        problems.push({ pointer: '', message: `Failed to read the referenced file ${file}: ${reason}` });
      }
    }
  }
  if (problems.length > 0) throw new ContractError('REF', root.file, problems);
  return { root, files };
}

/** Vendor documents split one file per schema, example and path reach a few thousand; this only bounds runaway input. */
const MAX_FILES = 10_000;

/** A set of one document (text already in memory: tests, the browser). */
export function singleDocument(root: ContractSource): DocumentSet {
  return { root, files: new Map([[root.file, root]]) };
}
