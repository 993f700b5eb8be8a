import { bodyAjv, type Validator } from '../schema/ajv.ts';
import type { ResourceModel } from '../contract/model.ts';
import type { SchemaCompiler } from '../schema/compiler.ts';
import { unescapePointer } from '../shared/json-pointer.ts';

type Schema = Record<string, unknown>;

const compiled = new WeakMap<object, Validator | null>();
let contractCompiler: SchemaCompiler | undefined;

/**
 * The contract whose schemas the run compiles: its own validators know its documents and `$ref`s (a
 * recursive schema compiles; a `$ref` chain compiles once). Set when a run starts.
 */
export function useContractSchemas(compiler: SchemaCompiler): void {
  contractCompiler = compiler;
}

/**
 * A validator for a schema object of the model (a property's schema, a parameter's schema), compiled once
 * per object. Null when the schema does not compile on its own: callers then skip what depends on it.
 */
export function validatorFor(schema: unknown): Validator | null {
  if (schema === null || typeof schema !== 'object') return null;
  if (compiled.has(schema)) return compiled.get(schema)!;
  let validate: Validator | null = contractCompiler?.tryCompile(schema) ?? null;
  if (!validate) {
    try {
      validate = bodyAjv.compile(schema);
    } catch {
      validate = null;
    }
  }
  compiled.set(schema, validate);
  return validate;
}

/** The schema of a top-level field of the record, looking through allOf/anyOf/oneOf. */
export function fieldSchema(resource: ResourceModel, field: string): Schema | undefined {
  return propertySchema(resource.schema, field);
}

export function propertySchema(schema: unknown, field: string): Schema | undefined {
  if (schema === null || typeof schema !== 'object') return undefined;
  const node = schema as Schema;
  const own = (node.properties as Record<string, Schema> | undefined)?.[field];
  if (own) return own;
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    for (const branch of (node[key] as unknown[] | undefined) ?? []) {
      const found = propertySchema(branch, field);
      if (found) return found;
    }
  }
  return undefined;
}

/** Top-level required property names of a body schema. */
export function requiredOf(schema: unknown): Set<string> {
  const node = (schema ?? {}) as Schema;
  return new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
}

export function hasProperty(schema: unknown, field: string): boolean {
  return propertySchema(schema, field) !== undefined;
}

/** Whether the schema node or one of the nodes along `schemaPath` (an ajv `#/...` path) is marked x-inferred. */
export function inferredAlong(schema: unknown, schemaPath: string): boolean {
  let node: unknown = schema;
  if (isInferred(node)) return true;
  const hash = schemaPath.indexOf('#');
  if (hash > 0 && contractCompiler) {
    // A path into a `$ref`'d schema names the document: every node along it in that document counts.
    const base = schemaPath.slice(0, hash + 1);
    const parts = schemaPath.slice(hash + 1).split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) if (isInferred(contractCompiler.nodeAt(base + '/' + parts.slice(0, i).join('/'), undefined))) return true;
    return false;
  }
  const segments = schemaPath.replace(/^#\/?/, '').split('/').filter(Boolean);
  for (const raw of segments) {
    const segment = unescapePointer(raw);
    if (node === null || typeof node !== 'object') return false;
    node = (node as Record<string, unknown>)[segment];
    if (isInferred(node)) return true;
  }
  return false;
}

export function isInferred(node: unknown): boolean {
  return node !== null && typeof node === 'object' && (node as Schema)['x-inferred'] === true;
}
