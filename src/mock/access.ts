import type { ResourceModel } from '../contract/model.ts';
import type { MockContext, MockRequest } from './context.ts';
import { SituationError } from './situation-error.ts';
import type { StoredRecord } from './store.ts';
import { isExpired } from '../rules/expiry.ts';
import { isOwner as ownsData, mayModify } from '../rules/owner.ts';
import { viewOf } from '../rules/stored.ts';
import { isVisibleTo as seesData } from '../rules/visibility.ts';

/** Whether `principal` may see the record at all (public, or host, invited or member of a private one). */
export function isVisibleTo(resource: ResourceModel, record: StoredRecord, principal: string | undefined): boolean {
  return seesData(resource, record.data, principal);
}

export function isOwner(resource: ResourceModel, record: StoredRecord, principal: string | undefined): boolean {
  return ownsData(resource, record.data, principal);
}

/** True when the record belongs to the scope named by the request's path parameters and has not expired. */
export function isInScope(context: MockContext, request: MockRequest, resource: ResourceModel, record: StoredRecord): boolean {
  if (record.expiresAt !== undefined && isExpired(record.expiresAt, context.clock.now().getTime())) return false;
  return resource.scope.every((name) => !(name in request.path) || record.scope[name] === String(request.path[name]));
}

/** The record the request addresses, or the contract's `notFound`. */
export function findRecord(context: MockContext, request: MockRequest): StoredRecord {
  const { behaviour } = request.operation;
  const resource = behaviour.resource;
  const id = behaviour.id ? idFromRequest(request, behaviour.id) : undefined;
  const record = id === undefined ? undefined : context.store.table(resource.name).get(id);
  if (!record || !isInScope(context, request, resource, record) || !isVisibleTo(resource, record, request.principal)) {
    throw new SituationError('notFound', `No ${resource.name} with ${resource.key} "${id ?? ''}" exists.`);
  }
  return record;
}

/**
 * An upsert's key no record holds (in any scope): the PUT creates the record there. A key held out of the
 * caller's scope or sight is not free: that PUT answers as a replace would (notFound).
 */
export function isFreeUpsertKey(context: MockContext, request: MockRequest): boolean {
  const { behaviour } = request.operation;
  if (behaviour.upsert !== true || !behaviour.id) return false;
  const id = idFromRequest(request, behaviour.id);
  return id !== undefined && !context.store.table(behaviour.resource.name).has(id);
}

function idFromRequest(request: MockRequest, id: { from: 'path' | 'query' | 'body'; name: string }): string | undefined {
  const source = id.from === 'body' ? (request.body as Record<string, unknown> | undefined) : request[id.from];
  const value = source?.[id.name];
  return value === undefined || value === null ? undefined : String(value);
}

/** Refuses modification by anyone but the owner, where the resource says so. */
export function assertMayModify(request: MockRequest, record: StoredRecord): void {
  const resource = request.operation.behaviour.resource;
  if (!mayModify(resource, record.data, request.principal)) {
    throw new SituationError('forbidden', `Only the owner of this ${resource.name} may change it.`);
  }
}

/** The record as this caller may see it: transient fields (null unless given), owner-only fields hidden. */
export function viewRecord(resource: ResourceModel, record: StoredRecord, principal: string | undefined, transient: Record<string, unknown> = {}): Record<string, unknown> {
  return viewOf(resource, record.data, principal, transient);
}
