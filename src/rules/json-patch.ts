import { isPlainObject } from '../shared/plain-object.ts';
import { splitPointer } from '../shared/json-pointer.ts';
import { countValues } from '../shared/count-values.ts';
import { jsonEqual } from '../shared/json-equal.ts';
import { MAX_JSON_DEPTH, valueNestsDeeperThan } from '../shared/json-nesting.ts';

/**
 * JSON Patch (RFC 6902), applied atomically: the operations work on a copy, and the first that cannot be
 * applied fails the whole patch with the document untouched (§5). `malformed`: the patch document itself is
 * wrong (not an array, an unknown `op`, a missing member, a pointer without its leading `/`); `conflict`: it
 * is well formed but does not fit the document's state (a path that does not exist, a failed `test`), the
 * "conflicting state" of RFC 5789 §2.2.
 */
export type JsonPatchOutcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly failure: PatchFailureKind; readonly message: string; readonly pointer: string };

/** `invalid`: the patch applies but would grow the document past the bounds below. */
export type PatchFailureKind = 'malformed' | 'conflict' | 'invalid';

/**
 * Values `add`, `replace`, `copy` and `move` may write in one patch, and the depth the result may reach: a
 * `copy` of the root into itself doubles the document, so a few dozen operations would otherwise ask for
 * gigabytes, and nested copies would build a record too deep to store and answer (past MAX_JSON_DEPTH, the
 * depth the mock takes in a body and the runner reads in an answer).
 */
export const MAX_WRITTEN_VALUES = 200_000;

type Container = Record<string, unknown> | unknown[];

const OPS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);

class PatchFailure extends Error {
  constructor(readonly failure: PatchFailureKind, message: string, readonly pointer: string) {
    super(message);
  }
}

/** Applies `operations` to a copy of `document`; the document itself is never changed. */
export function applyJsonPatch(document: unknown, operations: unknown): JsonPatchOutcome {
  if (!Array.isArray(operations)) return { ok: false, failure: 'malformed', message: 'A JSON Patch document is an array of operations.', pointer: '' };
  const box: Box = { root: structuredClone(document), budget: MAX_WRITTEN_VALUES };
  try {
    operations.forEach((operation, index) => applyOne(box, operation, `/${index}`));
    if (valueNestsDeeperThan(box.root, MAX_JSON_DEPTH)) throw new PatchFailure('invalid', `The patched document would be nested deeper than ${MAX_JSON_DEPTH} levels.`, '');
  } catch (error) {
    if (!(error instanceof PatchFailure)) throw error;
    return { ok: false, failure: error.failure, message: error.message, pointer: error.pointer };
  }
  return { ok: true, value: box.root };
}

interface Box {
  root: unknown;
  /** Values the patch may still write (MAX_WRITTEN_VALUES). */
  budget: number;
}

function applyOne(box: Box, operation: unknown, at: string): void {
  if (!isPlainObject(operation) || typeof operation.op !== 'string' || !OPS.has(operation.op)) {
    throw new PatchFailure('malformed', `Operation ${at} has no known \`op\` (add, remove, replace, move, copy or test).`, at);
  }
  const { op } = operation;
  const path = pointerOf(operation, 'path', at);
  const needsValue = op === 'add' || op === 'replace' || op === 'test';
  if (needsValue && !Object.hasOwn(operation, 'value')) throw new PatchFailure('malformed', `Operation ${at} (${op}) has no \`value\`.`, at);
  if (op === 'add') return add(box, path, structuredClone(operation.value), at);
  if (op === 'remove') return void remove(box, path, at);
  if (op === 'replace') {
    remove(box, path, at);
    return add(box, path, structuredClone(operation.value), at);
  }
  if (op === 'test') {
    if (!jsonEqual(read(box.root, path, at), operation.value)) throw new PatchFailure('conflict', `Operation ${at} failed: \`${path}\` does not hold the value tested.`, at);
    return;
  }
  const from = pointerOf(operation, 'from', at);
  if (op === 'move' && path.startsWith(`${from}/`)) throw new PatchFailure('malformed', `Operation ${at} moves \`${from}\` into itself.`, at);
  const value = op === 'move' ? remove(box, from, at) : read(box.root, from, at);
  add(box, path, op === 'move' ? value : structuredClone(value), at);
}

function pointerOf(operation: Record<string, unknown>, member: 'path' | 'from', at: string): string {
  const pointer = operation[member];
  if (typeof pointer !== 'string' || (pointer !== '' && !pointer.startsWith('/'))) {
    throw new PatchFailure('malformed', `Operation ${at} has no \`${member}\` JSON Pointer.`, at);
  }
  return pointer;
}

/** The value at `pointer`; a missing one fails the patch. */
function read(root: unknown, pointer: string, at: string, segments = splitPointer(pointer)): unknown {
  let value = root;
  for (const segment of segments) {
    const index = isContainer(value) ? existing(value, segment) : undefined;
    if (index === undefined) throw missing(pointer, at);
    value = (value as Record<string | number, unknown>)[index];
  }
  return value;
}

/** Where `pointer`'s last segment sits: its parent container (which must exist) and the segment. */
function parentOf(root: unknown, pointer: string, at: string): { parent: Container; segment: string } {
  const segments = splitPointer(pointer);
  const parent = read(root, pointer, at, segments.slice(0, -1));
  if (!isContainer(parent)) throw missing(pointer, at);
  return { parent, segment: segments[segments.length - 1] };
}

function add(box: Box, pointer: string, value: unknown, at: string): void {
  box.budget -= countValues(value, box.budget + 1);
  if (box.budget < 0) throw new PatchFailure('invalid', `The patch writes more than ${MAX_WRITTEN_VALUES} values.`, at);
  if (pointer === '') {
    box.root = value;
    return;
  }
  const { parent, segment } = parentOf(box.root, pointer, at);
  if (!Array.isArray(parent)) {
    Object.defineProperty(parent, segment, { value, enumerable: true, writable: true, configurable: true });
    return;
  }
  const index = segment === '-' ? parent.length : arrayIndex(segment);
  if (index === undefined || index > parent.length) throw missing(pointer, at);
  parent.splice(index, 0, value);
}

/** Removes and returns the value at `pointer`. */
function remove(box: Box, pointer: string, at: string): unknown {
  if (pointer === '') throw new PatchFailure('conflict', `Operation ${at} cannot remove the whole document.`, at);
  const { parent, segment } = parentOf(box.root, pointer, at);
  const index = existing(parent, segment);
  if (index === undefined) throw missing(pointer, at);
  if (Array.isArray(parent)) return parent.splice(index as number, 1)[0];
  const value = parent[index];
  delete parent[index];
  return value;
}

/** The key or index `segment` names in `container` when it holds it. */
function existing(container: Container, segment: string): string | number | undefined {
  if (!Array.isArray(container)) return Object.hasOwn(container, segment) ? segment : undefined;
  const index = arrayIndex(segment);
  return index !== undefined && index < container.length ? index : undefined;
}

/** An array index as RFC 6901 writes one: `0` or digits without a leading zero. */
function arrayIndex(segment: string): number | undefined {
  return /^(0|[1-9][0-9]{0,8})$/.test(segment) ? Number(segment) : undefined;
}

function isContainer(value: unknown): value is Container {
  return Array.isArray(value) || isPlainObject(value);
}

function missing(pointer: string, at: string): PatchFailure {
  return new PatchFailure('conflict', `Operation ${at} failed: \`${pointer}\` does not exist.`, at);
}
