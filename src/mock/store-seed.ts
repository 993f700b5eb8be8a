import type { StoredRecord } from './store.ts';

/** The weights of a snapshot's records, computed (and their data and scope frozen) on its first restore. */
const seedWeights = new WeakMap<readonly StoredRecord[], number[]>();

export function seedWeightsOf(records: readonly StoredRecord[], overhead: number): number[] {
  let weights = seedWeights.get(records);
  if (!weights || weights.length !== records.length) {
    weights = records.map((record) => {
      deepFreeze(record.data);
      deepFreeze(record.scope);
      return jsonLength(record.data, false) + overhead;
    });
    seedWeights.set(records, weights);
  }
  return weights;
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}

/** Nested objects seeded records share (frozen), and their JSON length: each is measured once. */
const sharedLengths = new WeakMap<object, number>();

/** The length of a value's JSON (string escapes aside), without building the text; `shared` memoises it. */
function jsonLength(value: unknown, shared = true): number {
  if (value === null || value === undefined) return 4;
  if (typeof value === 'string') return value.length + 2;
  if (typeof value !== 'object') return String(value).length;
  let length = sharedLengths.get(value);
  if (length !== undefined) return length;
  // Brackets, plus a comma after every item; the last item has none.
  length = 1;
  if (Array.isArray(value)) {
    for (const item of value) length += jsonLength(item) + 1;
  } else {
    for (const [key, item] of Object.entries(value)) if (item !== undefined) length += key.length + 4 + jsonLength(item);
  }
  if (length === 1) length = 2;
  if (shared && Object.isFrozen(value)) sharedLengths.set(value, length);
  return length;
}
