import type { ResourceModel } from '../contract/model.ts';
import type { Data } from './values.ts';

/** `visibility`: a private record is seen only by its viewers (a field holding the caller, or a list including them). */
export function isPrivate(resource: ResourceModel, data: Data): boolean {
  const rule = resource.visibility;
  return rule !== undefined && rule.private.includes(data[rule.field]);
}

/**
 * Who may see a private record: the principals its viewer fields hold (a field equal to the caller, or a
 * list including them); undefined when the record is public (everyone sees it). `isVisibleTo` agrees.
 */
export function privateViewers(resource: ResourceModel, data: Data): string[] | undefined {
  const rule = resource.visibility;
  if (!rule || !isPrivate(resource, data)) return undefined;
  const viewers = new Set<string>();
  for (const field of rule.viewers) {
    const value = data[field];
    for (const item of Array.isArray(value) ? value : [value]) if (typeof item === 'string') viewers.add(item);
  }
  return [...viewers];
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
