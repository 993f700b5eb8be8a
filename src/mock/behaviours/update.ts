import { assertMayModify, findRecord } from '../access.ts';
import type { MockContext, MockRequest, MockResult } from '../context.ts';
import { SituationError } from '../situation-error.ts';
import { toViolations } from '../../schema/ajv.ts';
import { applyGenerated } from './generated.ts';
import { respond } from './respond.ts';
import { storableFields } from './storable.ts';
import { completeRequired, fitToRecord } from './fit-record.ts';
import { renderTransient } from './transient.ts';

/**
 * `update` merges the body into the record; `replace` swaps the client-writable fields for the body's,
 * keeping what the server generated. Every rule is checked before anything is written, so a refused
 * request leaves the record as it was.
 */
export function update(context: MockContext, request: MockRequest): MockResult {
  const { behaviour } = request.operation;
  const resource = behaviour.resource;
  const record = findRecord(context, request);
  assertMayModify(request, record);
  const body = (request.body ?? {}) as Record<string, unknown>;

  for (const [field, triggers] of Object.entries(resource.setOnce)) {
    const current = record.data[field];
    if (current !== undefined && current !== null && triggers.some((t) => body[t] !== undefined && body[t] !== null)) {
      throw new SituationError('conflict', `\`${field}\` is already set and cannot be changed.`);
    }
  }
  if (behaviour.kind === 'replace' && body[resource.key] !== undefined && String(body[resource.key]) !== String(record.data[resource.key])) {
    throw new SituationError('invalid', `\`${resource.key}\` in the body does not match the path.`, [
      { pointer: `/${resource.key}`, property: resource.key, keyword: 'const', message: `\`${resource.key}\` must match the path.` },
    ]);
  }
  const versioning = resource.versioning;
  const currentVersion = versioning ? Number(record.data[versioning.field] ?? versioning.initial) : undefined;
  if (versioning && body[versioning.field] !== undefined && body[versioning.field] !== currentVersion) {
    throw new SituationError('conflict', `Version ${String(body[versioning.field])} is stale; the current version is ${currentVersion}.`);
  }

  const next = behaviour.kind === 'replace' ? serverOwnedFields(request, record.data) : { ...record.data };
  const written = storableFields(resource, body);
  fitToRecord(context, resource, written);
  // The key names the record: an update never moves it.
  delete written[resource.key];
  // Members change through the membership actions (join/leave), never through a write of the record.
  if (resource.membership) delete written[resource.membership.field];
  Object.assign(next, written);
  if (versioning) next[versioning.field] = currentVersion! + 1;
  applyGenerated(context, request, next, 'update', record.scope);
  completeRequired(context, resource, next, record.data);
  // Transient fields are never stored; they read as null, so that is what the record schema must accept.
  const asRead = { ...next, ...Object.fromEntries(Object.keys(resource.transient).map((field) => [field, null])) };
  if (!resource.validate(asRead)) {
    throw new SituationError('invalid', 'The change would leave the record invalid.', toViolations(resource.validate.errors));
  }

  const becameSet = Object.keys(next).filter((f) => isEmpty(record.data[f]) && !isEmpty(next[f])).map((f) => `set:${f}`);
  record.data = next;
  return respond(context, request, { record, transient: renderTransient(context, request, record, becameSet) });
}

function serverOwnedFields(request: MockRequest, data: Record<string, unknown>): Record<string, unknown> {
  const resource = request.operation.behaviour.resource;
  const kept: Record<string, unknown> = { [resource.key]: data[resource.key] };
  for (const field of Object.keys(resource.generated)) if (data[field] !== undefined) kept[field] = data[field];
  if (resource.membership && data[resource.membership.field] !== undefined) kept[resource.membership.field] = data[resource.membership.field];
  return kept;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null;
}
