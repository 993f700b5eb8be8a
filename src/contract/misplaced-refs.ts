import type { DocumentSet } from './documents.ts';
import { isRemoteRef, resolveFile, splitRef } from './documents.ts';
import type { ContractProblem } from './errors.ts';
import { joinPointer, objectAt, valueAt } from '../shared/json-pointer.ts';

/**
 * `$ref`s where OpenAPI allows none but real documents have them, with one meaning only: a whole operation
 * (`get: {$ref: ops/list.yml}`), a whole `properties` map (`properties: {$ref: '#/.../properties'}`: no
 * property schema can be a string) and a `description` or `summary` kept in another file. Each is
 * replaced by what it names, with a warning; an operation or map taken from another file has its own
 * `$ref`s rewritten to still name what they named there. Documents are copied, never changed in place;
 * anything else is left for validation to report.
 */
const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
const TEXTS = new Set(['description', 'summary']);
/** Maps whose keys are names chosen by the author: a property called `description` is no description. */
const NAME_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'schemas', 'parameters', 'responses', 'headers', 'examples',
  'requestBodies', 'securitySchemes', 'links', 'callbacks', 'content', 'variables', 'encoding', 'mapping', 'dependentSchemas', 'pathItems', 'paths', 'webhooks']);
const MAX_NODES = 2_000_000;

type Kind = 'operation' | 'properties' | 'text';
interface Place { readonly pointer: string; readonly key: string; readonly ref: string; readonly kind: Kind }

export function liftMisplacedRefs(set: DocumentSet): { set: DocumentSet; warnings: ContractProblem[] } {
  const warnings: ContractProblem[] = [];
  const copies = new Map<string, unknown>();
  const budget = { count: 0 };
  // The root last: the operations it takes from other files come with those files' own places mended.
  const sources = [...[...set.files.values()].filter((source) => source.file !== set.root.file), set.root];
  for (const source of sources) {
    const places: Place[] = [];
    findPlaces(source.data, '', undefined, source.file === set.root.file, places, budget);
    for (const place of places) {
      const target = locate(set, copies, source.file, place.ref);
      const value = replacement(place.kind, target, source.file);
      if (value === undefined && place.kind !== 'text') continue;
      if (!copies.has(source.file)) copies.set(source.file, structuredClone(source.data));
      const holder = objectAt(copies.get(source.file), place.pointer.slice(0, place.pointer.lastIndexOf('/')));
      if (!holder) continue;
      if (value === undefined) delete holder[place.key];
      else holder[place.key] = value;
      const pointer = joinPointer(place.pointer, '$ref');
      const what = place.kind === 'operation' ? 'a whole operation' : place.kind === 'properties' ? 'a whole properties map' : `the ${place.key}`;
      const done = value === undefined ? `it names no text, so the ${place.key} is left out` : `it is read as what it names, ${place.ref}`;
      warnings.push({ pointer, line: source.lineOf(pointer), message: `A $ref is not allowed here (${what}): ${done}.`, ...(source.file === set.root.file ? {} : { file: source.file }) });
    }
  }
  if (copies.size === 0) return { set, warnings };
  const files = new Map([...set.files].map(([file, source]) => [file, copies.has(file) ? { ...source, data: copies.get(file) } : source]));
  return { set: { root: files.get(set.root.file) ?? set.root, files }, warnings };
}

function findPlaces(node: unknown, pointer: string, parentKey: string | undefined, root: boolean, found: Place[], budget: { count: number }): void {
  if (node === null || typeof node !== 'object' || ++budget.count > MAX_NODES) return;
  if (Array.isArray(node)) {
    node.forEach((item, i) => findPlaces(item, `${pointer}/${i}`, undefined, root, found, budget));
    return;
  }
  const named = parentKey !== undefined && NAME_MAPS.has(parentKey);
  for (const [key, child] of Object.entries(node as Record<string, unknown>)) {
    const at = joinPointer(pointer, key);
    const ref = refOf(child);
    const kind: Kind | undefined = ref === undefined || isRemoteRef(splitRef(ref).file ?? '') ? undefined
      : root && METHODS.has(key) && /^\/(paths|webhooks|components\/pathItems)\/[^/]+$/.test(pointer) ? 'operation'
        : !named && key === 'properties' ? 'properties'
          : !named && TEXTS.has(key) ? 'text' : undefined;
    if (kind !== undefined) found.push({ pointer: at, key, ref: ref!, kind });
    else findPlaces(child, at, key, root, found, budget);
  }
}

/** The `$ref` of an object that is a reference (siblings aside), else undefined. */
function refOf(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const ref = (value as Record<string, unknown>).$ref;
  return typeof ref === 'string' ? ref : undefined;
}

function locate(set: DocumentSet, copies: ReadonlyMap<string, unknown>, from: string, ref: string): { file: string; value: unknown } | undefined {
  const { file, pointer } = splitRef(ref);
  const named = file === undefined ? from : resolveFile(from, file);
  const source = set.files.get(named);
  if (!source) return undefined;
  return { file: named, value: valueAt(copies.has(named) ? copies.get(named) : source.data, pointer) };
}

function replacement(kind: Kind, target: { file: string; value: unknown } | undefined, holderFile: string): unknown {
  const value = target?.value;
  if (kind === 'text') return typeof value === 'string' ? value : undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value) || refOf(value) !== undefined) return undefined;
  const copy = structuredClone(value);
  if (target!.file !== holderFile) rebase(copy, target!.file, holderFile);
  return copy;
}

/** Every `$ref` in a subtree moved from `from` into `to`, rewritten to name the same place from there. */
function rebase(node: unknown, from: string, to: string): void {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    node.forEach((item) => rebase(item, from, to));
    return;
  }
  const object = node as Record<string, unknown>;
  for (const [key, child] of Object.entries(object)) {
    if (key === '$ref' && typeof child === 'string') {
      const { file } = splitRef(child);
      if (file !== undefined && isRemoteRef(file)) continue;
      const hash = child.indexOf('#');
      const fragment = hash < 0 ? '' : child.slice(hash);
      object.$ref = `${relativePath(to, file === undefined ? from : resolveFile(from, file))}${fragment}`;
    } else {
      rebase(child, from, to);
    }
  }
}

/** The path of file `target` as a `$ref` in file `from` names it (both as the document set keys them). */
function relativePath(from: string, target: string): string {
  if (from === target) return '';
  const fromDirs = from.split('/').slice(0, -1);
  const parts = target.split('/');
  let common = 0;
  while (common < fromDirs.length && common < parts.length - 1 && fromDirs[common] === parts[common]) common++;
  return [...fromDirs.slice(common).map(() => '..'), ...parts.slice(common)].join('/');
}
