import type { ResourceModel } from '../contract/model.ts';
import type { Data } from './values.ts';

/** `visibility`: a private record is seen only by its viewers (a field holding the caller, or a list including them). */
export function isPrivate(resource: ResourceModel, data: Data): boolean {
  const rule = resource.visibility;
  return rule !== undefined && rule.private.includes(data[rule.field]);
}

export function isVisibleTo(resource: ResourceModel, data: Data, principal: string | undefined): boolean {
  const rule = resource.visibility;
  if (!rule || !isPrivate(resource, data)) return true;
  if (principal === undefined) return false;
  return rule.viewers.some((field) => {
    const value = data[field];
    return Array.isArray(value) ? value.includes(principal) : value === principal;
  });
}

/** Sets the body's visibility for a workflow: private on purpose, or public (a private value left out). */
export function shapeVisibility(resource: ResourceModel, body: Record<string, unknown>, purpose: 'public' | 'private', omit: (field: string) => void): void {
  const rule = resource.visibility;
  if (!rule) return;
  if (purpose === 'private') body[rule.field] = rule.private[0];
  else if (rule.private.includes(body[rule.field])) omit(rule.field);
}

/** The field that makes a record private, when the resource has the rule. */
export function visibilityField(resource: ResourceModel): string | undefined {
  return resource.visibility?.field;
}
