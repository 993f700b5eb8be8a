import type { ResourceModel } from '../contract/model.ts';
import type { Data } from './values.ts';

/**
 * `membership`: a list field of principals changed only by join/leave actions (never by a write of the
 * record); joining twice changes nothing; a join when the members fill the capacity is a conflict.
 */

export function membersOf(resource: ResourceModel, data: Data): unknown[] {
  const rule = resource.membership;
  const value = rule ? data[rule.field] : undefined;
  return Array.isArray(value) ? value : [];
}

/** The product of the capacity fields, when they are all positive numbers. */
export function capacityOf(resource: ResourceModel, data: Data): number | undefined {
  const fields = resource.membership?.capacity ?? [];
  if (fields.length === 0) return undefined;
  let product = 1;
  for (const field of fields) {
    const value = data[field];
    if (typeof value !== 'number' || value <= 0) return undefined;
    product *= value;
  }
  return product;
}

/** The members after the effect and whether they changed, or the capacity that refuses a join. */
export type JoinOutcome = { readonly members: unknown[]; readonly changed: boolean } | { readonly full: number };

/** What `principal` joining or leaving does to the record's members. */
export function applyEffect(resource: ResourceModel, data: Data, effect: 'addMember' | 'removeMember', principal: string): JoinOutcome {
  const current = membersOf(resource, data);
  const isMember = current.includes(principal);
  if (effect === 'addMember') {
    if (isMember) return { members: current, changed: false };
    const capacity = capacityOf(resource, data);
    if (capacity !== undefined && current.length >= capacity) return { full: capacity };
    return { members: [...current, principal], changed: true };
  }
  return isMember ? { members: current.filter((member) => member !== principal), changed: true } : { members: current, changed: false };
}

/** Why the members a correct server shows after a join/leave are wrong, or undefined when they are right. */
export function membershipProblem(expected: 'joined' | 'left', members: readonly unknown[], previous: readonly unknown[], principal: string | undefined):
  { readonly kind: 'absent' | 'repeated' | 'still' | 'shrank' | 'grew'; readonly count: number } | undefined {
  if (principal !== undefined) {
    const count = members.filter((m) => m === principal).length;
    if (expected === 'joined' && count === 0) return { kind: 'absent', count };
    if (expected === 'joined' && count > 1) return { kind: 'repeated', count };
    if (expected === 'left' && count > 0) return { kind: 'still', count };
    return undefined;
  }
  // The caller's identity is not known (opaque token): the count can only move the right way.
  if (expected === 'joined' && members.length < previous.length) return { kind: 'shrank', count: members.length };
  if (expected === 'left' && members.length > previous.length) return { kind: 'grew', count: members.length };
  return undefined;
}

/** A capacity a workflow can join a few times: small positive capacity fields are raised to 3. */
export function ampleCapacity(resource: ResourceModel, body: Record<string, unknown>): void {
  for (const field of resource.membership?.capacity ?? []) {
    const value = body[field];
    if (typeof value === 'number' && value > 0 && value < 3) body[field] = 3;
  }
}

/** The field holding the members, when the resource has the rule. */
export function memberField(resource: ResourceModel): string | undefined {
  return resource.membership?.field;
}

/** The fields whose product is the capacity (none: no limit). */
export function capacityFields(resource: ResourceModel): readonly string[] {
  return resource.membership?.capacity ?? [];
}

/** A body whose one member already fills its capacity (every capacity field 1), in place: the next join is a conflict. */
export function fillToCapacity(resource: ResourceModel, body: Record<string, unknown>, member: unknown): void {
  const rule = resource.membership;
  if (!rule) return;
  body[rule.field] = [member];
  for (const field of rule.capacity) body[field] = 1;
}
