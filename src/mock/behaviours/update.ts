import { assertMayModify, findRecord, isFreeUpsertKey } from '../access.ts';
import { assertKeyMatchesPath, create } from './create.ts';
import type { MockContext, MockRequest, MockResult } from '../context.ts';
import { SituationError } from '../situation-error.ts';
import { toViolations } from '../../schema/ajv.ts';
import { applyGenerated } from './generated.ts';
import { respond } from './respond.ts';
import { storableFields } from './storable.ts';
import { completeRequired, fitToRecord } from './fit-record.ts';
import { renderTransient } from './transient.ts';
import { setOnceConflict } from '../../rules/set-once.ts';
import { keptOnReplace, resetOmitted, serverOwnedOnUpdate, unsendableOnReplace } from '../../rules/stored.ts';
import { asRead, setEvents } from '../../rules/transient.ts';
import { applyVersion, currentVersion, isStale } from '../../rules/versioning.ts';
import { removeFields, updateWrite } from './patched.ts';
import { mergedMembers } from '../../rules/json-api.ts';

/**
 * `update` merges the body into the record (a merge-patch or JSON Patch body as its media type says:
 * ./patched.ts); `replace` swaps the client-writable fields for the body's,
 * keeping what the server generated (fields the body leaves out go back to their default, null or absent:
 * rules/stored.ts). Every rule is checked before anything is written, so a refused request leaves the
 * record as it was. An upsert at a key no record holds creates the record there.
 */
export function update(context: MockContext, request: MockRequest): MockResult {
  const { behaviour } = request.operation;
  const resource = behaviour.resource;
  if (isFreeUpsertKey(context, request)) return create(context, request);
  const record = findRecord(context, request);
  assertMayModify(request, record);
  const { body, removed } = updateWrite(request, record.data);

  const setOnce = setOnceConflict(resource, record.data, body);
  if (setOnce !== undefined) throw new SituationError('conflict', `\`${setOnce}\` is already set and cannot be changed.`);
  if (behaviour.kind === 'replace') assertKeyMatchesPath(resource.key, body, record.data[resource.key]);
  if (isStale(resource, record.data, body)) {
    throw new SituationError('conflict', `Version ${String(body[resource.versioning!.field])} is stale; the current version is ${currentVersion(resource, record.data)}.`);
  }

  const next = behaviour.kind === 'replace' ? { ...unsendableOnReplace(request.operation, record.data), ...keptOnReplace(resource, record.data) } : { ...record.data };
  const written = mergedMembers(request.operation, record.data, storableFields(resource, body));
  fitToRecord(context, resource, written, record.data);
  for (const field of serverOwnedOnUpdate(resource)) delete written[field];
  Object.assign(next, written);
  removeFields(request, next, removed);
  if (behaviour.kind === 'replace') resetOmitted(resource, next);
  applyVersion(resource, next, 'update', record.data);
  applyGenerated(context, request, next, 'update', record.scope);
  completeRequired(context, resource, next, record.data);
  // Transient fields are never stored; they read as null, so that is what the record schema must accept.
  if (!resource.validate(asRead(resource, next))) {
    throw new SituationError('invalid', 'The change would leave the record invalid.', toViolations(resource.validate.errors));
  }

  const becameSet = setEvents(record.data, next);
  record.data = next;
  return respond(context, request, { record, transient: renderTransient(context, request, record, becameSet) });
}
