import type { SchemaDocument } from './compiler.ts';
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
/** Bounds each walk through a hostile document's compositions. */
const MAX_NODES = 2000;

type Schema = Record<string, unknown>;
type Resolve = (ref: string) => unknown;

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
  const byId = new Map(documents.map((document) => [document.id, document.data]));
  const graph = compositionGraph(documents, (ref) => documentNode(ref, byId));
  const changes = new Map<object, unknown[]>();
  for (const schema of graph.requiring) {
    const required = schema.required as unknown[];
    const kept = required.filter((name) => typeof name !== 'string' || !exempt(schema, name, keyword, graph));
    if (kept.length < required.length) changes.set(schema, kept);
  }
  if (changes.size === 0) return undefined;
  const copies = withinStack(() => documents.map((document) => ({ id: document.id, data: rewritten(document.data, (node) => changes.get(node)) })));
  if (copies === undefined) return undefined;
  // An inlined schema is changed where the document's schema it comes from is (and still has its `required`).
  const changedFrom = (node: object) => {
    const origin = origins.get(node);
    const source = origin === undefined ? undefined : documentNode(origin, byId);
    const required = isSchema(source) ? changes.get(source) : undefined;
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

/**
 * Whether `name`, required by `schema`, is the other direction's. The schema's own declaration decides
 * (on the property, through its `$ref` / `allOf`, or in what the schema is composed of); a schema that
 * requires a property it does not declare (an `allOf` part, a `oneOf` branch) reads the schemas it is part
 * of: an over-approximation when one such schema is shared by several.
 */
function exempt(schema: Schema, name: string, keyword: string, graph: CompositionGraph): boolean {
  const own = declaration(expand([schema], graph.resolve), name, keyword, graph.resolve);
  if (own !== undefined) return own;
  return declaration(expand(ancestors(schema, graph), graph.resolve), name, keyword, graph.resolve) === true;
}

/** True when a schema declares the property with the keyword, false when declared only without it, else undefined. */
function declaration(schemas: readonly Schema[], name: string, keyword: string, resolve: Resolve): boolean | undefined {
  let declared = false;
  for (const schema of schemas) {
    const property = isSchema(schema.properties) && Object.hasOwn(schema.properties, name) ? schema.properties[name] : undefined;
    if (property === undefined) continue;
    declared = true;
    if (expand([property], resolve).some((node) => node[keyword] === true)) return true;
  }
  return declared ? false : undefined;
}

interface CompositionGraph {
  /** Schemas with a `required` list. */
  readonly requiring: Schema[];
  /** A schema -> the schemas it is an `allOf` / `anyOf` / `oneOf` member or `$ref` target of. */
  readonly partOf: Map<object, Schema[]>;
  readonly resolve: Resolve;
}

const COMPOSITIONS = ['allOf', 'anyOf', 'oneOf'];
/** Keys whose value holds schemas by name (the value itself is no schema), and keys whose value is data. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'dependentSchemas', '$defs', 'definitions', 'schemas']);
const DATA = new Set(['enum', 'const', 'default', 'example', 'examples']);

function compositionGraph(documents: readonly SchemaDocument[], resolve: Resolve): CompositionGraph {
  const requiring: Schema[] = [];
  const partOf = new Map<object, Schema[]>();
  const link = (part: unknown, whole: Schema) => {
    if (!isSchema(part)) return;
    const wholes = partOf.get(part);
    if (wholes) wholes.push(whole);
    else partOf.set(part, [whole]);
  };
  const seen = new Set<object>();
  const pending: [unknown, boolean][] = documents.map((document) => [document.data, false]);
  while (pending.length > 0) {
    const [node, isMap] = pending.pop()!;
    if (node === null || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    if (Array.isArray(node) || isMap) {
      for (const child of Object.values(node)) pending.push([child, false]);
      continue;
    }
    const schema = node as Schema;
    if (Array.isArray(schema.required) && schema.required.length > 0) requiring.push(schema);
    if (typeof schema.$ref === 'string') link(resolve(schema.$ref), schema);
    for (const key of COMPOSITIONS) if (Array.isArray(schema[key])) for (const part of schema[key] as unknown[]) link(part, schema);
    for (const [key, child] of Object.entries(schema)) if (!DATA.has(key)) pending.push([child, SCHEMA_MAPS.has(key)]);
  }
  return { requiring, partOf, resolve };
}

/** The schemas `schema` is part of, transitively (through compositions and `$ref`s). */
function ancestors(schema: Schema, graph: CompositionGraph): Schema[] {
  const found = new Set<Schema>();
  const pending: Schema[] = [...(graph.partOf.get(schema) ?? [])];
  while (pending.length > 0 && found.size < MAX_NODES) {
    const whole = pending.pop()!;
    if (found.has(whole)) continue;
    found.add(whole);
    pending.push(...(graph.partOf.get(whole) ?? []));
  }
  return [...found];
}

/** Schemas with what they reference and their composition members, each once. */
function expand(start: readonly unknown[], resolve: Resolve): Schema[] {
  const found: Schema[] = [];
  const seen = new Set<unknown>();
  const pending: unknown[] = [...start];
  while (pending.length > 0 && found.length < MAX_NODES) {
    const node = pending.pop();
    if (!isSchema(node) || seen.has(node)) continue;
    seen.add(node);
    found.push(node);
    if (typeof node.$ref === 'string') pending.push(resolve(node.$ref));
    for (const key of COMPOSITIONS) if (Array.isArray(node[key])) pending.push(...(node[key] as unknown[]));
  }
  return found;
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
      // defineProperty: a key named `__proto__` stays a key.
      Object.defineProperty(copy, key, { value, writable: true, enumerable: true, configurable: true });
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

function isSchema(value: unknown): value is Schema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
