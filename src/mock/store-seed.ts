import type { SeedRecord } from './store.ts';

/** The weights of a seed's records, computed (and their data and scope frozen) on its first restore. */
const seedWeights = new WeakMap<readonly SeedRecord[], number[]>();

export function seedWeightsOf(records: readonly SeedRecord[], overhead: number): number[] {
  let weights = seedWeights.get(records);
  if (!weights || weights.length !== records.length) {
    weights = new Array<number>(records.length);
    for (let index = 0; index < records.length; index++) {
      const { data, scope } = records[index];
      deepFreeze(scope);
      weights[index] = frozenJsonLength(data) + overhead;
    }
    seedWeights.set(records, weights);
  }
  return weights;
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
}

/**
 * Nested objects seeded records share (a record past the first samples is a shallow copy of one), and their
 * JSON length: measured once. An object is remembered when it is met a second time (frozen by then): a
 * WeakMap entry for every record's own nested objects would cost more memory than they take.
 */
const sharedLengths = new WeakMap<object, number>();

/** The length of a value's JSON (string escapes aside), without building the text, freezing every object it walks. */
function frozenJsonLength(value: unknown): number {
  if (value === null || value === undefined) return 4;
  if (typeof value === 'string') return value.length + 2;
  if (typeof value !== 'object') return String(value).length;
  const seen = Object.isFrozen(value);
  let length = seen ? sharedLengths.get(value) : undefined;
  if (length !== undefined) return length;
  Object.freeze(value);
  // Brackets, plus a comma after every item; the last item has none.
  length = 1;
  if (Array.isArray(value)) {
    for (const item of value) length += frozenJsonLength(item) + 1;
  } else {
    for (const key in value) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined) length += key.length + 4 + frozenJsonLength(item);
    }
  }
  if (length === 1) length = 2;
  if (seen) sharedLengths.set(value, length);
  return length;
}
