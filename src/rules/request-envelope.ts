import type { BehaviourModel, OperationModel } from '../contract/model.ts';
import { splitPointer } from '../shared/json-pointer.ts';

/**
 * Where a write's body carries the record's fields: the body itself, or the object an envelope holds
 * (`{data: {...}}`, `{user: {...}}`). The mock stores from it, the runner fills it and reads back from it.
 */

type Data = Record<string, unknown>;

const isData = (value: unknown): value is Data => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The record's fields a body carries; an envelope that holds no object carries none (`{}`). */
export function recordInBody(behaviour: Pick<BehaviourModel, 'bodyEnvelope'>, body: unknown): Data {
  if (!behaviour.bodyEnvelope) return (body ?? {}) as Data;
  let node: unknown = body;
  for (const segment of splitPointer(behaviour.bodyEnvelope ?? '')) node = isData(node) && Object.hasOwn(node, segment) ? node[segment] : undefined;
  return isData(node) ? node : {};
}

/** The body with the record's fields replaced by `fields` (a copy; the body itself when there is no envelope). */
export function withRecordInBody(behaviour: Pick<BehaviourModel, 'bodyEnvelope'>, body: unknown, fields: Data): unknown {
  const segments = splitPointer(behaviour.bodyEnvelope ?? '');
  if (segments.length === 0) return fields;
  const copy: Data = isData(body) ? { ...body } : {};
  let node = copy;
  for (const segment of segments.slice(0, -1)) {
    const next: Data = isData(node[segment]) ? { ...(node[segment] as Data) } : {};
    node[segment] = next;
    node = next;
  }
  node[segments[segments.length - 1]] = fields;
  return copy;
}

/** The schema of the object a write's body carries the record's fields in (the body schema without an envelope). */
export function recordBodySchemaOf(operation: OperationModel): object | undefined {
  return recordBodySchema(operation.body?.schema, operation.behaviour.bodyEnvelope);
}

/** The schema at an envelope pointer of a body schema (the body schema itself for none). */
export function recordBodySchema(schema: unknown, envelope: string | undefined): object | undefined {
  let node: unknown = schema;
  for (const segment of splitPointer(envelope ?? '')) node = propertyOf(node, segment);
  return isData(node) && mayBeObject(node) ? node : undefined;
}

/** A schema whose `type` allows an object (or says nothing): an array or a string holds no record's fields. */
function mayBeObject(schema: Data): boolean {
  const { type } = schema;
  return type === undefined || type === 'object' || (Array.isArray(type) && type.includes('object'));
}

/** A property's schema, looking through allOf/anyOf/oneOf. */
function propertyOf(schema: unknown, name: string): unknown {
  if (!isData(schema)) return undefined;
  // Own keys only: `__proto__` or `constructor` names a property the document declares, or none.
  const own = isData(schema.properties) && Object.hasOwn(schema.properties, name) ? schema.properties[name] : undefined;
  if (own !== undefined) return own;
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    for (const branch of Array.isArray(schema[key]) ? schema[key] as unknown[] : []) {
      const found = propertyOf(branch, name);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
