import type { ResourceModel } from '../../contract/model.ts';
import { sampleFromSchema } from '../../schema/sample.ts';
import type { MockContext } from '../context.ts';

const properties = new WeakMap<ResourceModel, Record<string, object>>();

/**
 * What a client wrote, as the record schema can show it. A document's request and record schemas often
 * differ (`lists: [1, 2]` sent, `lists: [{id, name}]` returned): a written value the record schema does
 * not accept is replaced by a value drawn from that field's schema, so the mock never answers a body
 * that breaks its own document. Only for inferred resources: declared ones say exactly what is stored.
 */
export function fitToRecord(context: MockContext, resource: ResourceModel, data: Record<string, unknown>): void {
  if (!resource.inferredRules.has('resource')) return;
  const schemas = propertySchemas(resource);
  for (const [field, value] of Object.entries(data)) {
    const schema = schemas[field];
    const validate = schema ? context.contract.schemas.tryCompile(schema) : null;
    if (!validate || validate(value)) continue;
    const replacement = drawValid(context, schema, validate);
    if (replacement === undefined) delete data[field];
    else data[field] = replacement;
  }
}

/**
 * Required record fields nothing has set yet (a create body that does not carry them, a replace that
 * leaves them out): the previous value where there is one, else one drawn from the field's schema.
 * Only for inferred resources, as above.
 */
export function completeRequired(context: MockContext, resource: ResourceModel, data: Record<string, unknown>, previous?: Record<string, unknown>): void {
  if (!resource.inferredRules.has('resource')) return;
  const schemas = propertySchemas(resource);
  for (const field of requiredFields(resource)) {
    if (data[field] !== undefined) continue;
    if (previous?.[field] !== undefined) {
      data[field] = previous[field];
      continue;
    }
    const schema = schemas[field];
    const validate = schema ? context.contract.schemas.tryCompile(schema) : null;
    const value = schema && validate ? drawValid(context, schema, validate) : undefined;
    if (value !== undefined) data[field] = value;
  }
}

const required = new WeakMap<ResourceModel, string[]>();

function requiredFields(resource: ResourceModel): string[] {
  let known = required.get(resource);
  if (!known) {
    const found = new Set<string>();
    const visit = (node: unknown, depth: number) => {
      if (node === null || typeof node !== 'object' || depth > 8) return;
      const object = node as Record<string, unknown>;
      for (const name of Array.isArray(object.required) ? object.required : []) found.add(String(name));
      for (const branch of Array.isArray(object.allOf) ? object.allOf : []) visit(branch, depth + 1);
    };
    visit(resource.schema, 0);
    known = [...found];
    required.set(resource, known);
  }
  return known;
}

function drawValid(context: MockContext, schema: object, validate: (value: unknown) => unknown): unknown {
  context.faker.seed(context.random.int(2 ** 31));
  for (let attempt = 0; attempt < 10; attempt++) {
    const value = sampleFromSchema(schema, context.faker, { optionalProbability: 0.5, maxDepth: 3, compile: context.contract.schemas.tryCompile });
    if (validate(value) === true) return value;
  }
  return undefined;
}

function propertySchemas(resource: ResourceModel): Record<string, object> {
  let known = properties.get(resource);
  if (!known) {
    known = {};
    const visit = (node: unknown, depth: number) => {
      if (node === null || typeof node !== 'object' || depth > 8) return;
      const object = node as Record<string, unknown>;
      for (const [name, property] of Object.entries((object.properties ?? {}) as Record<string, object>)) known![name] ??= property;
      for (const branch of Array.isArray(object.allOf) ? object.allOf : []) visit(branch, depth + 1);
    };
    visit(resource.schema, 0);
    properties.set(resource, known);
  }
  return known;
}
