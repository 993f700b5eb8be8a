import { isPlainObject } from '../shared/plain-object.ts';
import { DATA_KEYS, SCHEMA_MAPS } from './document-keys.ts';
import type { SchemaDocument } from './compiler.ts';
import { documentNode } from './document-node.ts';

export type Schema = Record<string, unknown>;
export type Resolve = (ref: string) => unknown;

/** Where a node sits in its document: its container's place and its key there (none for a document's root). */
export interface Place {
  readonly node: object;
  readonly parent: Place | undefined;
  readonly key: string;
}

/** The schemas of a contract's documents, as the readOnly / writeOnly reading of `required` needs them. */
export interface CompositionGraph {
  /**
   * Schemas with a `required` list, each with its place (the first one met, for a node shared by YAML
   * aliases); none written under a `not` or an `if` (a `$ref` target is one schema wherever it is used).
   */
  readonly requiring: ReadonlyMap<Schema, Place>;
  /** A schema -> the schemas it is an `allOf` / `anyOf` / `oneOf` member, `then` / `else` or `$ref` target of. */
  readonly partOf: ReadonlyMap<object, readonly Schema[]>;
  readonly resolve: Resolve;
}

const COMPOSITIONS = ['allOf', 'anyOf', 'oneOf'];
/** Single schemas that apply to the same value under a condition: read as parts of their schema, as branches are. */
const CONDITIONAL = ['then', 'else'];
const NEGATING = new Set(['not', 'if']);
/** Bounds each walk through a hostile document's compositions. */
const MAX_NODES = 2000;

/** One walk of the documents, kept for both directions (the same documents array gives the same graph). */
export function compositionGraphOf(documents: readonly SchemaDocument[]): CompositionGraph {
  let graph = graphs.get(documents);
  if (!graph) graphs.set(documents, graph = compositionGraph(documents));
  return graph;
}

const graphs = new WeakMap<readonly SchemaDocument[], CompositionGraph>();

function compositionGraph(documents: readonly SchemaDocument[]): CompositionGraph {
  const byId = new Map(documents.map((document) => [document.id, document.data]));
  // Many `$ref`s name the same few targets: each reference is looked up once.
  const targets = new Map<string, unknown>();
  const resolve: Resolve = (ref) => {
    if (targets.has(ref)) return targets.get(ref);
    const target = documentNode(ref, byId);
    targets.set(ref, target);
    return target;
  };
  const requiring = new Map<Schema, Place>();
  const partOf = new Map<object, Schema[]>();
  const link = (part: unknown, whole: Schema) => {
    if (!isPlainObject(part)) return;
    const wholes = partOf.get(part);
    if (wholes) wholes.push(whole);
    else partOf.set(part, [whole]);
  };
  const seen = new Set<object>();
  // `negated`: under a `not` or an `if`, where dropping a name from `required` would refuse more, not less.
  const pending: [unknown, boolean, Place | undefined, string, boolean][] = documents.map((document) => [document.data, false, undefined, '', false]);
  while (pending.length > 0) {
    const [node, isMap, parent, key, negated] = pending.pop()!;
    if (node === null || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    const place: Place = { node, parent, key };
    if (Array.isArray(node) || isMap) {
      for (const [name, child] of Object.entries(node)) pending.push([child, false, place, name, negated]);
      continue;
    }
    const schema = node as Schema;
    if (!negated && Array.isArray(schema.required) && schema.required.length > 0) requiring.set(schema, place);
    if (typeof schema.$ref === 'string') link(resolve(schema.$ref), schema);
    for (const part of partsOf(schema)) link(part, schema);
    for (const [name, child] of Object.entries(schema)) {
      if (!DATA_KEYS.has(name)) pending.push([child, SCHEMA_MAPS.has(name), place, name, negated || NEGATING.has(name)]);
    }
  }
  return { requiring, partOf, resolve };
}

/** The schemas `schema` is part of, transitively (through compositions and `$ref`s). */
export function ancestors(schema: Schema, graph: CompositionGraph): Schema[] {
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
export function expand(start: readonly unknown[], resolve: Resolve): Schema[] {
  const found: Schema[] = [];
  const seen = new Set<unknown>();
  const pending: unknown[] = [...start];
  while (pending.length > 0 && found.length < MAX_NODES) {
    const node = pending.pop();
    if (!isPlainObject(node) || seen.has(node)) continue;
    seen.add(node);
    found.push(node);
    if (typeof node.$ref === 'string') pending.push(resolve(node.$ref));
    pending.push(...partsOf(node));
  }
  return found;
}

/** The schemas that apply to the same value as `schema` does, written in it (`$ref`s aside). */
function partsOf(schema: Schema): unknown[] {
  const parts: unknown[] = [];
  for (const key of COMPOSITIONS) if (Array.isArray(schema[key])) parts.push(...(schema[key] as unknown[]));
  for (const key of CONDITIONAL) if (isPlainObject(schema[key])) parts.push(schema[key]);
  return parts;
}

