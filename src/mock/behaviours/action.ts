import { findRecord } from '../access.ts';
import type { MockContext, MockRequest, MockResult } from '../context.ts';
import { SituationError } from '../situation-error.ts';
import { respond } from './respond.ts';

/** Membership actions add or remove the caller (idempotently); `none` only requires the record to exist. */
export function action(context: MockContext, request: MockRequest): MockResult {
  const { behaviour } = request.operation;
  const record = findRecord(context, request);
  const membership = behaviour.resource.membership;
  if (behaviour.effect === 'none' || !membership || request.principal === undefined) return respond(context, request, { record });

  const current = Array.isArray(record.data[membership.field]) ? (record.data[membership.field] as unknown[]) : [];
  const isMember = current.includes(request.principal);
  if (behaviour.effect === 'addMember' && !isMember) {
    const capacity = capacityOf(record.data, membership.capacity);
    if (capacity !== undefined && current.length >= capacity) throw new SituationError('conflict', `The ${behaviour.resource.name} is full (${capacity} members).`);
    record.data = { ...record.data, [membership.field]: [...current, request.principal] };
  }
  if (behaviour.effect === 'removeMember' && isMember) {
    record.data = { ...record.data, [membership.field]: current.filter((member) => member !== request.principal) };
  }
  return respond(context, request, { record });
}

/** The product of the capacity fields, when they are all positive numbers. */
function capacityOf(data: Record<string, unknown>, fields: readonly string[]): number | undefined {
  if (fields.length === 0) return undefined;
  let product = 1;
  for (const field of fields) {
    const value = data[field];
    if (typeof value !== 'number' || value <= 0) return undefined;
    product *= value;
  }
  return product;
}
