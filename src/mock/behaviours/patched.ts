import type { MockRequest } from '../context.ts';
import { SituationError } from '../situation-error.ts';
import { recordInBody } from '../../rules/request-envelope.ts';
import { patchedFields, removableFields } from '../../rules/patch-media.ts';
import { unsetRequired, viewOf } from '../../rules/stored.ts';
import type { Data } from '../../rules/values.ts';

/** What an update writes over the stored record: fields to set, and fields the body removes. */
export interface UpdateWrite {
  readonly body: Record<string, unknown>;
  readonly removed: readonly string[];
}

/**
 * The fields an update's body writes, read by its media type (rules/patch-media.ts): plain JSON as it is,
 * merge-patch merged into the stored fields, JSON Patch applied to the record as the caller sees it. A patch
 * that cannot be applied is refused whole (`conflict` or `malformed`) before anything is written.
 */
export function updateWrite(request: MockRequest, data: Data): UpdateWrite {
  const { behaviour } = request.operation;
  if (request.patch === undefined) return { body: recordInBody(behaviour, request.body), removed: [] };
  const current = request.patch === 'json-patch' ? viewOf(behaviour.resource, data, request.principal) : data;
  const sent = request.patch === 'json-patch' ? request.body : recordInBody(behaviour, request.body);
  const outcome = patchedFields(request.patch, current, sent);
  if (!outcome.ok) {
    throw new SituationError(outcome.failure, outcome.message, [{ pointer: outcome.pointer, property: '', keyword: 'patch', message: outcome.message }]);
  }
  return { body: outcome.fields.set, removed: outcome.fields.removed };
}

/**
 * Removes, in place, the fields a patch removed that a client may write (rules/patch-media.ts). Removing a
 * field the record requires is refused.
 */
export function removeFields(request: MockRequest, next: Record<string, unknown>, removed: readonly string[]): void {
  if (removed.length === 0) return;
  const resource = request.operation.behaviour.resource;
  const removable = removableFields(resource, removed);
  for (const field of removable) delete next[field];
  const required = unsetRequired(resource, next).map(({ field }) => field).filter((field) => removable.includes(field));
  if (required.length === 0) return;
  throw new SituationError('invalid', `\`${required[0]}\` is required and cannot be removed.`, required.map((field) => ({
    pointer: `/${field}`, property: field, keyword: 'required', message: `\`${field}\` is required.`,
  })));
}
