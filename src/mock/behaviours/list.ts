import type { ListModel, OperationModel } from '../../contract/model.ts';
import { isInScope, isVisibleTo, viewRecord } from '../access.ts';
import type { MockContext, MockRequest, MockResult } from '../context.ts';
import { SituationError } from '../situation-error.ts';
import type { StoredRecord } from '../store.ts';
import { recordsFrom, selectCandidates, type Selection } from './list-selection.ts';
import { respond } from './respond.ts';
import { matchesFilter } from '../../rules/filter.ts';
import { documentedPageCap } from '../../rules/page-cap.ts';

/** A page of the records this caller may see in scope: filtered, sorted, skipped and limited. */
export function list(context: MockContext, request: MockRequest): MockResult {
  const { resource, list: spec } = request.operation.behaviour;
  const limit = cappedPageSize(request, pageSize(spec, request.query));
  const { items, count, skip } = spec?.sort && present(request.query[spec.sort]) || spec?.cursor && present(request.query[spec.cursor.param])
    ? materialisedPage(context, request, limit)
    : streamedPage(context, request, limit);
  const more = skip + items.length < count;
  return respond(context, request, { items: items.map((record) => viewRecord(resource, record, request.principal)), count, more });
}

/** The page size, no more than the answer's documented array holds (rules/page-cap.ts). */
function cappedPageSize(request: MockRequest, size: number | undefined): number | undefined {
  const operation = request.operation;
  let cap = pageCaps.get(operation);
  if (!pageCaps.has(operation)) {
    cap = documentedPageCap(operation.behaviour.response, operation.responses.get(String(operation.successStatus))?.schema);
    pageCaps.set(operation, cap);
  }
  return cap === undefined ? size : size === undefined ? cap : Math.min(size, cap);
}

const pageCaps = new WeakMap<OperationModel, number | undefined>();

/** How many records the list would hold without `limit` and `skip`. */
export function count(context: MockContext, request: MockRequest): MockResult {
  const selection = selectCandidates(context, request);
  return respond(context, request, { count: selection.exact ? selection.size : countMatching(context, request, selection) });
}

/** A page of matches: its records, how many match in all, and how many come before it. */
interface Page {
  readonly items: StoredRecord[];
  readonly count: number;
  readonly skip: number;
}

/** Sorted or cursor-addressed: the page is cut from the whole ordered list of matches. */
function materialisedPage(context: MockContext, request: MockRequest, limit: number | undefined): Page {
  const { resource, list: spec } = request.operation.behaviour;
  const selection = selectCandidates(context, request);
  const matching = sortedMatches(context, request, selection);
  const skip = firstIndex(spec, request.query, limit, matching.length, () => matching.findIndex((record) => String(record.data[resource.key]) === String(request.query[spec!.cursor!.param])));
  return { items: matching.slice(skip, limit === undefined ? undefined : skip + limit), count: matching.length, skip };
}

/** In table order: only the page's records are gathered, and the count comes from the index when it can. */
function streamedPage(context: MockContext, request: MockRequest, limit: number | undefined): Page {
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
  return { items, count: total ?? position, skip };
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
function* matchingRecords(context: MockContext, request: MockRequest, selection: Selection): Generator<StoredRecord> {
  for (const record of selection.records()) if (selection.exact || keeps(context, request, selection, record)) yield record;
}

function countMatching(context: MockContext, request: MockRequest, selection: Selection): number {
  let total = 0;
  for (const record of selection.records()) if (keeps(context, request, selection, record)) total++;
  return total;
}

function keeps(context: MockContext, request: MockRequest, selection: Selection, record: StoredRecord): boolean {
  const { resource } = request.operation.behaviour;
  if (!isInScope(context, request, resource, record) || !isVisibleTo(resource, record, request.principal)) return false;
  return selection.filters.every(([field, value]) => matchesFilter(record.data[field], value));
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
