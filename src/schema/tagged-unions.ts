import { DATA_KEYS, SCHEMA_MAPS } from './document-keys.ts';
import { documentNode } from './document-node.ts';
import type { SchemaDocument } from './compiler.ts';
import { documentsMentionUnevaluated, mentionsKeyword, UNEVALUATED } from './mentions-keyword.ts';
import { isPlainObject } from '../shared/plain-object.ts';

/**
 * The documents as the yes/no twin (quick-check.ts) compiles them: copies in which every `oneOf` that is a
 * tagged union carries ajv's `discriminator` keyword, so the twin validates only the branch the value's tag
 * names instead of every branch (a create body with 13 intent branches ran and failed 12 of them, each
 * failure allocating its error). A tagged union here: the `oneOf`'s schema is `type: object`, every branch
 * requires the same property and gives it a `const` or string `enum`, and no two branches share a value.
 * Then exactly the named branch can pass, so "exactly one branch passes" and "the named branch passes"
 * answer alike; ajv checks the same conditions when it compiles the keyword and refuses to compile
 * otherwise (the twin is then not made, and the full validator answers alone).
 *
 * Declared OpenAPI discriminators are dropped from the copies: the loader already narrowed their branches
 * (discriminator.ts), and ajv's keyword refuses their `mapping`. Nothing changes for the full validators.
 * Documents that use `unevaluatedProperties` or `unevaluatedItems` are left as they are, since those depend
 * on which branches were evaluated.
 */
export function withTaggedUnions(documents: readonly SchemaDocument[]): SchemaDocument[] {
  if (documentsMentionUnevaluated(documents)) return [...documents];
  const copies = documents.map((document) => ({ id: document.id, data: structuredClone(document.data) }));
  const byId = new Map(copies.map((copy) => [copy.id, copy.data]));
  for (const copy of copies) markTaggedUnions(copy.data, byId);
  return copies;
}

/** A root schema built in code, marked the same way (its `$ref`s resolved in `documents`' copies). */
export function rootWithTaggedUnions(schema: object, documents: readonly SchemaDocument[]): object {
  if (mentionsKeyword(schema, UNEVALUATED) || documentsMentionUnevaluated(documents)) return schema;
  const copy = structuredClone(schema);
  markTaggedUnions(copy, new Map(documents.map((document) => [document.id, document.data])));
  return copy;
}



function markTaggedUnions(root: unknown, byId: ReadonlyMap<string, unknown>): void {
  const seen = new Set<object>();
  const pending: [unknown, boolean][] = [[root, false]];
  while (pending.length > 0) {
    const [node, isMap] = pending.pop()!;
    if (node === null || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    if (Array.isArray(node) || isMap) {
      for (const child of Object.values(node)) pending.push([child, false]);
      continue;
    }
    const schema = node as Record<string, unknown>;
    if (isPlainObject(schema.discriminator) && typeof schema.discriminator.propertyName === 'string') delete schema.discriminator;
    const tag = tagOf(schema, byId);
    if (tag !== undefined) schema.discriminator = { propertyName: tag };
    for (const [key, child] of Object.entries(schema)) if (!DATA_KEYS.has(key)) pending.push([child, SCHEMA_MAPS.has(key)]);
  }
}

/** The property that tags every branch of the schema's `oneOf`, or undefined when it is no tagged union. */
function tagOf(schema: Record<string, unknown>, byId: ReadonlyMap<string, unknown>): string | undefined {
  const branches = schema.oneOf;
  if (schema.type !== 'object' || !Array.isArray(branches) || branches.length < 2) return undefined;
  const resolved = branches.map((branch) => resolveBranch(branch, byId));
  if (resolved.some((branch) => branch === undefined)) return undefined;
  const parentRequired = Array.isArray(schema.required) ? schema.required : [];
  const first = resolved[0]!;
  const candidates = [...(Array.isArray(first.required) ? first.required : []), ...parentRequired].filter((name): name is string => typeof name === 'string');
  return candidates.find((name) => tagsEveryBranch(name, resolved as Record<string, unknown>[], parentRequired));
}

function tagsEveryBranch(name: string, branches: readonly Record<string, unknown>[], parentRequired: readonly unknown[]): boolean {
  const values = new Set<string>();
  for (const branch of branches) {
    const required = parentRequired.includes(name) || (Array.isArray(branch.required) && branch.required.includes(name));
    const property = isPlainObject(branch.properties) ? branch.properties[name] : undefined;
    const tags = required && isPlainObject(property) ? tagValues(property) : undefined;
    if (tags === undefined) return false;
    for (const tag of tags) {
      // ajv's mapping is a plain object: a value it already "has" (`constructor`...) counts as a duplicate.
      if (values.has(tag) || tag in {}) return false;
      values.add(tag);
    }
  }
  return true;
}

/** A tag property's values as ajv's keyword reads them: a non-empty `const`, else an `enum`, all strings. */
function tagValues(property: Record<string, unknown>): string[] | undefined {
  if (property.const) return typeof property.const === 'string' ? [property.const] : undefined;
  if (!Array.isArray(property.enum) || property.enum.length === 0) return undefined;
  return property.enum.every((value): value is string => typeof value === 'string') ? property.enum : undefined;
}

/** A branch, or the schema a branch that is only a `$ref` names (as ajv resolves it for the keyword). */
function resolveBranch(branch: unknown, byId: ReadonlyMap<string, unknown>): Record<string, unknown> | undefined {
  if (!isPlainObject(branch)) return undefined;
  if (typeof branch.$ref !== 'string') return branch;
  if (Object.keys(branch).length !== 1) return undefined;
  const node = documentNode(branch.$ref, byId);
  return isPlainObject(node) && typeof node.$ref !== 'string' ? node : undefined;
}
