import type { ResourceModel } from '../contract/model.ts';
import type { Data } from './values.ts';

/** `owner`: a field naming the record's owner; `ownerOnly` records are modified by the owner alone, owner-only fields shown only to them. */
export function isOwner(resource: ResourceModel, data: Data, principal: string | undefined): boolean {
  if (!resource.owner) return true;
  const owner = data[resource.owner.field];
  return owner === undefined || owner === null || owner === principal;
}

export function mayModify(resource: ResourceModel, data: Data, principal: string | undefined): boolean {
  return resource.owner?.modify !== 'ownerOnly' || isOwner(resource, data, principal);
}

/** Whether the rules that name the owner were inferred rather than declared. */
export function ownerInferred(resource: ResourceModel): boolean {
  return resource.inferredRules.has('owner') || (resource.owner !== undefined && resource.inferredRules.has(`generated:${resource.owner.field}`));
}

/** Whether the record names an owner at all. */
export function hasOwner(resource: ResourceModel): boolean {
  return resource.owner !== undefined;
}

/** Whether only the owner may update, replace or delete a record. */
export function onlyOwnerModifies(resource: ResourceModel): boolean {
  return resource.owner?.modify === 'ownerOnly';
}

/** Fields shown to the owner only. */
export function ownerOnlyFields(resource: ResourceModel): readonly string[] {
  return resource.ownerOnlyFields;
}

/** The data as someone other than the owner may see it: without the owner-only fields. */
export function withoutOwnerOnly(resource: ResourceModel, data: Data): Record<string, unknown> {
  const seen = { ...data };
  for (const field of resource.ownerOnlyFields) delete seen[field];
  return seen;
}
