import type { ListModel, ResourceModel } from '../../contract/model.ts';
import { isInScope, isVisibleTo, viewRecord } from '../access.ts';
import type { MockContext, MockRequest, MockResult } from '../context.ts';
import { SituationError } from '../situation-error.ts';
import { indexValues, mergedInOrder, type IndexSource } from '../record-index.ts';
import { privateViewers } from '../../rules/visibility.ts';
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
  // Every candidate of an exact selection is a match: the page starts `skip` candidates in.
  let position = selection.exact ? skip : 0;
  for (const record of selection.exact ? recordsFrom(selection, skip) : selection.records()) {
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
  const { table } = selection;
  // Few candidates are sorted on their own; otherwise the table's sorted view (cached until the next
  // write) is filtered: a stable sort then a filter keeps the same order as a filter then a stable sort.
  if (selection.narrowed && selection.size * FEW_CANDIDATES < table.size) return [...matchingRecords(context, request, selection)].sort(compare);
  const sorted = table.sortedBy(String(raw), compare);
  if (selection.whole && selection.exact) return sorted;
  if (selection.exact) {
    const { candidates } = selection;
    return table.view(`sorted\u0000${String(raw)}\u0000${candidates.name}`, () => sorted.filter((record) => candidates.has(table.keyOf(record))));
  }
  return sorted.filter((record) => keeps(context, request, selection, record));
}

/** Candidates below 1/16 of the table are sorted on their own rather than picked from the sorted table. */
const FEW_CANDIDATES = 16;
/** Pages that start deeper than this are cut from a list of the candidates' keys (cached until the next write). */
const SCANNED_SKIP = 1000;

/** An exact selection's records from position `skip` on. */
function* recordsFrom(selection: Selection, skip: number): Generator<StoredRecord> {
  const { table, candidates } = selection;
  if (skip <= SCANNED_SKIP) {
    let position = 0;
    for (const key of candidates.keys()) {
      if (position++ < skip) continue;
      const record = table.get(key);
      if (record) yield record;
    }
    return;
  }
  const keys = table.view(`keys\u0000${candidates.name}`, () => [...candidates.keys()]);
  for (let position = skip; position < keys.length; position++) {
    const record = table.get(keys[position]);
    if (record) yield record;
  }
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
 * parameters and filters (the whole table without any), in table order. Under a visibility rule the
 * indexes are of who may see each record (public ones, and private ones per viewer) with the field's
 * value, so the caller's candidates are found without checking every record. `exact` when every candidate
 * is a match: at most one condition, and no record that can expire (expiry depends on the clock).
 */
interface Selection {
  readonly table: RecordTable;
  readonly candidates: Candidates;
  readonly records: () => Iterable<StoredRecord>;
  readonly size: number;
  readonly exact: boolean;
  /** Fewer candidates than the table holds because of an equality condition: an index was used. */
  readonly narrowed: boolean;
  /** The candidates are the whole table, in its order. */
  readonly whole: boolean;
  readonly filters: readonly [string, unknown][];
}

type Condition = readonly [IndexSource, string, string];

/** Keys of the records a selection starts from, in table order; `name` says which (for cached views). */
interface Candidates {
  readonly name: string;
  readonly keys: () => Iterable<string>;
  readonly has: (key: string | undefined) => boolean;
  readonly size: number;
}

function selectCandidates(context: MockContext, request: MockRequest): Selection {
  const { resource, list: spec } = request.operation.behaviour;
  const filters = spec?.filter ? filtersOf(resource, spec, request.query) : [];
  const table = context.store.table(resource.name);
  const conditions: Condition[] = [
    ...resource.scope.filter((name) => name in request.path).map((name): Condition => ['scope', name, String(request.path[name])]),
    ...filters.map(([field, value]): Condition => ['data', field, String(value)]),
  ];
  const exact = conditions.length <= 1 && table.expiring === 0;
  const narrowed = conditions.length > 0;
  const whole = resource.visibility === undefined && !narrowed;
  let best: Candidates | undefined;
  if (whole) best = { name: 'all', keys: () => table.keys(), has: (key) => key !== undefined && table.has(key), size: table.size };
  for (const condition of whole ? [] : narrowed ? conditions : [undefined]) {
    const found = resource.visibility === undefined ? withValue(table, condition!) : visibleWith(table, resource, condition, request.principal);
    if (!best || found.size < best.size) best = found;
  }
  const candidates = best!;
  return { table, candidates, records: () => recordsOf(table, candidates.keys()), size: candidates.size, exact, narrowed, whole, filters };
}

function withValue(table: RecordTable, condition: Condition): Candidates {
  const [source, field, value] = condition;
  const index = table.index(source, field);
  const keys = index.keysFor(value);
  return { name: JSON.stringify(condition), keys: () => keys, has: (key) => key !== undefined && keys.has(key), size: keys.size };
}

/** The records `principal` may see holding the condition's value: the public ones, and the private ones they view. */
function visibleWith(table: RecordTable, resource: ResourceModel, condition: Condition | undefined, principal: string | undefined): Candidates {
  const [source, field, value] = condition ?? ['data', '', ''];
  const index = table.derivedIndex(condition ? `visible\u0000${source}\u0000${field}` : 'visible', (record) => {
    const values = condition ? indexValues(record[source][field]) : [''];
    const viewers = privateViewers(resource, record.data);
    return viewers === undefined ? values.map((v) => publicEntry(v)) : viewers.flatMap((viewer) => values.map((v) => privateEntry(viewer, v)));
  });
  const seenByAll = index.keysFor(publicEntry(value));
  const seenByCaller = principal === undefined ? EMPTY : index.keysFor(privateEntry(principal, value));
  const name = JSON.stringify(['visible', condition ?? null, principal ?? null]);
  const has = (key: string | undefined) => key !== undefined && (seenByAll.has(key) || seenByCaller.has(key));
  const size = seenByAll.size + seenByCaller.size;
  if (seenByCaller.size === 0) return { name, keys: () => seenByAll, has, size };
  return { name, keys: () => mergedInOrder(seenByAll, seenByCaller, table.orderOf), has, size };
}

/** Index entries under a visibility rule: a public record's value, or a viewer and the value (length-prefixed). */
const publicEntry = (value: string) => `\u0001${value}`;
const privateEntry = (viewer: string, value: string) => `${viewer.length}:${viewer}${value}`;
const EMPTY: ReadonlySet<string> = new Set();

function* recordsOf(table: RecordTable, keys: Iterable<string>): Generator<StoredRecord> {
  for (const key of keys) {
    const record = table.get(key);
    if (record) yield record;
  }
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
