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
 * Nested objects seeded records share (a record past the first samples is a shallow copy of one), frozen,
 * and their JSON length: each is frozen and measured once.
 */
const sharedLengths = new WeakMap<object, number>();

/**
 * The length of a value's JSON (string escapes aside), without building the text, freezing every object
 * it walks (`shared` objects are remembered: the record's own top level is not, it is never seen again).
 */
function frozenJsonLength(value: unknown, shared = false): number {
  if (value === null || value === undefined) return 4;
  if (typeof value === 'string') return value.length + 2;
  if (typeof value !== 'object') return String(value).length;
  let length = shared ? sharedLengths.get(value) : undefined;
  if (length !== undefined) return length;
  Object.freeze(value);
  // Brackets, plus a comma after every item; the last item has none.
  length = 1;
  if (Array.isArray(value)) {
    for (const item of value) length += frozenJsonLength(item, true) + 1;
  } else {
    for (const key in value) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined) length += key.length + 4 + frozenJsonLength(item, true);
    }
  }
  if (length === 1) length = 2;
  if (shared) sharedLengths.set(value, length);
  return length;
}
