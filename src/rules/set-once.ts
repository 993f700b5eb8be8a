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
