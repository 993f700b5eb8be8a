import { counterOf, nextCounter } from '../rules/generated.ts';
import { seedWeightsOf } from './store-seed.ts';
import { FieldIndex, type IndexSource, type IndexValues } from './record-index.ts';

/** A record as the seeder made it. */
export interface SeedRecord {
  readonly data: Record<string, unknown>;
  readonly scope: Record<string, string>;
}

/**
 * One resource's seeded records, what `MockStore.restore` goes back to: the seeder's records as they are
 * (no copy, no wrapper per record) and, for a resource whose records expire, each record's expiry.
 */
export interface SeedTable {
  readonly records: readonly SeedRecord[];
  readonly expiresAt?: readonly (number | undefined)[];
}

interface SeededRecord extends SeedRecord {
  readonly expiresAt: number | undefined;
}

/** One stored record: the resource's fields plus what the mock keeps beside them. */
export interface StoredRecord {
  data: Record<string, unknown>;
  /** Values of the resource's scoping path parameters at creation (e.g. `{project: 'demo'}`). */
  scope: Record<string, string>;
  /** Epoch ms after which the record no longer exists, if it expires. */
  expiresAt: number | undefined;
  /** Sub-documents written through section operations, by section name. */
  sections: Record<string, unknown>;
}

/** Bytes counted for a record on top of its body: keys, bookkeeping, object headers. */
export const RECORD_OVERHEAD_BYTES = 256;

/**
 * A resource's table. Every insert, replace and delete keeps the store's byte estimate current, so the
 * caps are checked in O(1) without re-serialising anything. Equality indexes (by data field or scope
 * parameter) are made on first use and kept current by every write from then on, including a behaviour
 * assigning a record's `data`; views (a sort order, a caller's visible keys) are cached until the next write.
 */
export class RecordTable extends Map<string, StoredRecord> {
  /** Incremented on every write: what cached views are checked against. */
  version = 0;
  /** How many stored records can expire: with none, no record needs the clock to be listed. */
  expiring = 0;
  private readonly indexes = new Map<string, FieldIndex>();
  /** Each key's position in insertion order, kept once an index exists (Map order, as numbers). */
  private readonly order = new Map<string, number>();
  private nextOrder = 0;
  private readonly views = new Map<string, { version: number; items: unknown[] }>();
  /** Position of a key in the table's order (what index sets are ordered by; kept once an index exists). */
  readonly orderOf = (key: string): number => this.order.get(key) ?? Number.MAX_SAFE_INTEGER;

  constructor(private readonly weights: StoreWeights, readonly revisions: RevisionCounter = new RevisionCounter()) {
    super();
  }

  override set(key: string, given: StoredRecord): this {
    return this.put(key, given instanceof TrackedRecord && given.owner(this, key) ? given : this.newRecord(key, given));
  }

  /** Stores a seeded record (no sections: they are made when first written). */
  seed(key: string, record: SeededRecord): void {
    this.put(key, new TrackedRecord(this, key, record));
  }

  /** Lets a record this table holds rest as the body text that wrote it (TrackedRecord#rest). */
  rest(record: StoredRecord, text: string, body: Record<string, unknown>): void {
    if (record instanceof TrackedRecord && super.get(record.key) === record) record.rest(text, body);
  }

  /** Stores a new record (no sections until one is written) and gives back the record as the table holds it. */
  insert(key: string, record: SeededRecord): StoredRecord {
    const stored = this.newRecord(key, record);
    this.put(key, stored);
    return stored;
  }

  /** A record this table holds, with a revision of its own (a written record is never seeded). */
  private newRecord(key: string, record: SeededRecord & { sections?: Record<string, unknown> }): TrackedRecord {
    const stored = new TrackedRecord(this, key, record);
    stored.revision = this.revisions.next();
    return stored;
  }

  private put(key: string, record: TrackedRecord): this {
    const previous = super.get(key);
    if (previous !== record) {
      if (previous) this.forget(key, previous);
      this.weights.charge(record);
      if (record.expiresAt !== undefined) this.expiring++;
    } else {
      this.unindex(key, record);
    }
    this.version++;
    super.set(key, record);
    if (this.indexes.size > 0) this.track(key, record);
    return this;
  }

  override delete(key: string): boolean {
    const previous = super.get(key);
    if (previous) {
      this.forget(key, previous);
      this.order.delete(key);
      this.version++;
    }
    return super.delete(key);
  }

  override clear(): void {
    for (const record of super.values()) this.weights.release(record);
    super.clear();
    this.indexes.clear();
    this.order.clear();
    this.views.clear();
    this.expiring = 0;
    this.version++;
  }

  /** The equality index of a data field or scope parameter, built from the stored records on first use. */
  index(source: IndexSource, field: string): FieldIndex {
    return this.indexBy(`${source}\u0000${field}`, (orderOf) => FieldIndex.of(source, field, orderOf));
  }

  /**
   * An index over values derived from each record (`valuesOf` must depend only on the record, and `name`
   * must name the derivation), built on first use and kept by every write from then on.
   */
  derivedIndex(name: string, valuesOf: IndexValues): FieldIndex {
    return this.indexBy(`derived\u0000${name}`, (orderOf) => new FieldIndex(valuesOf, orderOf));
  }

  private indexBy(name: string, make: (orderOf: (key: string) => number) => FieldIndex): FieldIndex {
    let index = this.indexes.get(name);
    if (!index) {
      index = make(this.orderOf);
      // The first index also gives every key its place in order: one pass over the records for both.
      for (const [key, record] of this) index.add(key, record, this.placeOf(key));
      this.indexes.set(name, index);
    }
    return index;
  }

  /** The key a stored record is held under (undefined for a record this table does not hold). */
  keyOf(record: StoredRecord): string | undefined {
    return record instanceof TrackedRecord && record.owner(this, record.key) ? record.key : undefined;
  }

  /** Every record ordered by `compare` (stable: ties keep insertion order), cached until the next write. */
  sortedBy(name: string, compare: (a: StoredRecord, b: StoredRecord) => number): StoredRecord[] {
    return this.view(`sorted\u0000${name}`, () => [...this.values()].sort(compare));
  }

  /**
   * A list computed from the records (`name` names the computation), cached until the next write. A few
   * at a time: a client cycling through sort strings or callers must not grow memory without bound.
   */
  view<T>(name: string, build: () => T[]): T[] {
    const cached = this.views.get(name);
    if (cached && cached.version === this.version) return cached.items as T[];
    const items = build();
    this.views.delete(name);
    if (this.views.size >= VIEWS_KEPT) this.views.delete(this.views.keys().next().value!);
    this.views.set(name, { version: this.version, items });
    return items;
  }

  private forget(key: string, record: StoredRecord): void {
    this.weights.release(record);
    if (record.expiresAt !== undefined) this.expiring--;
    this.unindex(key, record);
  }

  private unindex(key: string, record: StoredRecord): void {
    for (const index of this.indexes.values()) index.remove(key, record);
  }

  /** Gives the key its place in order and indexes the record. */
  private track(key: string, record: StoredRecord): void {
    const order = this.placeOf(key);
    for (const index of this.indexes.values()) index.add(key, record, order);
  }

  /** The key's place in order, given now if it has none. */
  private placeOf(key: string): number {
    let order = this.order.get(key);
    if (order === undefined) {
      order = this.nextOrder++;
      this.order.set(key, order);
    }
    return order;
  }

  /** A stored record's `data` is being replaced (an update assigns it): its index entries move. */
  replacingData(key: string, record: StoredRecord, apply: () => void): void {
    const stored = super.get(key) === record;
    if (stored) this.unindex(key, record);
    apply();
    if (stored) {
      this.version++;
      if (this.indexes.size > 0) this.track(key, record);
    }
  }
}

const VIEWS_KEPT = 8;

/**
 * The revisions a store hands out, one counter for all its tables and never reset: a revision once shown
 * (an entity tag, rules/etag.ts) never names another state. Seeded records are at revision 0, which a reset
 * brings back with their seeded data.
 */
export class RevisionCounter {
  last = 0;

  next(): number {
    return ++this.last;
  }
}

/** The record's revision: 0 as seeded, a new one after every write of its data or sections. */
export function revisionOf(record: StoredRecord): number {
  return record instanceof TrackedRecord ? record.revision : 0;
}

/** A write the record's `data` setter does not see (a section written in place) gives it a new revision. */
export function touchRecord(record: StoredRecord): void {
  if (record instanceof TrackedRecord) record.touch();
}

/**
 * What a table holds: the record as given, with `data` behind an accessor so that a behaviour assigning
 * it keeps the table's indexes and cached views current. One class, so reads stay monomorphic.
 */
class TrackedRecord implements StoredRecord {
  readonly #table: RecordTable;
  readonly #key: string;
  /** The record's fields; undefined while it rests as `#text` and `#overlay` (rest). */
  #data: Record<string, unknown> | undefined;
  #text: string | undefined;
  #overlay: Record<string, unknown> | undefined;
  #weight = 0;
  /** Bumped by every write of `data` (revisionOf): what an entity tag names. */
  revision = 0;
  scope: Record<string, string>;
  expiresAt: number | undefined;
  /** Made on first use: a seeded record has none, and a million empty objects are tens of megabytes. */
  #sections: Record<string, unknown> | undefined;

  constructor(table: RecordTable, key: string, record: SeededRecord & { sections?: Record<string, unknown> }) {
    this.#table = table;
    this.#key = key;
    this.#data = record.data;
    this.scope = record.scope;
    this.expiresAt = record.expiresAt;
    this.#sections = record.sections;
  }

  get sections(): Record<string, unknown> {
    return (this.#sections ??= {});
  }

  set sections(next: Record<string, unknown>) {
    this.#sections = next;
  }

  get data(): Record<string, unknown> {
    return this.#data ?? this.#wake();
  }

  /**
   * Lets a created record rest as the JSON text of the body that wrote it, with what the create set over it
   * (generated fields, defaults, `set`), until it is next read. A create stores the object tree of its parsed
   * body, some thirty objects the young generation's collector copies twice on their way to the old one,
   * which cost a create-heavy load more than parsing the body; the text is one string, copied as one block.
   * Only where the fields are the body's own in the body's order with values set over them or added after
   * (otherwise nothing changes); the text is the very one the body was parsed from, so reading it again
   * gives equal fields.
   */
  rest(text: string, body: Record<string, unknown>): void {
    const data = this.#data;
    if (data === undefined) return;
    const overlay = overlayOver(body, data);
    if (overlay === undefined) return;
    this.#text = text;
    this.#overlay = overlay;
    this.#data = undefined;
  }

  #wake(): Record<string, unknown> {
    const data = JSON.parse(this.#text!) as Record<string, unknown>;
    const overlay = this.#overlay!;
    for (const key of Object.keys(overlay)) {
      if (key === '__proto__') Object.defineProperty(data, key, { value: overlay[key], enumerable: true, writable: true, configurable: true });
      else data[key] = overlay[key];
    }
    this.#data = data;
    this.#text = undefined;
    this.#overlay = undefined;
    return data;
  }

  set data(next: Record<string, unknown>) {
    if (this.#data === next) return;
    this.#table.replacingData(this.#key, this, () => {
      this.#data = next;
      this.#text = undefined;
      this.#overlay = undefined;
    });
    this.touch();
  }

  touch(): void {
    this.revision = this.#table.revisions.next();
  }

  get key(): string {
    return this.#key;
  }

  /** What the store counts the record as weighing (StoreWeights). */
  get weight(): number {
    return this.#weight;
  }

  set weight(bytes: number) {
    this.#weight = bytes;
  }

  owner(table: RecordTable, key: string): boolean {
    return this.#table === table && this.#key === key;
  }

  /** The plain record (what JSON shows). */
  toJSON(): StoredRecord {
    return plainRecord(this);
  }
}

/**
 * What `data` sets over `body` (values that differ, fields added after the body's), or undefined when `data`
 * is not `body` with values set over it and fields added after: a field left out or moved.
 */
function overlayOver(body: Record<string, unknown>, data: Record<string, unknown>): Record<string, unknown> | undefined {
  const bodyKeys = Object.keys(body);
  const dataKeys = Object.keys(data);
  if (dataKeys.length < bodyKeys.length) return undefined;
  const overlay: Record<string, unknown> = {};
  for (let i = 0; i < dataKeys.length; i++) {
    const key = dataKeys[i];
    if (i < bodyKeys.length) {
      if (key !== bodyKeys[i]) return undefined;
      if (data[key] === body[key]) continue;
    }
    // A key named `__proto__` is data, not the prototype setter.
    if (key === '__proto__') Object.defineProperty(overlay, key, { value: data[key], enumerable: true, writable: true, configurable: true });
    else overlay[key] = data[key];
  }
  return overlay;
}

function plainRecord(record: StoredRecord): StoredRecord {
  return { data: record.data, scope: record.scope, expiresAt: record.expiresAt, sections: record.sections };
}

/** Estimated bytes per record (the size of the body that wrote it) and their sum. */
export class StoreWeights {
  total = 0;
  /** What the next inserted record weighs: the instance sets it to the request body's size. */
  pending = RECORD_OVERHEAD_BYTES;
  /** Weights of records not held by a table (a stored record keeps its own: no WeakMap entry per record). */
  private readonly loose = new WeakMap<StoredRecord, number>();

  weightOf(record: StoredRecord): number {
    return record instanceof TrackedRecord ? record.weight : this.loose.get(record) ?? 0;
  }

  charge(record: StoredRecord, weight = this.pending): void {
    this.release(record);
    if (record instanceof TrackedRecord) record.weight = weight;
    else this.loose.set(record, weight);
    this.total += weight;
  }

  release(record: StoredRecord): void {
    this.total -= this.weightOf(record);
    if (record instanceof TrackedRecord) record.weight = 0;
    else this.loose.delete(record);
  }
}

/**
 * An in-memory table per resource, keyed by the resource's key field. Knows nothing about HTTP;
 * insertion order is the natural list order. Snapshots make `reset` cheap and exact.
 */
export class MockStore {
  readonly weights = new StoreWeights();
  private tables = new Map<string, RecordTable>();
  private readonly revisions = new RevisionCounter();
  private counters = new Map<string, number>();

  /** The next integer key of a resource: one more than the largest stored (seeded records included). */
  nextCounter(resource: string, key: string): number {
    const next = nextCounter(this.counters.get(resource), () => {
      let largest = 0;
      for (const record of this.table(resource).values()) largest = Math.max(largest, counterOf(record.data[key]));
      return largest;
    });
    this.counters.set(resource, next);
    return next;
  }

  table(resource: string): RecordTable {
    let table = this.tables.get(resource);
    if (!table) {
      table = new RecordTable(this.weights, this.revisions);
      this.tables.set(resource, table);
    }
    return table;
  }

  /**
   * Back to the seeded records, copy-on-write: the stored records share the seed's `data` and `scope`
   * (deep-frozen the first time, so no write can reach the seed: every write replaces a record's `data`).
   * A reset is then as cheap as re-indexing, and the store holds one copy of the seeded data rather than two.
   */
  restore(seeds: Readonly<Record<string, SeedTable>>, keyOf: (resource: string) => string): void {
    for (const table of this.tables.values()) table.clear();
    this.tables.clear();
    this.counters.clear();
    for (const [name, { records, expiresAt }] of Object.entries(seeds)) {
      const table = this.table(name);
      const key = keyOf(name);
      // Seeds weigh their JSON: they come from fixtures, not from a request.
      const weights = seedWeightsOf(records, RECORD_OVERHEAD_BYTES);
      for (let index = 0; index < records.length; index++) {
        const { data, scope } = records[index];
        this.weights.pending = weights[index];
        table.seed(String(data[key]), { data, scope, expiresAt: expiresAt?.[index] });
      }
    }
    this.weights.pending = RECORD_OVERHEAD_BYTES;
  }
}
