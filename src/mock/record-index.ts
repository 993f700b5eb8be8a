import { filterValues } from '../rules/reference.ts';
import type { StoredRecord } from './store.ts';

/**
 * Equality indexes over one table's records, kept in the table's insertion order: for a field (of the
 * record's data, or of its scope) the keys of the records holding each value. A value is indexed the way
 * the list behaviour compares it (rules/reference.ts): as text, a compact reference by its id, and every item of an array. An index can also be over
 * values derived from the whole record (`valuesOf`), such as who may see it combined with a field's value.
 */
export type IndexSource = 'data' | 'scope';

/** The strings a record is found by in one index (several for arrays; none leaves it out). */
export type IndexValues = (record: StoredRecord) => readonly string[];

export class FieldIndex {
  private readonly byValue = new Map<string, OrderedKeys>();

  constructor(
    readonly valuesOf: IndexValues,
    private readonly orderOf: (key: string) => number,
  ) {}

  /** The index of one data field or scope parameter. */
  static of(source: IndexSource, field: string, orderOf: (key: string) => number): FieldIndex {
    return new FieldIndex((record) => indexValues(record[source][field]), orderOf);
  }

  /** The keys whose records hold `value`, in table order. */
  keysFor(value: string): ReadonlySet<string> {
    return this.byValue.get(value)?.ordered(this.orderOf) ?? EMPTY;
  }

  sizeFor(value: string): number {
    return this.byValue.get(value)?.keys.size ?? 0;
  }

  /** Indexes a record; `order` is its key's position when the caller knows it (building the index). */
  add(key: string, record: StoredRecord, order?: number): void {
    const values = this.valuesOf(record);
    if (values.length === 0) return;
    const position = order ?? this.orderOf(key);
    for (const value of values) {
      let entry = this.byValue.get(value);
      if (!entry) {
        entry = new OrderedKeys();
        this.byValue.set(value, entry);
      }
      entry.add(key, position);
    }
  }

  remove(key: string, record: StoredRecord): void {
    for (const value of this.valuesOf(record)) {
      const entry = this.byValue.get(value);
      if (!entry) continue;
      entry.keys.delete(key);
      if (entry.keys.size === 0) this.byValue.delete(value);
    }
  }
}

const EMPTY: ReadonlySet<string> = new Set();

/** The keys of two disjoint sets, each in table order, merged in table order. */
export function* mergedInOrder(a: ReadonlySet<string>, b: ReadonlySet<string>, orderOf: (key: string) => number): Generator<string> {
  const left = a.values();
  const right = b.values();
  let x = left.next();
  let y = right.next();
  while (!x.done || !y.done) {
    if (!x.done && (y.done || orderOf(x.value) < orderOf(y.value))) {
      yield x.value;
      x = left.next();
    } else if (!y.done) {
      yield y.value;
      y = right.next();
    }
  }
}

/** A set of keys that knows whether it is still in table order, and puts itself back in order when read. */
class OrderedKeys {
  keys = new Set<string>();
  private last = -1;
  private inOrder = true;

  add(key: string, order: number): void {
    const size = this.keys.size;
    this.keys.add(key);
    if (this.keys.size === size) return;
    if (order < this.last) this.inOrder = false;
    else this.last = order;
  }

  ordered(orderOf: (key: string) => number): ReadonlySet<string> {
    if (!this.inOrder) {
      const sorted = [...this.keys].sort((a, b) => orderOf(a) - orderOf(b));
      this.keys = new Set(sorted);
      this.last = sorted.length ? orderOf(sorted[sorted.length - 1]) : -1;
      this.inOrder = true;
    }
    return this.keys;
  }
}

/** The strings a stored value matches: itself as a string, a reference's id, or (arrays) each of its items. */
export function indexValues(value: unknown): string[] {
  return filterValues(value);
}
