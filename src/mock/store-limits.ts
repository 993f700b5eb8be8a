import { findRecord } from './access.ts';
import type { MockContext, MockRequest } from './context.ts';
import { SituationError } from './situation-error.ts';
import { RECORD_OVERHEAD_BYTES } from './store.ts';

export interface StoreLimits {
  /** Records one resource may hold. */
  readonly maxRecords: number;
  /** Estimated bytes the whole store may hold (the request bodies that wrote it). */
  readonly maxStoreBytes: number;
}

/** Well under 2 GB of RSS for the mock, far above what a test session stores. */
export const DEFAULT_STORE_LIMITS: StoreLimits = { maxRecords: 100_000, maxStoreBytes: 256 * 1024 * 1024 };

export interface Admission {
  /** Records the write's weight once the behaviour succeeded. */
  commit(): void;
}

const IN_PLACE_WRITES = new Set(['update', 'replace', 'writeSection']);
const NOTHING_TO_COMMIT: Admission = { commit: () => undefined };

/**
 * Refuses, before anything changes, a write that would take the store past a cap: the contract's
 * `tooLarge` answer, and nothing stored is lost. A record weighs the bytes of the body that wrote it.
 *
 * @example
 * const admission = admitWrite(context, request, 120, DEFAULT_STORE_LIMITS); // throws when full
 * BEHAVIOURS.create(context, request); admission.commit();
 */
export function admitWrite(context: MockContext, request: MockRequest, bodyBytes: number, limits: StoreLimits): Admission {
  const { kind, resource } = request.operation.behaviour;
  const weights = context.store.weights;
  const weight = bodyBytes + RECORD_OVERHEAD_BYTES;
  if (kind === 'create') {
    const size = context.store.table(resource.name).size;
    if (size >= limits.maxRecords) throw full(`it holds ${size} ${resource.name} records, the most it keeps (--max-records)`);
    if (weights.total + weight > limits.maxStoreBytes) throw full(`it holds about ${weights.total} bytes, and ${limits.maxStoreBytes} is the most it keeps (--max-store-bytes)`);
    weights.pending = weight;
    return NOTHING_TO_COMMIT;
  }
  if (!IN_PLACE_WRITES.has(kind)) return NOTHING_TO_COMMIT;
  let record;
  try {
    record = findRecord(context, request);
  } catch {
    return NOTHING_TO_COMMIT; // the behaviour answers notFound itself
  }
  const grown = Math.max(weights.weightOf(record), weight);
  if (weights.total - weights.weightOf(record) + grown > limits.maxStoreBytes) {
    throw full(`it holds about ${weights.total} bytes, and ${limits.maxStoreBytes} is the most it keeps (--max-store-bytes)`);
  }
  // Updates merge into the record: it weighs about its largest write, not the sum of every write.
  return { commit: () => weights.charge(record, grown) };
}

/**
 * Runs a (synchronous) behaviour under the store's caps: refused before it runs when the write would not
 * fit, weighed after it succeeded.
 */
export function writeWithinLimits<T>(context: MockContext, request: MockRequest, bodyBytes: number, limits: StoreLimits, run: () => T): T {
  const admission = admitWrite(context, request, bodyBytes, limits);
  try {
    const result = run();
    admission.commit();
    return result;
  } finally {
    context.store.weights.pending = RECORD_OVERHEAD_BYTES;
  }
}

function full(reason: string): SituationError {
  return new SituationError('tooLarge', `Failed to store the write: the mock's store is full (${reason}). Delete records or reset the mock (POST /__harness/reset).`);
}
