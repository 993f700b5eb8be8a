import { isPlainObject } from '../shared/plain-object.ts';
import type { SchemaDocument } from './compiler.ts';
import { ancestors, compositionGraphOf, expand, type CompositionGraph, type Place, type Resolve, type Schema } from './composition-graph.ts';
import { documentNode } from './document-node.ts';
import { mentionsKeyword } from './mentions-keyword.ts';

/**
 * OpenAPI's reading of `required` beside `readOnly` and `writeOnly`, which JSON Schema lacks: a required
 * `readOnly` property is required in responses only, a required `writeOnly` one in requests only (3.0
 * says so; 3.1 documents carry the same intent). One schema serves both directions (`User` is the create
 * body and the answer), so a request validator must not demand the `id` the server assigns, nor a
 * response validator the `password` it never shows.
 */
export type Direction = 'request' | 'response';

const EXEMPT_BY: Readonly<Record<Direction, 'readOnly' | 'writeOnly'>> = { request: 'readOnly', response: 'writeOnly' };

/** The documents as one direction's validators compile them. */
export interface DirectedDocuments {
  /** Copies with the same ids and pointers (errors' `schemaPath`s still name the user's document). */
  readonly documents: readonly SchemaDocument[];
  /** A schema of the inlined document (its `$ref`s replaced by their targets) with the same changes. */
  inlined(schema: object): object;
}

/**
 * Copies of the documents whose schemas leave out of `required` the properties the other direction owns,
 * or undefined when no schema changes (the validators then compile from the documents themselves).
 * Rewriting the schemas, not filtering a validator's errors, is what makes it hold inside `oneOf` /
 * `anyOf`: a branch that failed only for the server's `id` passes, and counts. Unchanged parts are shared
 * with the documents, not copied. `origins` maps the inlined document's schemas to their ids.
 */
export function directedDocuments(documents: readonly SchemaDocument[], origins: WeakMap<object, string>, direction: Direction): DirectedDocuments | undefined {
  const keyword = EXEMPT_BY[direction];
  if (!documents.some((document) => mentionsKeyword(document.data, new Set([keyword])))) return undefined;
  const graph = compositionGraphOf(documents);
  const changes = new Map<object, unknown[]>();
  const places: Place[] = [];
  const exempt = exemptions(keyword, graph);
  for (const [schema, place] of graph.requiring) {
    const required = schema.required as unknown[];
    const isExempt = exempt(schema);
    const kept = required.filter((name) => typeof name !== 'string' || !isExempt(name));
    if (kept.length === required.length) continue;
    changes.set(schema, kept);
    places.push(place);
  }
  if (changes.size === 0) return undefined;
  const copied = copiedAlong(places, changes);
  const copies = documents.map((document) => ({ id: document.id, data: copied.get(document.data as object) ?? document.data }));
  const byId = new Map(documents.map((document) => [document.id, document.data]));
  // An inlined schema is changed where the document's schema it comes from is (and still has its `required`).
  const changedFrom = (node: object) => {
    const origin = origins.get(node);
    const source = origin === undefined ? undefined : documentNode(origin, byId);
    const required = isPlainObject(source) ? changes.get(source) : undefined;
    return required && sameList((node as Schema).required, (source as Schema).required) ? required : undefined;
  };
  const inlined = new WeakMap<object, object>();
  return {
    documents: copies,
    inlined(schema) {
      let copy = inlined.get(schema);
      if (!copy) inlined.set(schema, copy = (withinStack(() => rewritten(schema, changedFrom)) ?? schema) as object);
      return copy;
    },
  };
}

/** Nested beyond the stack: undefined, and the validators keep the documents' `required` (stricter, never looser). */
function withinStack<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

function sameList(left: unknown, right: unknown): boolean {
  return Array.isArray(left) && Array.isArray(right) && left.length === right.length && left.every((item, index) => item === right[index]);
}

/** Bounds the schemas read for all the documents' `required` lists together (a hostile web of `allOf`s). */
const BUDGET = 500_000;

/**
 * Whether a name a schema requires is the other direction's. The schema's own declaration decides (on the
 * property, through its `$ref` / `allOf`, or in what the schema is composed of); a schema that requires a
 * property it does not declare (an `allOf` part, a `oneOf` branch) reads the schemas it is part of: an
 * over-approximation when one such schema is shared by several. Past the budget, a schema reads only its
 * own properties.
 */
function exemptions(keyword: string, graph: CompositionGraph): (schema: Schema) => (name: string) => boolean {
  let budget = BUDGET;
  return (schema) => {
    const own = budget > 0 ? expand([schema], graph.resolve) : [schema];
    budget -= own.length;
    let around: Schema[] | undefined;
    const surrounding = () => {
      if (around === undefined && budget > 0) {
        around = expand(ancestors(schema, graph), graph.resolve);
        budget -= around.length;
      }
      return around ?? [];
    };
    return (name) => declaration(own, name, keyword, graph.resolve) ?? declaration(surrounding(), name, keyword, graph.resolve) === true;
  };
}

/** True when a schema declares the property with the keyword, false when declared only without it, else undefined. */
function declaration(schemas: readonly Schema[], name: string, keyword: string, resolve: Resolve): boolean | undefined {
  let declared = false;
  for (const schema of schemas) {
    const property = isPlainObject(schema.properties) && Object.hasOwn(schema.properties, name) ? schema.properties[name] : undefined;
    if (property === undefined) continue;
    declared = true;
    if (expand([property], resolve).some((node) => node[keyword] === true)) return true;
  }
  return declared ? false : undefined;
}

/**
 * Each changed schema copied with its new `required`, and every container on the way from its document's
 * root copied to hold the copy: original -> copy (the rest is shared).
 */
function copiedAlong(places: readonly Place[], changes: ReadonlyMap<object, unknown[]>): Map<object, object> {
  const copies = new Map<object, object>();
  const copyOf = (node: object) => {
    let copy = copies.get(node);
    if (!copy) copies.set(node, copy = Array.isArray(node) ? [...node] : { ...node });
    return copy;
  };
  for (const place of places) {
    defineKey(copyOf(place.node), 'required', changes.get(place.node));
    for (let at: Place = place; at.parent !== undefined; at = at.parent) {
      const known = copies.has(at.parent.node);
      defineKey(copyOf(at.parent.node), at.key, copies.get(at.node));
      if (known) break;
    }
  }
  return copies;
}

/** defineProperty: a key named `__proto__` stays a key. */
function defineKey(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/** `root` with each changed schema's `required` replaced: a new object along the way to each, the rest shared. */
function rewritten(root: unknown, changedRequired: (node: object) => unknown[] | undefined): unknown {
  const copies = new Map<object, unknown>();
  const visit = (node: unknown): unknown => {
    if (node === null || typeof node !== 'object') return node;
    if (copies.has(node)) return copies.get(node);
    copies.set(node, node);
    let copy: Record<string, unknown> | unknown[] | undefined;
    const set = (key: string, value: unknown) => {
      copy ??= Array.isArray(node) ? [...node] : { ...node };
      defineKey(copy, key, value);
    };
    for (const [key, child] of Object.entries(node)) {
      const next = visit(child);
      if (next !== child) set(key, next);
    }
    const required = Array.isArray(node) ? undefined : changedRequired(node);
    if (required) set('required', required);
    if (copy) copies.set(node, copy);
    return copy ?? node;
  };
  return visit(root);
}
