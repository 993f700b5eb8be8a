import type { OperationModel } from '../../contract/model.ts';
import { listFilters, matchesFilter } from '../../rules/filter.ts';
import type { Exchange, TrackedRecord } from '../types.ts';

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
