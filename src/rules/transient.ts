import type { ResourceModel, TransientField } from '../contract/model.ts';
import { isEmpty, type Data } from './values.ts';

/**
 * `transient`: fields never stored, present only on the response to the events that produce them:
 * `create`, or `set:<field>` when an update gives that field its first non-null value.
 */

/** The `set:<field>` events of an update: fields empty before and set after. */
export function setEvents(before: Data | undefined, after: Data): string[] {
  return Object.keys(after).filter((field) => isEmpty(before?.[field]) && !isEmpty(after[field])).map((field) => `set:${field}`);
}

/** The events of a write: `create`, the `set:<field>` events of an update, none otherwise. */
export function writeEvents(event: 'create' | 'update' | undefined, before: Data | undefined, after: Data): string[] {
  if (event === 'create') return ['create'];
  if (event !== 'update') return [];
  return setEvents(before, after);
}

/** The events among `events` that produce the field (empty: the field must be absent or null). */
export function producedBy(rule: TransientField, events: readonly string[]): string[] {
  return rule.on.filter((on) => events.includes(on));
}

export function isTransient(resource: ResourceModel, field: string): boolean {
  return field in resource.transient;
}

/** The record as it reads when no event produced its transient fields: each of them null. */
export function asRead(resource: ResourceModel, data: Data): Record<string, unknown> {
  return { ...data, ...Object.fromEntries(Object.keys(resource.transient).map((field) => [field, null])) };
}

/** The record as it is stored: no transient field. */
export function withoutTransient(resource: ResourceModel, data: Record<string, unknown>): void {
  for (const field of Object.keys(resource.transient)) delete data[field];
}

/** The transient fields of the resource. */
export function transientFields(resource: ResourceModel): string[] {
  return Object.keys(resource.transient);
}

/** The transient fields of the resource with their rules. */
export function transientRules(resource: ResourceModel): Array<[string, TransientField]> {
  return Object.entries(resource.transient);
}
