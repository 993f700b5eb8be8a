import type { SchemaDocument } from './compiler.ts';
import { documentNode } from './document-node.ts';
import { documentsMentionUnevaluated, mentionsKeyword, UNEVALUATED } from './mentions-keyword.ts';
import { DATA_KEYS, SCHEMA_MAPS } from './document-keys.ts';

/**
 * A root schema for the yes/no twin (quick-check.ts) with each `$ref` that is all its schema says replaced by
 * a copy of its target. ajv compiles a target that has `$ref`s of its own as a function of its own, and every
 * call passes a new options object and builds the value's path as text: a create body whose properties
 * reference named schemas made a call, and its garbage, per property. The copy validates alike: a schema
 * that is only `{$ref}` applies its target where it stands. Left as references: targets still being inlined
 * (recursion), references to places outside the documents, and targets that set their own base or anchors
 * (`$id`, `$anchor`, `$dynamicAnchor`...), whose meaning depends on where they are. The root as given when
 * nothing is inlined, where `unevaluatedProperties`/`unevaluatedItems` appear, or the copy would pass
 * `MAX_NODES` schemas or nest beyond the stack.
 */
export function withRefsInlined(root: object, documents: readonly SchemaDocument[]): object {
  if (documentsMentionUnevaluated(documents) || mentionsKeyword(root, UNEVALUATED)) return root;
  const byId = new Map(documents.map((document) => [document.id, document.data]));
  const inliner = new Inliner(byId);
  try {
    const copy = inliner.schema(root) as object;
    return inliner.inlined > 0 ? copy : root;
  } catch (error) {
    if (error === OVER_BUDGET || error instanceof RangeError) return root;
    throw error;
  }
}

const MAX_NODES = 2000;

const OVER_BUDGET = new Error('inlined copy over budget');
/** Keywords that give a schema a base or a name of its own: such a target stays a reference. */
const PLACE_KEYWORDS: ReadonlySet<string> = new Set(['$id', '$anchor', '$dynamicAnchor', '$dynamicRef', '$recursiveAnchor', '$recursiveRef']);
/** Copied as they are: data (document-keys.ts), and keywords whose value holds no schema. */
const KEPT: ReadonlySet<string> = new Set([...DATA_KEYS, 'discriminator', 'required']);

class Inliner {
  private nodes = 0;
  /** How many references were replaced. */
  inlined = 0;
  private readonly inlining = new Set<string>();
  private readonly movable = new Map<string, boolean>();

  constructor(private readonly byId: ReadonlyMap<string, unknown>) {}

  schema(node: unknown): unknown {
    if (node === null || typeof node !== 'object') return node;
    if (++this.nodes > MAX_NODES) throw OVER_BUDGET;
    if (Array.isArray(node)) return node.map((item) => this.schema(item));
    const schema = node as Record<string, unknown>;
    const target = this.inlinableTarget(schema);
    if (target !== undefined) {
      const ref = schema.$ref as string;
      this.inlining.add(ref);
      this.inlined++;
      try {
        return this.schema(target);
      } finally {
        this.inlining.delete(ref);
      }
    }
    const copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(schema)) {
      const copied = KEPT.has(key) || key.startsWith('x-') ? value : SCHEMA_MAPS.has(key) ? this.schemaMap(value) : this.schema(value);
      // A property named `__proto__` is data, as JSON.parse made it.
      Object.defineProperty(copy, key, { value: copied, enumerable: true, writable: true, configurable: true });
    }
    return copy;
  }

  private schemaMap(value: unknown): unknown {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return this.schema(value);
    const copy: Record<string, unknown> = {};
    for (const [name, schema] of Object.entries(value)) Object.defineProperty(copy, name, { value: this.schema(schema), enumerable: true, writable: true, configurable: true });
    return copy;
  }

  /** The target of a schema that is only a `$ref`, when it can stand in its place. */
  private inlinableTarget(schema: Record<string, unknown>): unknown {
    const ref = schema.$ref;
    if (typeof ref !== 'string' || this.inlining.has(ref)) return undefined;
    for (const key in schema) if (key !== '$ref') return undefined;
    if (!this.byId.has(ref.slice(0, Math.max(0, ref.indexOf('#'))))) return undefined;
    const target = documentNode(ref, this.byId);
    if (typeof target === 'boolean') return target;
    if (target === null || typeof target !== 'object' || Array.isArray(target)) return undefined;
    let movable = this.movable.get(ref);
    if (movable === undefined) {
      movable = !mentionsKeyword(target, PLACE_KEYWORDS);
      this.movable.set(ref, movable);
    }
    return movable ? target : undefined;
  }
}
