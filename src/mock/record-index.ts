/**
 * Equality indexes over one table's records, kept in the table's insertion order: for a field (of the
 * record's data, or of its scope) the keys of the records holding each value. A value is indexed the way
 * the list behaviour compares it: `String(value)`, and every item of an array.
 */
export type IndexSource = 'data' | 'scope';

export class FieldIndex {
  private readonly byValue = new Map<string, OrderedKeys>();

  constructor(
    readonly source: IndexSource,
    readonly field: string,
    private readonly orderOf: (key: string) => number,
  ) {}

  /** The keys whose records hold `value`, in table order. */
  keysFor(value: string): ReadonlySet<string> {
    return this.byValue.get(value)?.ordered(this.orderOf) ?? EMPTY;
  }

  sizeFor(value: string): number {
    return this.byValue.get(value)?.keys.size ?? 0;
  }

  add(key: string, holder: Record<string, unknown>): void {
    for (const value of indexValues(holder[this.field])) {
      let entry = this.byValue.get(value);
      if (!entry) {
        entry = new OrderedKeys();
        this.byValue.set(value, entry);
      }
      entry.add(key, this.orderOf(key));
    }
  }

  remove(key: string, holder: Record<string, unknown>): void {
    for (const value of indexValues(holder[this.field])) {
      const entry = this.byValue.get(value);
      if (!entry) continue;
      entry.keys.delete(key);
      if (entry.keys.size === 0) this.byValue.delete(value);
    }
  }
}

const EMPTY: ReadonlySet<string> = new Set();

/** A set of keys that knows whether it is still in table order, and puts itself back in order when read. */
class OrderedKeys {
  keys = new Set<string>();
  private last = -1;
  private inOrder = true;

  add(key: string, order: number): void {
    if (this.keys.has(key)) return;
    if (order < this.last) this.inOrder = false;
    else this.last = order;
    this.keys.add(key);
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

/** The strings a stored value matches: itself as a string, or (arrays) each of its items, recursively. */
export function indexValues(value: unknown): string[] {
  if (!Array.isArray(value)) return [String(value)];
  const values: string[] = [];
  for (const item of value) for (const indexed of indexValues(item)) values.push(indexed);
  return values;
}
