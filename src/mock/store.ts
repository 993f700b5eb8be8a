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

/**
 * An in-memory table per resource, keyed by the resource's key field. Knows nothing about HTTP;
 * insertion order is the natural list order. Snapshots make `reset` cheap and exact.
 */
export class MockStore {
  private tables = new Map<string, Map<string, StoredRecord>>();
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

  table(resource: string): Map<string, StoredRecord> {
    let table = this.tables.get(resource);
    if (!table) {
      table = new Map();
      this.tables.set(resource, table);
    }
    return table;
  }

  /** A deep copy of everything stored. */
  snapshot(): Record<string, StoredRecord[]> {
    return Object.fromEntries([...this.tables].map(([name, table]) => [name, structuredClone([...table.values()])]));
  }

  restore(snapshot: Record<string, StoredRecord[]>, keyOf: (resource: string) => string): void {
    this.tables.clear();
    this.counters.clear();
    for (const [name, records] of Object.entries(snapshot)) {
      const table = this.table(name);
      const key = keyOf(name);
      for (const record of structuredClone(records)) table.set(String(record.data[key]), record);
    }
  }
}
