import type { ContractProblem } from './errors.ts';
import { joinPointer, objectAt } from '../shared/json-pointer.ts';

/**
 * `$ref`s where OpenAPI allows none but real documents have them, with one meaning only: a whole
 * operation (`get: {$ref: ...}`) and a whole `properties` map (`properties: {$ref: '#/.../properties'}`,
 * where no property schema can be a string). Each is replaced by what it names (a reference within the
 * document), with a warning; the document is copied first, never changed in place. Anything else is left
 * for validation to report.
 */
const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
const MAX_NODES = 2_000_000;

export function liftMisplacedRefs(document: Record<string, unknown>): { document: Record<string, unknown>; warnings: ContractProblem[] } {
  const warnings: ContractProblem[] = [];
  const places: { holder: Record<string, unknown>; key: string; pointer: string; ref: string }[] = [];
  findPlaces(document, '', undefined, places, { count: 0 });
  if (places.length === 0) return { document, warnings };
  const copy = structuredClone(document);
  for (const place of places) {
    const holder = objectAt(copy, place.pointer.slice(0, place.pointer.lastIndexOf('/')));
    const target = resolveLocal(copy, place.ref);
    if (!holder || target === undefined) continue;
    holder[place.key] = structuredClone(target);
    warnings.push({ pointer: joinPointer(place.pointer, '$ref'), message: `A $ref is not allowed here (${place.key === 'properties' ? 'a whole properties map' : 'a whole operation'}): it is read as the object it names, ${place.ref}.` });
  }
  return { document: copy, warnings };
}

function findPlaces(node: unknown, pointer: string, parentKey: string | undefined, found: { holder: Record<string, unknown>; key: string; pointer: string; ref: string }[], budget: { count: number }): void {
  if (node === null || typeof node !== 'object' || ++budget.count > MAX_NODES) return;
  if (Array.isArray(node)) {
    node.forEach((item, i) => findPlaces(item, `${pointer}/${i}`, undefined, found, budget));
    return;
  }
  const object = node as Record<string, unknown>;
  for (const [key, child] of Object.entries(object)) {
    const childPointer = joinPointer(pointer, key);
    const ref = refOnly(child);
    const operationSlot = METHODS.has(key) && parentKey !== undefined && isPathItemParent(pointer);
    if (ref !== undefined && ref.startsWith('#') && ((key === 'properties' && parentKey !== 'properties') || operationSlot)) {
      found.push({ holder: object, key, pointer: childPointer, ref });
      continue;
    }
    findPlaces(child, childPointer, key, found, budget);
  }
}

/** `/paths/~1pets` or `/components/pathItems/pets`: where an object's method keys are operations. */
function isPathItemParent(pointer: string): boolean {
  return /^\/paths\/[^/]+$/.test(pointer) || /^\/components\/pathItems\/[^/]+$/.test(pointer);
}

/** The `$ref` of an object that is a reference (siblings aside), else undefined. */
function refOnly(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const ref = (value as Record<string, unknown>).$ref;
  return typeof ref === 'string' ? ref : undefined;
}

function resolveLocal(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let pointer: string;
  try {
    pointer = decodeURIComponent(ref.slice(1));
  } catch {
    return undefined;
  }
  const target = objectAt(root, pointer);
  return target !== undefined && refOnly(target) === undefined ? target : undefined;
}

