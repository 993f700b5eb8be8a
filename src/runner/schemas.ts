import type { Faker } from '@faker-js/faker';
import type { Validator } from '../schema/ajv.ts';
import type { ResourceModel } from '../contract/model.ts';
import { propertySchema, visitAllOf } from '../contract/schema-fields.ts';

/** Asked by the plan and the checks; one rule with the mock's page cap (contract/schema-fields.ts). */
export { propertySchema };
import type { SchemaCompiler } from '../schema/compiler.ts';
import type { SampleOptions } from '../schema/sample.ts';
import { unescapePointer } from '../shared/json-pointer.ts';

type Schema = Record<string, unknown>;

/**
 * A validator for a schema object of the model (a property's schema, a parameter's schema), by the
 * contract's own compiler (`contract.schemas`: it knows the contract's documents and `$ref`s and compiles
 * each object once). Null when the schema does not compile on its own: callers then skip what depends on it.
 */
export function validatorFor(schemas: SchemaCompiler, schema: unknown): Validator | null {
  return schemas.tryCompile(schema);
}

/** Where the run's random values come from: its seeded faker, checked with the contract's own validators. */
export interface Draw {
  readonly faker: Faker;
  readonly schemas: SchemaCompiler;
}

/** Sampler options that check candidates with the contract's own validators. */
export function sampleOptionsFor(schemas: SchemaCompiler, options: SampleOptions = {}): SampleOptions {
  return { ...options, compile: schemas.tryCompile };
}

/** The schema of a top-level field of the record, looking through allOf/anyOf/oneOf. */
export function fieldSchema(resource: ResourceModel, field: string): Schema | undefined {
  return propertySchema(resource.schema, field);
}

/** Top-level required property names of a body schema, through `allOf` (every branch holds). */
export function requiredOf(schema: unknown): Set<string> {
  const required = new Set<string>();
  visitAllOf(schema, (node) => {
    for (const name of Array.isArray(node.required) ? node.required : []) required.add(String(name));
  });
  return required;
}

export function hasProperty(schema: unknown, field: string): boolean {
  return propertySchema(schema, field) !== undefined;
}

/**
 * Whether an object schema can show a field: it declares it (through allOf/anyOf/oneOf), or is not closed
 * (`additionalProperties: false` or `unevaluatedProperties: false`, on it or an allOf branch). The mock
 * leaves out of such answers what they cannot show, and a server does the same.
 */
export function canShowField(schema: unknown, field: string): boolean {
  if (hasProperty(schema, field)) return true;
  let closed = false;
  visitAllOf(schema, (node) => { closed ||= node.additionalProperties === false || node.unevaluatedProperties === false; });
  return !closed;
}

/** Whether the schema node or one of the nodes along `schemaPath` (an ajv `#/...` path) is marked x-inferred. */
export function inferredAlong(schemas: SchemaCompiler, schema: unknown, schemaPath: string): boolean {
  let node: unknown = schema;
  if (isInferred(node)) return true;
  const hash = schemaPath.indexOf('#');
  if (hash > 0) {
    // A path into a `$ref`'d schema names the document: every node along it in that document counts.
    const base = schemaPath.slice(0, hash + 1);
    const parts = schemaPath.slice(hash + 1).split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) if (isInferred(schemas.nodeAt(base + '/' + parts.slice(0, i).join('/'), undefined))) return true;
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
