import type { ListModel, ResourceModel } from '../../contract/model.ts';
import { isInScope, isVisibleTo, viewRecord } from '../access.ts';
import type { MockContext, MockRequest, MockResult } from '../context.ts';
import { SituationError } from '../situation-error.ts';
import type { IndexSource } from '../record-index.ts';
import type { RecordTable, StoredRecord } from '../store.ts';
import { respond } from './respond.ts';

/** A page of the records this caller may see in scope: filtered, sorted, skipped and limited. */
export function list(context: MockContext, request: MockRequest): MockResult {
  const { resource, list: spec } = request.operation.behaviour;
  const limit = pageSize(spec, request.query);
  const { items, count } = spec?.sort && present(request.query[spec.sort]) || spec?.cursor && present(request.query[spec.cursor.param])
    ? materialisedPage(context, request, limit)
    : streamedPage(context, request, limit);
  return respond(context, request, { items: items.map((record) => viewRecord(resource, record, request.principal)), count });
}

/** How many records the list would hold without `limit` and `skip`. */
export function count(context: MockContext, request: MockRequest): MockResult {
  const selection = selectCandidates(context, request);
  return respond(context, request, { count: selection.exact ? selection.size : countMatching(context, request, selection) });
}

/** Sorted or cursor-addressed: the page is cut from the whole ordered list of matches. */
function materialisedPage(context: MockContext, request: MockRequest, limit: number | undefined): { items: StoredRecord[]; count: number } {
  const { resource, list: spec } = request.operation.behaviour;
  const selection = selectCandidates(context, request);
  const matching = sortedMatches(context, request, selection);
  const skip = firstIndex(spec, request.query, limit, matching.length, () => matching.findIndex((record) => String(record.data[resource.key]) === String(request.query[spec!.cursor!.param])));
  return { items: matching.slice(skip, limit === undefined ? undefined : skip + limit), count: matching.length };
}

/** In table order: only the page's records are gathered, and the count comes from the index when it can. */
function streamedPage(context: MockContext, request: MockRequest, limit: number | undefined): { items: StoredRecord[]; count: number } {
  const { list: spec } = request.operation.behaviour;
  const selection = selectCandidates(context, request);
  let total = selection.exact ? selection.size : undefined;
  const skipOf = (known: number) => firstIndex(spec, request.query, limit, known, () => -1);
  // Only a page number without a page size needs the total to place the page (past the end).
  const needsTotal = total === undefined && spec?.page !== undefined && limit === undefined;
  if (needsTotal) total = countMatching(context, request, selection);
  const skip = skipOf(total ?? 0);
  const end = limit === undefined ? Infinity : skip + limit;
  const items: StoredRecord[] = [];
  let position = 0;
  for (const record of selection.records()) {
    if (!selection.exact && !keeps(context, request, selection, record)) continue;
    if (position >= skip && position < end) items.push(record);
    position++;
    if (position >= end && total !== undefined) break;
  }
  return { items, count: total ?? position };
}

function sortedMatches(context: MockContext, request: MockRequest, selection: Selection): StoredRecord[] {
  const { list: spec } = request.operation.behaviour;
  const raw = spec?.sort ? request.query[spec.sort] : undefined;
  if (!present(raw)) return [...matchingRecords(context, request, selection)];
  const compare = comparatorFor(parseSort(String(raw)));
  if (selection.narrowed) return [...matchingRecords(context, request, selection)].sort(compare);
  // The whole table's sorted view is cached until the next write; a stable sort then a filter keeps the
  // same order as a filter then a stable sort.
  const sorted = context.store.table(request.operation.behaviour.resource.name).sortedBy(String(raw), compare);
  return selection.exact ? sorted : sorted.filter((record) => keeps(context, request, selection, record));
}

function* matchingRecords(context: MockContext, request: MockRequest, selection: Selection): Generator<StoredRecord> {
  for (const record of selection.records()) if (selection.exact || keeps(context, request, selection, record)) yield record;
}

function countMatching(context: MockContext, request: MockRequest, selection: Selection): number {
  let total = 0;
  for (const record of selection.records()) if (keeps(context, request, selection, record)) total++;
  return total;
}

/**
 * The records a list or count can hold, from the smallest equality index among the request's scope
 * parameters and filters (the whole table without any), in table order. `exact` when every candidate is a
 * match: at most one such condition, and no record that needs the per-record rules (visibility, expiry).
 */
interface Selection {
  readonly records: () => Iterable<StoredRecord>;
  readonly size: number;
  readonly exact: boolean;
  /** Fewer candidates than the table holds: an index was used. */
  readonly narrowed: boolean;
  readonly filters: readonly [string, unknown][];
}

function selectCandidates(context: MockContext, request: MockRequest): Selection {
  const { resource, list: spec } = request.operation.behaviour;
  const filters = spec?.filter ? filtersOf(resource, spec, request.query) : [];
  const table = context.store.table(resource.name);
  const conditions: [IndexSource, string, string][] = [
    ...resource.scope.filter((name) => name in request.path).map((name): [IndexSource, string, string] => ['scope', name, String(request.path[name])]),
    ...filters.map(([field, value]): [IndexSource, string, string] => ['data', field, String(value)]),
  ];
  const exact = conditions.length <= 1 && !needsRecordRules(resource, table.expiring);
  if (conditions.length === 0) return { records: () => table.values(), size: table.size, exact, narrowed: false, filters };
  let best: { keys: ReadonlySet<string>; size: number } | undefined;
  for (const [source, field, value] of conditions) {
    const index = table.index(source, field);
    const size = index.sizeFor(value);
    if (!best || size < best.size) best = { keys: index.keysFor(value), size };
  }
  const keys = best!.keys;
  return { records: () => recordsOf(table, keys), size: best!.size, exact, narrowed: true, filters };
}

function* recordsOf(table: RecordTable, keys: ReadonlySet<string>): Generator<StoredRecord> {
  for (const key of keys) {
    const record = table.get(key);
    if (record) yield record;
  }
}

/** Whether a record must pass the per-record rules even when an index found it. */
function needsRecordRules(resource: ResourceModel, expiring: number): boolean {
  return resource.visibility !== undefined || expiring > 0;
}

function keeps(context: MockContext, request: MockRequest, selection: Selection, record: StoredRecord): boolean {
  const { resource } = request.operation.behaviour;
  if (!isInScope(context, request, resource, record) || !isVisibleTo(resource, record, request.principal)) return false;
  return selection.filters.every(([field, value]) => matches(record.data[field], value));
}

/** Where the page starts: `skip`/`offset`, a page number times the page size, or after the cursor's record. */
function firstIndex(spec: ListModel | undefined, query: Readonly<Record<string, unknown>>, limit: number | undefined, total: number, cursorAt: () => number): number {
  if (!spec) return 0;
  let index = spec.skip ? nonNegative(query[spec.skip]) ?? 0 : 0;
  if (spec.page) {
    const page = Number(query[spec.page.param]);
    const number = Number.isInteger(page) && page >= spec.page.first ? page - spec.page.first : 0;
    index += number === 0 ? 0 : limit === undefined ? total : number * limit;
  }
  const cursor = spec.cursor ? query[spec.cursor.param] : undefined;
  if (cursor !== undefined && cursor !== '') {
    const at = cursorAt();
    if (at >= 0) index = Math.max(index, at + 1);
  }
  return index;
}

function present(value: unknown): boolean {
  return value !== undefined && value !== '';
}

function filtersOf(resource: ResourceModel, spec: ListModel, query: Readonly<Record<string, unknown>>): [string, unknown][] {
  const reserved = new Set([spec.limit?.param, spec.skip, spec.sort, spec.page?.param, spec.cursor?.param]);
  return Object.entries(query).filter(([name]) => !reserved.has(name) && resource.fields.has(name));
}

function matches(actual: unknown, wanted: unknown): boolean {
  if (Array.isArray(actual)) return actual.some((item) => matches(item, wanted));
  if (actual === null || typeof actual === 'object') return String(actual) === String(wanted);
  return String(actual) === String(wanted);
}

function pageSize(spec: ListModel | undefined, query: Readonly<Record<string, unknown>>): number | undefined {
  if (!spec?.limit) return undefined;
  const asked = nonNegative(query[spec.limit.param]) ?? spec.limit.default;
  return asked === undefined || spec.limit.max === undefined ? asked : Math.min(asked, spec.limit.max);
}

function nonNegative(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const number = Number(value);
  return Number.isInteger(number) && number >= 0 ? number : undefined;
}

/** Orders by `sort`'s fields in turn: a field name (`-field` descending) or JSON such as `{"dateCreated": "DESC"}`. */
function comparatorFor(keys: [string, 1 | -1][]): (a: StoredRecord, b: StoredRecord) => number {
  return (a, b) => {
    for (const [field, direction] of keys) {
      const order = compareValues(a.data[field], b.data[field]);
      if (order !== 0) return direction * order;
    }
    return 0;
  };
}

function parseSort(raw: string): [string, 1 | -1][] {
  if (raw.trim().startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new SituationError('invalid', 'The sort parameter is not valid JSON.', [{ pointer: '/sort', property: 'sort', keyword: 'format', message: '`sort` must be a field name or JSON like {"field": "ASC"}.' }]);
    }
    return Object.entries(parsed as Record<string, unknown>).map(([field, dir]) => [field, String(dir).toUpperCase() === 'DESC' || dir === -1 ? -1 : 1]);
  }
  return raw.split(',').map((part) => part.trim()).filter(Boolean).map((part) => (part.startsWith('-') ? [part.slice(1), -1] : [part, 1]));
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return 1;
  if (b === undefined || b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}
