import { valueAt } from '../locate.ts';
import type { CheckContext, Exchange, Finding } from '../types.ts';
import { acceptedStatuses, keyOf, listedItems, locationOf, requireSuccess, show } from './support.ts';

/** `limit=N` returns at most N items; a limit above the maximum is clamped or refused, never exceeded. */
export function list_limit(exchange: Exchange, context: CheckContext): Finding[] | null {
  const { limit, max } = context.facts;
  if (limit === undefined) return null;
  const status = exchange.response?.status;
  if (max !== undefined && limit > max && status !== undefined && acceptedStatuses(context).statuses.includes(status)) return [];
  const { items, skipped } = listedItems(exchange, context.operation);
  if (skipped) return skipped;
  const cap = max !== undefined ? Math.min(limit, max) : limit;
  if (items.length <= cap) return [];
  const param = context.operation.behaviour.list?.limit?.param ?? 'limit';
  return [{
    message: limit > cap
      ? `${param}=${limit} is above the maximum ${max}, and ${items.length} items came back: the list is not capped.`
      : `${param}=${limit} returned ${items.length} items.`,
    expected: `at most ${cap} items`,
    actual: `${items.length} items`,
    pointer: locationOf(context.operation).items,
    inferred: context.step.inferred && context.facts.capStated !== true,
  }];
}

/** `skip=N` drops the first N items of the same ordering. */
export function list_skip(exchange: Exchange, context: CheckContext): Finding[] | null {
  const reference = context.facts.reference;
  if (!reference || reference.skip === undefined) return null;
  const { items, skipped } = listedItems(exchange, context.operation);
  if (skipped) return skipped;
  const skip = reference.skip;
  const param = context.operation.behaviour.list?.skip ?? 'skip';
  if (reference.limit === undefined) {
    const expected = Math.max(0, reference.items.length - skip);
    return items.length === expected ? [] : [{ message: `${param}=${skip} returned ${items.length} items; the full list has ${reference.items.length}.`, expected: `${expected} items`, actual: `${items.length} items`, inferred: context.step.inferred }];
  }
  if (reference.items.length <= skip) return [{ skip: true, message: `fewer than ${skip + 1} records to page through` }];
  const key = context.operation.behaviour.resource.key;
  const expected = keyOf(reference.items[skip], key);
  const actual = keyOf(items[0], key);
  if (expected === undefined) return [{ skip: true, message: `the items have no \`${key}\`` }];
  if (expected === actual) return [];
  return [{
    message: `${param}=${skip} does not start at item ${skip + 1} of the unskipped page.`,
    expected: `first item ${show(expected)}`,
    actual: actual === undefined ? `${items.length} items` : `first item ${show(actual)}`,
    inferred: context.step.inferred,
  }];
}

/** The count is the number of items the list holds (ignoring limit and skip), and the count a filter calls for. */
export function count_matches_list(exchange: Exchange, context: CheckContext): Finding[] | null {
  const { reference, expectedCount } = context.facts;
  if (!reference && expectedCount === undefined) return null;
  const unsuccessful = requireSuccess(exchange);
  if (unsuccessful) return unsuccessful;
  const location = locationOf(context.operation);
  const count = location.count === undefined ? undefined : valueAt(exchange.response!.body, location.count);
  if (typeof count !== 'number') return [{ skip: true, message: 'the response holds no count where the contract says' }];
  const pointer = location.count;
  if (expectedCount !== undefined) {
    if (count === expectedCount) return [];
    return [{ message: `The count is ${count}; ${context.facts.note ?? 'the list'} calls for ${expectedCount}.`, expected: String(expectedCount), actual: String(count), pointer, inferred: context.step.inferred }];
  }
  const listed = reference!.items.length;
  const complete = reference!.limit === undefined || listed < reference!.limit;
  if (complete && count !== listed) {
    return [{ message: `The count (${count}) differs from the number of items the list returns (${listed}).`, expected: String(listed), actual: String(count), pointer, inferred: context.step.inferred }];
  }
  if (!complete && count < listed) {
    return [{ message: `The count (${count}) is below the ${listed} items of one list page.`, expected: `at least ${listed}`, actual: String(count), pointer, inferred: context.step.inferred }];
  }
  return [];
}

const COLLATIONS: readonly ((a: string, b: string) => number)[] = [
  (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  (a, b) => a.localeCompare(b),
];

/**
 * A list asked for in an order is in that order. Strings may be collated by code point or by locale (a
 * database's choice the contract cannot state): either passes, as long as one holds for the whole list.
 */
export function list_sorted(exchange: Exchange, context: CheckContext): Finding[] | null {
  const sorted = context.facts.sorted;
  if (!sorted) return null;
  const { items, skipped } = listedItems(exchange, context.operation);
  if (skipped) return skipped;
  const values = items.map((item) => keyOf(item, sorted.field));
  if (values.length < 2 || values.some((v) => v === undefined)) return [{ skip: true, message: `fewer than two items with a \`${sorted.field}\`` }];
  const direction = sorted.descending ? -1 : 1;
  const numeric = items.every((item) => typeof (item as Record<string, unknown>)[sorted.field] === 'number');
  const orders = numeric ? [(a: string, b: string) => Number(a) - Number(b)] : COLLATIONS;
  const breaks = orders.map((compare) => values.findIndex((value, i) => i > 0 && direction * compare(values[i - 1]!, value!) > 0));
  if (breaks.some((index) => index < 0)) return [];
  const at = Math.min(...breaks);
  return [{
    message: `The list is not sorted by \`${sorted.field}\` ${sorted.descending ? 'descending' : 'ascending'}: item ${at} (${show(values[at - 1])}) comes before item ${at + 1} (${show(values[at])}).`,
    expected: `${items.length} items by ${sorted.field} ${sorted.descending ? 'descending' : 'ascending'}`,
    actual: show(values),
    pointer: locationOf(context.operation).items,
    inferred: context.step.inferred,
  }];
}
