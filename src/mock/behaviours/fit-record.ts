import type { ResourceModel } from '../../contract/model.ts';
import { fieldSchemasFor, fitsToSchemas, unsetRequired } from '../../rules/stored.ts';
import { referenceIdProperty } from '../../rules/reference.ts';
import { sampleFromSchema } from '../../schema/sample.ts';
import type { MockContext } from '../context.ts';
import { mendedValue } from './mend-value.ts';
import { isPlainObject } from '../../shared/plain-object.ts';

/**
 * What a client wrote, as the record schema can show it, where the stored rule fits a resource to its
 * schemas (rules/stored.ts): a written value the record schema does not accept is replaced by a value drawn
 * from that field's schema, or left out when none can be drawn (an array or object is mended first, keeping
 * its items and properties the schema accepts: mend-value.ts); a null is left out (a key a create writes is
 * left out too, so a unique one is made up). A bare id written for a compact reference
 * (rules/reference.ts) is shown as the reference carrying it. An object an update writes over a stored one
 * is merged into it first (`address: {city}` keeps the stored `country` the record requires), as a partial
 * update merges (RFC 7396); a replace does too, for the nested fields its body cannot carry.
 */
export function fitToRecord(context: MockContext, resource: ResourceModel, data: Record<string, unknown>, previous?: Record<string, unknown>): void {
  if (!fitsToSchemas(resource)) return;
  const schemas = fieldSchemasFor(resource, { ...previous, ...data });
  for (const [field, value] of Object.entries(data)) {
    // A required field the schema declares no property for (`required: [balance]` alone) takes any value.
    const schema = schemas[field] ?? ANY_VALUE;
    const validate = context.contract.schemas.tryCompile(schema);
    if (!validate || validate(value)) continue;
    // A null the record cannot hold says "not given" (optional fields of generated clients): the field is left as it is.
    if (value === null) {
      delete data[field];
      continue;
    }
    // A key the record cannot show as written (`mycompany` where records hold `custom:mycompany`): the create
    // makes up a fresh one (generated.ts#generateKeyIfLeftOut), as a value drawn here could repeat a held key.
    if (field === resource.key && previous === undefined) {
      delete data[field];
      continue;
    }
    const merged = mergedObject(previous?.[field], value);
    if (merged !== undefined && validate(merged)) {
      data[field] = merged;
      continue;
    }
    const replacement = asReference(context, value, schema, validate) ?? mendedValue(context, value, schema, drawFrom(context)) ?? drawValid(context, schema, validate);
    if (replacement === undefined) delete data[field];
    else data[field] = replacement;
  }
}

const ANY_VALUE: object = {};

/**
 * Required record fields nothing has set yet (a create body that does not carry them, a replace that
 * leaves them out): the previous value where there is one, else one drawn from the field's schema.
 * Only where the stored rule fits the resource to its schemas, as above.
 */
export function completeRequired(context: MockContext, resource: ResourceModel, data: Record<string, unknown>, previous?: Record<string, unknown>): void {
  if (!fitsToSchemas(resource)) return;
  const schemas = fieldSchemasFor(resource, data);
  for (const { field, previous: kept } of unsetRequired(resource, data, previous)) {
    if (kept !== undefined) {
      data[field] = kept;
      continue;
    }
    // A required field the schema declares no property for (`required: [balance]` alone) takes any value.
    const schema = schemas[field] ?? ANY_VALUE;
    const validate = context.contract.schemas.tryCompile(schema);
    const value = schema && validate ? drawValid(context, schema, validate) : undefined;
    if (value !== undefined) data[field] = value;
  }
}

function mergedObject(stored: unknown, written: unknown): Record<string, unknown> | undefined {
  return isPlainObject(stored) && isPlainObject(written) ? { ...stored, ...written } : undefined;
}

/** A reference object carrying the bare id written where the record shows one (the rest drawn), when that is valid. */
function asReference(context: MockContext, value: unknown, schema: object, validate: (value: unknown) => unknown): unknown {
  const property = referenceIdProperty(schema);
  if (property === undefined || (typeof value !== 'string' && typeof value !== 'number')) return undefined;
  const drawn = drawValid(context, schema, validate);
  const reference = { ...(drawn !== null && typeof drawn === 'object' ? drawn : {}), [property]: value };
  if (validate(reference) === true) return reference;
  return validate({ [property]: value }) === true ? { [property]: value } : undefined;
}

/** Draws a value of a schema, or undefined when none is found valid. */
function drawFrom(context: MockContext): (schema: object) => unknown {
  return (schema) => {
    const validate = context.contract.schemas.tryCompile(schema);
    return validate ? drawValid(context, schema, validate) : undefined;
  };
}

function drawValid(context: MockContext, schema: object, validate: (value: unknown) => unknown): unknown {
  context.faker.seed(context.random.int(2 ** 31));
  for (let attempt = 0; attempt < 10; attempt++) {
    const value = sampleFromSchema(schema, context.faker, { optionalProbability: 0.5, maxDepth: 3, compile: context.contract.schemas.tryCompile });
    if (validate(value) === true) return value;
  }
  return undefined;
}
