import type { BodyModel, ResourceModel } from '../contract/model.ts';
import { serverOwnedOnUpdate, writableFields } from './stored.ts';
import { mediaTypeOf } from '../shared/media-type.ts';
import { isPlainObject } from '../shared/plain-object.ts';
import { applyJsonPatch, type PatchFailureKind } from './json-patch.ts';
import { jsonEqual } from '../shared/json-equal.ts';
import type { Data } from './values.ts';

/**
 * What a PATCH body means, by its media type: the one rule the mock applies and the runner expects.
 * - `application/merge-patch+json` (RFC 7396): objects merge member by member, however nested; `null`
 *   removes a member; arrays and scalars replace.
 * - `application/json-patch+json` (RFC 6902): operations applied in order to the record, all or none
 *   (rules/json-patch.ts).
 * - anything else (plain `application/json`): the body's top-level fields are written as they are, a
 *   nested object replacing the stored one (rules/stored.ts).
 */
export type PatchFormat = 'merge-patch' | 'json-patch';

export const MERGE_PATCH = 'application/merge-patch+json';
export const JSON_PATCH = 'application/json-patch+json';

/** The patch format a Content-Type names, if any. */
export function patchFormatOf(contentType: string | undefined): PatchFormat | undefined {
  if (contentType === undefined) return undefined;
  const type = mediaTypeOf(contentType);
  if (type === MERGE_PATCH) return 'merge-patch';
  return type === JSON_PATCH ? 'json-patch' : undefined;
}

/**
 * The patch format an update's body is read in: the one its Content-Type names, else JSON Patch where the
 * type it came in as is documented as a list (a record's update sent as a list can only be operations: ASP.NET
 * documents its JSON Patch operations under `application/json` and `text/json` too).
 */
export function patchFormatFor(body: BodyModel, accepted: string, contentType: string): PatchFormat | undefined {
  return patchFormatOf(contentType) ?? (isListSchema(body.byMediaType.get(accepted)?.schema) ? 'json-patch' : undefined);
}

/** A schema of a list, as written at its top (`type: array`, or `items`). */
export function isListSchema(schema: unknown): boolean {
  if (schema === null || typeof schema !== 'object') return false;
  const { type, items } = schema as { type?: unknown; items?: unknown };
  return type === 'array' || (Array.isArray(type) && type.length > 0 && type.every((t) => t === 'array' || t === 'null')) || (type === undefined && items !== undefined);
}

/** Whether a documented media type is JSON Patch: its body is a list of operations, not the record's fields. */
export function isJsonPatchType(mediaType: string): boolean {
  return patchFormatOf(mediaType) === 'json-patch';
}

/** The first JSON media type that carries a record's fields (JSON Patch carries operations). */
export function fieldsJsonType(types: readonly string[]): string | undefined {
  return types.find((t) => /json/i.test(t) && !isJsonPatchType(t));
}

/** The JSON media type bodies are sent as: one that carries fields, else JSON Patch where only it is documented. */
export function preferredJsonType(types: readonly string[]): string | undefined {
  return fieldsJsonType(types) ?? types.find((t) => /json/i.test(t));
}

/** The documented media type of each patch format a body accepts (a JSON type documented as a list: JSON Patch). */
export function documentedPatchTypes(body: BodyModel | undefined): Partial<Record<PatchFormat, string>> {
  const types: Partial<Record<PatchFormat, string>> = {};
  for (const type of body?.mediaTypes ?? []) {
    const format = body && /json/i.test(type) ? patchFormatFor(body, type, type) : undefined;
    if (format) types[format] ??= type;
  }
  return types;
}

/** A list of JSON Patch operations, as documents write one: a list of objects with `op` and `path`. */
export function isOperationListSchema(schema: unknown): boolean {
  if (!isListSchema(schema)) return false;
  const items = (schema as { items?: { properties?: Record<string, unknown> } }).items;
  return isPlainObject(items?.properties) && Object.hasOwn(items.properties, 'op') && Object.hasOwn(items.properties, 'path');
}

/** RFC 7396 §2 MergePatch: a new value; neither argument is changed. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return structuredClone(patch);
  const result: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [name, value] of Object.entries(patch)) {
    if (value === null) delete result[name];
    else setOwn(result, name, mergePatch(result[name], value));
  }
  return result;
}

/**
 * A merge-patch as its documented schema judges it: without its `null` members, which remove rather than
 * write (documents reuse the record's schema, where `description` is a string, for the patch). What the
 * removals leave must still fit the record's schema; that is judged on the merged record.
 */
export function asValidatedMergePatch(body: unknown): unknown {
  if (!isPlainObject(body)) return body;
  const kept: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) if (value !== null) setOwn(kept, name, asValidatedMergePatch(value));
  return kept;
}

/** A patch's effect on a record's top-level fields: the values to write and the fields it removes. */
export interface PatchedFields {
  readonly set: Record<string, unknown>;
  readonly removed: readonly string[];
}

export type PatchOutcome =
  | { readonly ok: true; readonly fields: PatchedFields }
  | { readonly ok: false; readonly failure: PatchFailureKind; readonly message: string; readonly pointer: string };

/**
 * What a body sent as `format` does to a record holding `current`: merge-patch merges each field it names
 * into the field held (null: removed); json-patch applies its operations to `current` and reports the
 * top-level fields that changed or went away.
 */
export function patchedFields(format: PatchFormat, current: Data, body: unknown): PatchOutcome {
  if (format === 'merge-patch') return { ok: true, fields: mergePatchFields(current, isPlainObject(body) ? body : {}) };
  const outcome = applyJsonPatch(current, body);
  if (!outcome.ok) return outcome;
  if (!isPlainObject(outcome.value)) return { ok: false, failure: 'conflict', message: 'The patch would replace the record with something that is not an object.', pointer: '' };
  return { ok: true, fields: changedFields(current, outcome.value) };
}

function mergePatchFields(current: Data, patch: Data): PatchedFields {
  const set: Record<string, unknown> = {};
  const removed: string[] = [];
  for (const [name, value] of Object.entries(patch)) {
    if (value === null) removed.push(name);
    else setOwn(set, name, mergePatch(Object.hasOwn(current, name) ? current[name] : undefined, value));
  }
  return { set, removed };
}

function changedFields(before: Data, after: Data): PatchedFields {
  const set: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(after)) {
    if (!Object.hasOwn(before, name) || !jsonEqual(before[name], value)) setOwn(set, name, value);
  }
  return { set, removed: Object.keys(before).filter((name) => !Object.hasOwn(after, name)) };
}

/**
 * The fields a patch removed that go away: those a client writes. The key and server-owned fields stay, as
 * they do when a plain update sends them.
 */
export function removableFields(resource: ResourceModel, removed: readonly string[]): string[] {
  if (removed.length === 0) return [];
  const owned = new Set(serverOwnedOnUpdate(resource));
  const writable = writableFields(resource, Object.fromEntries(removed.map((field) => [field, null])));
  return removed.filter((field) => Object.hasOwn(writable, field) && !owned.has(field));
}

/** Sets a member as data, a `__proto__` name included. */
function setOwn(target: Record<string, unknown>, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
}
