import type { OperationModel } from '../../contract/model.ts';
import { listFilters, matchesFilter } from '../../rules/filter.ts';
import type { CheckContext, Exchange, Finding, TrackedRecord } from '../types.ts';
import { listedItems, locationOf } from './support.ts';

/**
 * Whether a record the run created belongs in the list the exchange asked for: it is known (as last seen,
 * else as written) to hold the value of every filter the request sent (rules/filter.ts). A record not known
 * to match is not expected in a filtered list.
 */
export function matchesListFilters(exchange: Exchange, operation: OperationModel, record: TrackedRecord): boolean {
  const filters = listFilters(operation.behaviour.resource, operation.behaviour.list, queryOf(exchange.request.url));
  return filters.every(([field, value]) => matchesFilter(record.view?.[field] ?? record.written[field], value));
}

function queryOf(url: string): Record<string, string> {
  try {
    return Object.fromEntries(new URL(url).searchParams);
  } catch {
    return {};
  }
}

/**
 * Every item of a filtered list holds the filter's value. A text value may be matched loosely (a search by
 * prefix or part of a name): only an item that does not contain the value at all breaks the filter.
 */
export function list_filtered(exchange: Exchange, context: CheckContext): Finding[] | null {
  const { filter } = context.facts;
  if (!filter) return null;
  const { items, skipped } = listedItems(exchange, context.operation);
  if (skipped) return skipped;
  const wanted = String(filter.value);
  const other = items.find((item) => !holds(item, filter.field, wanted));
  if (other === undefined) return [];
  const index = items.indexOf(other);
  return [{
    message: `The list filtered by ${filter.field}=${wanted} holds an item whose ${filter.field} is ${JSON.stringify((other as Record<string, unknown>)?.[filter.field]) ?? 'absent'}: the filter is not applied.`,
    expected: `every item with ${filter.field} ${wanted}`,
    actual: JSON.stringify((other as Record<string, unknown>)?.[filter.field]) ?? '(absent)',
    pointer: `${locationOf(context.operation).items}/${index}/${filter.field}`,
    inferred: context.step.inferred,
  }];
}

function holds(item: unknown, field: string, wanted: string): boolean {
  if (typeof item !== 'object' || item === null || !(field in item)) return true;
  const value = (item as Record<string, unknown>)[field];
  if (matchesFilter(value, wanted)) return true;
  return typeof value === 'string' && value.toLowerCase().includes(wanted.toLowerCase());
}
