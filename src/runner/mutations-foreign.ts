import type { Faker } from '@faker-js/faker';
import type { OperationModel } from '../contract/model.ts';
import { isTransient } from '../rules/transient.ts';
import { sampleValid } from '../schema/sample.ts';
import type { Mutation } from './mutations.ts';
import type { SchemaCompiler } from '../schema/compiler.ts';
import { fieldSchema, hasProperty, isInferred, sampleOptionsFor, validatorFor } from './schemas.ts';
import { isPlainObject } from '../shared/plain-object.ts';

const MAX_FOREIGN = 2;

/**
 * A closed body (`additionalProperties: false`) sent with a field of the record that this operation does not
 * take, e.g. `intent` in a Gigs update or `sync` in an Endgrate push-only initiate: the contract says it is
 * refused. Fields the server sets, transient fields and fields the harness stores itself (`set`) are left
 * out; each mutation is re-validated.
 *
 * @example
 * deriveForeignFields(contract.schemas, updateOperation, { callbackUrl: null }, faker, new Set(['id']));
 * // [{ kind: 'additional', description: '`intent` (a connectSession field this operation does not take)', ... }]
 */
export function deriveForeignFields(schemas: SchemaCompiler, operation: OperationModel, valid: unknown, faker: Faker, excluded: ReadonlySet<string>): Mutation[] {
  const body = operation.body;
  if (!body || !isPlainObject(valid) || !isPlainObject(body.schema) || body.schema.additionalProperties !== false) return [];
  const resource = operation.behaviour.resource;
  const candidates: Mutation[] = [];
  for (const field of resource.fields) {
    if (excluded.has(field) || isTransient(resource, field) || hasProperty(body.schema, field) || valid[field] !== undefined) continue;
    const schema = fieldSchema(resource, field);
    const value = sampleOf(schemas, schema, faker);
    if (value === undefined) continue;
    const mutated = { ...structuredClone(valid), [field]: value };
    if (body.validate(mutated)) continue;
    candidates.push({
      kind: 'additional',
      description: `\`${field}\` (a ${resource.name} field this operation does not take)`,
      body: mutated,
      path: [field],
      inferred: isInferred(body.schema),
    });
  }
  return faker.helpers.shuffle(candidates).slice(0, MAX_FOREIGN);
}

function sampleOf(schemas: SchemaCompiler, schema: object | undefined, faker: Faker): unknown {
  const validate = validatorFor(schemas, schema);
  if (!schema || !validate) return undefined;
  try {
    return sampleValid(schema, faker, validate, sampleOptionsFor(schemas));
  } catch {
    return undefined;
  }
}
