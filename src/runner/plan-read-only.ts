import { isDeepStrictEqual } from 'node:util';
import type { ResourceModel } from '../contract/model.ts';
import { createSpec, type PlanContext } from './plan-specs.ts';
import { fieldSchema, validatorFor } from './schemas.ts';
import type { SchemaCompiler } from '../schema/compiler.ts';
import { withOwnFaker, sampleField, validBody } from './values.ts';
import { recordInBody, withRecordInBody } from '../rules/request-envelope.ts';
import { isPlainObject } from '../shared/plain-object.ts';

/** Values no server picks by itself: a date long past, odd numbers. */
const SENTINELS: Readonly<Record<string, readonly unknown[]>> = {
  'date-time': ['2001-02-03T04:05:06Z'],
  date: ['2001-02-03'],
  integer: [981173106, 987654, 4242],
  number: [981173106.5, 4242.5],
};

/**
 * A create that also sends the record's `readOnly` fields with values of the client's own: the server
 * may refuse the body or ignore the fields, but never store what the client sent there.
 */
export function planReadOnlySent(ctx: PlanContext): void {
  const { ops } = ctx;
  const create = ops.create[0];
  if (!create) return;
  // A faker of its own: the values of the other steps do not depend on whether this one is planned.
  const state = withOwnFaker(ctx.state, `${ops.resource.name}:read-only sent`);
  const sent = readOnlyValues(state.contract.schemas, ops.resource, state.faker);
  if (Object.keys(sent).length === 0) return;
  const body = validBody(state, create);
  if (!isPlainObject(body)) return;
  // The fields go where the body carries the record's (inside its envelope, if any).
  const carried = recordInBody(create.behaviour, body);
  const fields = Object.keys(sent).filter((field) => !(field in carried));
  if (fields.length === 0) return;
  const extra = Object.fromEntries(fields.map((field) => [field, sent[field]]));
  const withExtra = create.behaviour.bodyEnvelope ? withRecordInBody(create.behaviour, body, { ...carried, ...extra }) : { ...body, ...extra };
  const spec = createSpec(create, `${ops.resource.name}:read-only sent`, `create sending its read-only ${fields.map((f) => `\`${f}\``).join(', ')}`, withExtra);
  ctx.add({
    ...spec,
    expect: { success: true, situations: ['invalid'] },
    checks: ['read_only_ignored'],
    facts: (s, record, sentBody) => ({ ...(spec.facts!(s, record, sentBody, {}) as object), readOnlySent: extra }),
  });
}

/** A value of the client's own for each explicitly `readOnly` field that is not a constant, an enum or a flag. */
function readOnlyValues(schemas: SchemaCompiler, resource: ResourceModel, faker: Parameters<typeof sampleField>[3]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of Object.keys(resource.generated)) {
    const schema = fieldSchema(resource, field) as Record<string, unknown> | undefined;
    if (!schema || schema.readOnly !== true || 'const' in schema || 'enum' in schema) continue;
    const validate = validatorFor(schemas, schema);
    const types = [schema.type].flat();
    if (!validate || types.includes('boolean')) continue;
    const candidates = [...(SENTINELS[String(schema.format)] ?? []), ...types.flatMap((type) => SENTINELS[String(type)] ?? [])];
    const value = candidates.find((candidate) => validate(candidate) === true) ?? undocumentedSample(schemas, resource, field, schema, faker);
    if (value !== undefined && value !== null && validate(value) === true) values[field] = value;
  }
  return values;
}

/**
 * A sample unlike the field's documented values (`example`, `examples`, `default`) and not empty: a server
 * drawing its own value from the document may well pick one of those, and would then seem to store the client's.
 */
function undocumentedSample(schemas: SchemaCompiler, resource: ResourceModel, field: string, schema: Record<string, unknown>, faker: Parameters<typeof sampleField>[3]): unknown {
  const documented = [...(Array.isArray(schema.examples) ? schema.examples : []), schema.example, schema.default].filter((value) => value !== undefined);
  for (let attempt = 0; attempt < 10; attempt++) {
    const value = sampleField(schemas, resource.schema, field, faker);
    if (!isEmptyValue(value) && !documented.some((known) => isDeepStrictEqual(known, value))) return value;
  }
  return undefined;
}

/** `[]`, `{}`, `''`: what a fresh record holds anyway (no followers yet), so a server would seem to store it. */
function isEmptyValue(value: unknown): boolean {
  if (value === '') return true;
  return value !== null && typeof value === 'object' && Object.keys(value).length === 0;
}
