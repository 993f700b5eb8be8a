import type { OperationModel, ResourceModel } from '../contract/model.ts';
import { readBackFields, writtenFieldSchemas } from '../rules/stored.ts';
import { patchedFields, removableFields, type PatchFormat } from '../rules/patch-media.ts';
import { versionField, versionToSend } from '../rules/versioning.ts';
import { recordIn } from './checks/support.ts';
import type { SchemaCompiler } from '../schema/compiler.ts';
import { canShowField, fieldSchema, hasProperty, propertySchema, validatorFor } from './schemas.ts';
import { asDeclaredType } from '../schema/converted-scalar.ts';
import { recordBodySchema, recordInBody } from '../rules/request-envelope.ts';
import { mergedMembers } from '../rules/json-api.ts';
import type { Actor, Exchange, RunState, TrackedRecord } from './types.ts';
import { isPlainObject } from '../shared/plain-object.ts';

/**
 * Body fields that are stored and must read back (the `stored` rule), as far as the record schema can hold
 * them; `previous`, what an update's record held before (the shape is chosen over it, as the mock does).
 */
export function storedFields(schemas: SchemaCompiler, resource: ResourceModel, body: unknown, previous?: Record<string, unknown>): Record<string, unknown> {
  if (!isPlainObject(body)) return {};
  // A value the record schema cannot hold is stored in another form (ids sent, objects read): nothing to compare.
  // What a field must hold is what the mock fits it to (every declaration of it: rules/stored.ts).
  const fitted = writtenFieldSchemas(resource, body, previous);
  return readBackFields(resource, body, (field, value) => {
    const validate = validatorFor(schemas, Object.hasOwn(fitted, field) ? fitted[field] : fieldSchema(resource, field));
    return !validate || validate(value) === true;
  });
}

/**
 * What a record must read back after a write that sent `sent`: a replace, exactly what it stored; an
 * update, what it stored over what was written before, less the earlier values of fields it wrote in a form
 * the record schema cannot hold (the server stores those in its own form, or merges them: nothing to compare).
 */
export function writtenAfter(schemas: SchemaCompiler, operation: OperationModel, previous: Record<string, unknown> | undefined, sent: unknown): Record<string, unknown> {
  const body = recordInBody(operation.behaviour, sent);
  const stored = storedFields(schemas, operation.behaviour.resource, body, previous);
  if (operation.behaviour.kind === 'replace') return stored;
  const kept = { ...previous };
  if (isPlainObject(body)) for (const field of Object.keys(body)) if (!(field in stored)) delete kept[field];
  return { ...kept, ...mergedMembers(operation, kept, stored) };
}

/**
 * What a record must read back after a merge-patch or JSON Patch (rules/patch-media.ts), worked out from what
 * was written before (merge-patch) or from the record as last seen (JSON Patch: its operations name places in
 * the whole record): the written fields, and the fields the patch removed. A patch that cannot apply leaves
 * both as they were.
 */
export function writtenAfterPatch(schemas: SchemaCompiler, operation: OperationModel, record: TrackedRecord | undefined, patch: { format: PatchFormat; body: unknown }): { written: Record<string, unknown>; removed: string[] } {
  const previous = record?.written ?? {};
  const current = patch.format === 'json-patch' ? { ...record?.view, ...previous } : previous;
  const body = patch.format === 'json-patch' ? patch.body : recordInBody(operation.behaviour, patch.body);
  const outcome = patchedFields(patch.format, current, body);
  if (!outcome.ok) return { written: { ...previous }, removed: [] };
  const { set, removed } = outcome.fields;
  const stored = storedFields(schemas, operation.behaviour.resource, set, previous);
  const kept = { ...previous };
  for (const field of [...Object.keys(set), ...removed]) delete kept[field];
  return { written: { ...kept, ...stored }, removed: removableFields(operation.behaviour.resource, removed) };
}

/** A record the run is about to create; its id arrives with the response. */
export function trackRecord(state: RunState, label: string, operation: OperationModel, owner: Actor, pathValues: Record<string, string>): TrackedRecord {
  const record: TrackedRecord = {
    label,
    resource: operation.behaviour.resource,
    createOperation: operation,
    owner,
    pathValues,
    id: undefined,
    unavailable: `its create request has not been answered`,
    view: undefined,
    createdView: undefined,
    written: {},
    deleted: false,
  };
  state.records.set(label, record);
  return record;
}

/** The record a step addresses, or why it cannot be addressed (for the skip message). */
export function usableRecord(state: RunState, label: string, resourceName: string): TrackedRecord | string {
  const record = state.records.get(label);
  if (!record) return `no ${resourceName} was created for this step`;
  if (record.deleted || record.id === undefined) return `there is no ${resourceName} to address: ${record.unavailable ?? 'it was deleted'}`;
  return record;
}

/** Records what a successful create returned: the id (where the template says), the view, the written fields. */
export function settleCreate(record: TrackedRecord, exchange: Exchange, written: Record<string, unknown>): void {
  const status = exchange.response?.status;
  if (exchange.result.error !== undefined || status === undefined) {
    record.unavailable = `the create request failed: ${exchange.result.error ?? 'no response'}`;
    return;
  }
  if (status < 200 || status >= 300) {
    record.unavailable = `the create request answered ${status}`;
    return;
  }
  const view = recordIn(exchange, record.createOperation);
  // An upsert's key is the one its path named, whatever its answer shows (its answer may be another shape).
  const carrier = record.createOperation.behaviour.upsert ? record.createOperation.behaviour.id : undefined;
  const id = (carrier?.from === 'path' ? record.pathValues[carrier.name] : undefined) ?? view?.[record.resource.key];
  if (id === undefined || id === null || typeof id === 'object') {
    record.unavailable = `the create response does not show the new ${record.resource.name}'s \`${record.resource.key}\``;
    return;
  }
  record.id = String(id);
  record.unavailable = undefined;
  record.view = view;
  record.createdView = view;
  record.written = written;
}

/** After a successful write: the record as the response shows it, and the fields now expected to read back. */
export function settleWrite(record: TrackedRecord, exchange: Exchange, operation: OperationModel, written: Record<string, unknown>, removed: readonly string[] = []): void {
  if (!isSuccess(exchange)) return;
  noteWrite(record, operation, written, removed);
  const view = recordIn(exchange, operation);
  if (view) record.view = { ...record.view, ...view };
}

/**
 * The fields now expected to read back, and those expected gone: an update keeps the earlier removals it
 * did not write again; a replace stores exactly what it sent, so only its own removals count.
 */
export function noteWrite(record: TrackedRecord, operation: OperationModel, written: Record<string, unknown>, removed: readonly string[]): void {
  record.written = written;
  const earlier = operation.behaviour.kind === 'update' ? (record.removed ?? []).filter((field) => !Object.hasOwn(written, field)) : [];
  record.removed = [...earlier, ...removed];
}

/** After a successful read by the owner: what the record looks like now. */
export function settleRead(record: TrackedRecord, exchange: Exchange, operation: OperationModel): void {
  if (!isSuccess(exchange)) return;
  const view = recordIn(exchange, operation);
  if (view) record.view = { ...record.view, ...view };
}

export function isSuccess(exchange: Exchange): boolean {
  const status = exchange.response?.status;
  return exchange.result.error === undefined && status !== undefined && status >= 200 && status < 300;
}

/**
 * A body for an operation on a record: the id where the operation takes it from the body, the key of a
 * replace, the current version. `keep` names a top-level field a mutation changed on purpose.
 */
export function fillBody(operation: OperationModel, template: unknown, record: TrackedRecord | undefined, id: string, keep?: string): unknown {
  if (!isPlainObject(template)) return template;
  const whole = structuredClone(template);
  const { behaviour } = operation;
  const resource = behaviour.resource;
  // The key and version go where the body carries the record's fields (inside its envelope, if any).
  const body = behaviour.bodyEnvelope ? recordInBody(behaviour, whole) : whole;
  const schema = recordBodySchema(operation.body?.schema, behaviour.bodyEnvelope);
  // The key as the server showed it (an integer stays an integer), else as the path carries it; as the
  // body types it where the answer typed it otherwise (`id: "4"` shown, `id: integer` sent).
  const typedId = record?.createdView?.[resource.key] ?? record?.view?.[resource.key];
  const value = asDeclaredType(typedId !== undefined && String(typedId) === id ? typedId : id, propertySchema(schema, resource.key));
  if (behaviour.id?.from === 'body' && behaviour.id.name !== keep && behaviour.id.name in body) body[behaviour.id.name] = value;
  // canShowField: a key the body requires without declaring it (`required: [id]` alone) is the record's too.
  if (behaviour.kind === 'replace' && resource.key !== keep && resource.key in body && canShowField(schema, resource.key)) body[resource.key] = value;
  const version = versionField(resource);
  if (version !== undefined && version !== keep && version in body && hasProperty(schema, version)) {
    body[version] = versionToSend(resource, record?.view?.[version]);
  }
  return whole;
}
