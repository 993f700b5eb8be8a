import type { CheckContext, Exchange, Finding } from '../types.ts';
import { matchesListFilters } from './list-filters.ts';
import { itemsIn, keyOf, locationOf, pageCapacity, requireSuccess } from './support.ts';

/**
 * A complete list (fewer items than a page holds) shows every record this run created and still has, in
 * the same scope, owned by the caller and matching the list's filters (a record not known to hold a filter's
 * value is not expected): what is created is listed (HTTP semantics of a collection).
 */
export function list_includes_created(exchange: Exchange, context: CheckContext): Finding[] | null {
  const unsuccessful = requireSuccess(exchange);
  if (unsuccessful) return unsuccessful;
  const { operation, facts, state } = context;
  const items = itemsIn(exchange, operation);
  if (!items) return null;
  const capacity = pageCapacity(exchange, operation, facts.limit);
  if (capacity !== undefined && items.length >= capacity) return [{ skip: true, message: `the page is full (${items.length} items): the list may go on` }];
  const main = facts.record;
  const resource = operation.behaviour.resource;
  const shown = new Set(items.map((item) => keyOf(item, resource.key)));
  const expected = [...state.records.values()].filter((record) => record.resource === resource && !record.deleted && record.id !== undefined
    && record.owner === 'user1' && resource.scope.every((name) => main === undefined || record.pathValues[name] === main.pathValues[name])
    && matchesListFilters(exchange, operation, record));
  if (expected.length === 0) return null;
  const missing = expected.filter((record) => !shown.has(record.id));
  return missing.map((record) => ({
    message: `The ${resource.name} ${record.id} the run created is missing from the list (${items.length} items).`,
    expected: `an item with ${resource.key} ${record.id}`,
    actual: `${items.length} items without it`,
    pointer: locationOf(operation).items,
    // Without declarations a list step is a warning for its paging conventions; listing what exists is not one.
    inferred: context.step.inferred && context.contract.declared,
  }));
}
