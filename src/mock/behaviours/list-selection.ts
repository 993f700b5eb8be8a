import type { ResourceModel } from '../../contract/model.ts';
import { listFilters } from '../../rules/filter.ts';
import { privateViewers } from '../../rules/visibility.ts';
import type { MockContext, MockRequest } from '../context.ts';
import { indexValues, mergedInOrder, type IndexSource } from '../record-index.ts';
import type { RecordTable, StoredRecord } from '../store.ts';

/**
 * The records a list or count can hold, from the smallest equality index among the request's scope
 * parameters and filters (the whole table without any), in table order. Under a visibility rule the
 * indexes are of who may see each record (public ones, and private ones per viewer) with the field's
 * value, so the caller's candidates are found without checking every record. `exact` when every candidate
 * is a match: at most one condition, and no record that can expire (expiry depends on the clock).
 */
export interface Selection {
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

export function selectCandidates(context: MockContext, request: MockRequest): Selection {
  const { resource, list: spec } = request.operation.behaviour;
  const filters = listFilters(resource, spec, request.query);
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

/** Pages that start deeper than this are cut from a list of the candidates' keys (cached until the next write). */
const SCANNED_SKIP = 1000;

/** An exact selection's records from position `skip` on. */
export function* recordsFrom(selection: Selection, skip: number): Generator<StoredRecord> {
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
