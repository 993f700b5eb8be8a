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
 * caps are checked in O(1) without re-serialising anything.
 */
export class RecordTable extends Map<string, StoredRecord> {
  constructor(private readonly weights: StoreWeights) {
    super();
  }

  override set(key: string, record: StoredRecord): this {
    const previous = super.get(key);
    if (previous !== record) {
      if (previous) this.weights.release(previous);
      this.weights.charge(record);
    }
    return super.set(key, record);
  }

  override delete(key: string): boolean {
    const previous = super.get(key);
    if (previous) this.weights.release(previous);
    return super.delete(key);
  }

  override clear(): void {
    for (const record of super.values()) this.weights.release(record);
    super.clear();
  }
}

/** Estimated bytes per record (the size of the body that wrote it) and their sum. */
export class StoreWeights {
  total = 0;
  /** What the next inserted record weighs: the instance sets it to the request body's size. */
  pending = RECORD_OVERHEAD_BYTES;
  private readonly weights = new WeakMap<StoredRecord, number>();

  weightOf(record: StoredRecord): number {
    return this.weights.get(record) ?? 0;
  }

  charge(record: StoredRecord, weight = this.pending): void {
    this.release(record);
    this.weights.set(record, weight);
    this.total += weight;
  }

  release(record: StoredRecord): void {
    this.total -= this.weights.get(record) ?? 0;
    this.weights.delete(record);
  }
}

/**
 * An in-memory table per resource, keyed by the resource's key field. Knows nothing about HTTP;
 * insertion order is the natural list order. Snapshots make `reset` cheap and exact.
 */
export class MockStore {
  readonly weights = new StoreWeights();
  private tables = new Map<string, RecordTable>();
  private counters = new Map<string, number>();

  /** The next integer key of a resource: one more than the largest stored (seeded records included). */
  nextCounter(resource: string, key: string): number {
    let last = this.counters.get(resource);
    if (last === undefined) {
      last = 0;
      for (const record of this.table(resource).values()) {
        const value = Number(record.data[key]);
        if (Number.isSafeInteger(value) && value > last) last = value;
      }
    }
    this.counters.set(resource, last + 1);
    return last + 1;
  }

  table(resource: string): RecordTable {
    let table = this.tables.get(resource);
    if (!table) {
      table = new RecordTable(this.weights);
      this.tables.set(resource, table);
    }
    return table;
  }

  /** A deep copy of everything stored. */
  snapshot(): Record<string, StoredRecord[]> {
    return Object.fromEntries([...this.tables].map(([name, table]) => [name, structuredClone([...table.values()])]));
  }

  restore(snapshot: Record<string, StoredRecord[]>, keyOf: (resource: string) => string): void {
    for (const table of this.tables.values()) table.clear();
    this.tables.clear();
    this.counters.clear();
    for (const [name, records] of Object.entries(snapshot)) {
      const table = this.table(name);
      const key = keyOf(name);
      for (const record of structuredClone(records)) {
        // Seeds are weighed once per reset, by their JSON: they come from fixtures, not from a request.
        this.weights.pending = JSON.stringify(record.data).length + RECORD_OVERHEAD_BYTES;
        table.set(String(record.data[key]), record);
      }
    }
    this.weights.pending = RECORD_OVERHEAD_BYTES;
  }
}
