import type { ResourceModel } from '../contract/model.ts';
import type { Data } from './values.ts';

/**
 * `versioning`: a counter field that starts at `initial`, grows by one per update, and refuses (conflict)
 * a write that carries any other value than the current one.
 */

/** The version a stored record has now (a record without one counts as the initial version). */
export function currentVersion(resource: ResourceModel, data: Data): number | undefined {
  const rule = resource.versioning;
  return rule ? Number(data[rule.field] ?? rule.initial) : undefined;
}

/** Whether the body carries a version other than the record's current one. */
export function isStale(resource: ResourceModel, data: Data, body: Data): boolean {
  const rule = resource.versioning;
  return rule !== undefined && body[rule.field] !== undefined && body[rule.field] !== currentVersion(resource, data);
}

/** The version a correct server shows after the event: initial on create, previous + 1 on update, else unchanged. */
export function expectedVersion(resource: ResourceModel, event: 'create' | 'update' | undefined, previous: number | undefined): number | undefined {
  const rule = resource.versioning;
  if (!rule) return undefined;
  if (event === 'create') return rule.initial;
  if (previous === undefined) return undefined;
  return event === 'update' ? previous + 1 : previous;
}

/** Sets the version the event gives the record, in place. */
export function applyVersion(resource: ResourceModel, data: Record<string, unknown>, event: 'create' | 'update', previous?: Data): void {
  const rule = resource.versioning;
  if (!rule) return;
  data[rule.field] = expectedVersion(resource, event, event === 'update' ? currentVersion(resource, previous ?? {}) : undefined);
}

/** The field that carries the version, when the resource has one. */
export function versionField(resource: ResourceModel): string | undefined {
  return resource.versioning?.field;
}

/** The version a write carries to be current: the last one a response showed (`shown`), else the initial. */
export function versionToSend(resource: ResourceModel, shown: unknown): number | undefined {
  const rule = resource.versioning;
  if (!rule) return undefined;
  return typeof shown === 'number' ? shown : rule.initial;
}

/** A version a correct server refuses as stale while the record is at `current`: one below, or one above the initial. */
export function staleVersion(resource: ResourceModel, current: number): number | undefined {
  const rule = resource.versioning;
  if (!rule) return undefined;
  return current > rule.initial ? current - 1 : current + 1;
}
