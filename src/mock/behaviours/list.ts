import type { ListModel, ResourceModel } from '../../contract/model.ts';
import { isInScope, isVisibleTo, viewRecord } from '../access.ts';
import type { MockContext, MockRequest, MockResult } from '../context.ts';
import { SituationError } from '../situation-error.ts';
import type { StoredRecord } from '../store.ts';
import { respond } from './respond.ts';

/** A page of the records this caller may see in scope: filtered, sorted, skipped and limited. */
export function list(context: MockContext, request: MockRequest): MockResult {
  const { resource, list: spec } = request.operation.behaviour;
  const matching = sortRecords(selectRecords(context, request), spec, request.query);
  const limit = pageSize(spec, request.query);
  const skip = firstIndex(spec, request.query, limit, matching, resource.key);
  const page = matching.slice(skip, limit === undefined ? undefined : skip + limit);
  return respond(context, request, { items: page.map((record) => viewRecord(resource, record, request.principal)), count: matching.length });
}

/** How many records the list would hold without `limit` and `skip`. */
export function count(context: MockContext, request: MockRequest): MockResult {
  return respond(context, request, { count: selectRecords(context, request).length });
}

function selectRecords(context: MockContext, request: MockRequest): StoredRecord[] {
  const { resource, list: spec } = request.operation.behaviour;
  const filters = spec?.filter ? filtersOf(resource, spec, request.query) : [];
  const result: StoredRecord[] = [];
  for (const record of context.store.table(resource.name).values()) {
    if (!isInScope(context, request, resource, record) || !isVisibleTo(resource, record, request.principal)) continue;
    if (filters.every(([field, value]) => matches(record.data[field], value))) result.push(record);
  }
  return result;
}

/** Where the page starts: `skip`/`offset`, a page number times the page size, or after the cursor's record. */
function firstIndex(spec: ListModel | undefined, query: Readonly<Record<string, unknown>>, limit: number | undefined, records: readonly StoredRecord[], key: string): number {
  if (!spec) return 0;
  let index = spec.skip ? nonNegative(query[spec.skip]) ?? 0 : 0;
  if (spec.page) {
    const page = Number(query[spec.page.param]);
    const number = Number.isInteger(page) && page >= spec.page.first ? page - spec.page.first : 0;
    index += number === 0 ? 0 : limit === undefined ? records.length : number * limit;
  }
  const cursor = spec.cursor ? query[spec.cursor.param] : undefined;
  if (cursor !== undefined && cursor !== '') {
    const at = records.findIndex((record) => String(record.data[key]) === String(cursor));
    if (at >= 0) index = Math.max(index, at + 1);
  }
  return index;
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

/** `sort` is a field name (`-field` descending) or JSON such as `{"dateCreated": "DESC"}`. */
function sortRecords(records: StoredRecord[], spec: ListModel | undefined, query: Readonly<Record<string, unknown>>): StoredRecord[] {
  const raw = spec?.sort ? query[spec.sort] : undefined;
  if (raw === undefined || raw === '') return records;
  const keys = parseSort(String(raw));
  return [...records].sort((a, b) => {
    for (const [field, direction] of keys) {
      const order = compareValues(a.data[field], b.data[field]);
      if (order !== 0) return direction * order;
    }
    return 0;
  });
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
