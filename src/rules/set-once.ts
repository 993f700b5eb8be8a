import type { ResourceModel } from '../contract/model.ts';
import { isEmpty, type Data } from './values.ts';

/** `setOnce`: a field the first write sets (through any of its triggers); a later write of a trigger is a conflict. */

/** The set-once field a body may not write again, or undefined. */
export function setOnceConflict(resource: ResourceModel, data: Data, body: Data): string | undefined {
  for (const [field, triggers] of Object.entries(resource.setOnce)) {
    if (!isEmpty(data[field]) && triggers.some((trigger) => !isEmpty(body[trigger]))) return field;
  }
  return undefined;
}

/** Fields a first body leaves out so that a later write sets them on purpose: each set-once field and its triggers. */
export function setOnceOmits(resource: ResourceModel): string[] {
  return Object.entries(resource.setOnce).flatMap(([field, triggers]) => [field, ...triggers]);
}

/** The set-once fields of the resource. */
export function setOnceFields(resource: ResourceModel): string[] {
  return Object.keys(resource.setOnce);
}

/**
 * The two writes that show the rule for `field`, among the triggers a body can carry (`writable`): the
 * first sets the field (directly where it can), the second (another trigger where there is one) is the
 * write a correct server refuses. Undefined when no trigger can be written.
 */
export function setOnceWrites(resource: ResourceModel, field: string, writable: (trigger: string) => boolean): { readonly first: string; readonly second: string } | undefined {
  const usable = (resource.setOnce[field] ?? []).filter(writable);
  if (usable.length === 0) return undefined;
  const first = usable.includes(field) ? field : usable[0];
  return { first, second: usable.find((trigger) => trigger !== first) ?? first };
}
