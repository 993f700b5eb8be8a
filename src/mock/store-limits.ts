import { findRecord } from './access.ts';
import type { MockContext, MockRequest } from './context.ts';
import { SituationError } from './situation-error.ts';
import { RECORD_OVERHEAD_BYTES, type StoredRecord } from './store.ts';

export interface StoreLimits {
  /** Records one resource may hold. */
  readonly maxRecords: number;
  /**
   * Estimated bytes one contract's store may hold: a record weighs its JSON (the body that wrote it, or the
   * seeded data) plus RECORD_OVERHEAD_BYTES, which is about what it takes in memory (BENCHMARKS.md).
   */
  readonly maxStoreBytes: number;
  /**
   * V8 heap of the whole process past which no store takes a larger write: the caps above are per contract,
   * and a mock serves several. Undefined: no such check (also where there is no `process`, a browser).
   */
  readonly maxHeapBytes?: number;
}

/**
 * A million seeded sessions of a bundled contract (~700 MB of estimate, ~560 MB of heap) fit under the
 * store cap when --max-records allows them; past 1.25 GiB of heap (all contracts together) writes that grow
 * the store are refused, so the mock's resident memory stays well under 2 GB.
 */
export const DEFAULT_STORE_LIMITS: StoreLimits = { maxRecords: 100_000, maxStoreBytes: 768 * 1024 * 1024, maxHeapBytes: 1.25 * 1024 * 1024 * 1024 };

export interface Admission {
  /** Records the write's weight once the behaviour succeeded. */
  commit(): void;
}

// An action changes its record in place too (a membership action adds the caller: a member per identity).
const IN_PLACE_WRITES = new Set(['update', 'replace', 'writeSection', 'action']);
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
    refuseWhenHeapFull(weights.total, limits);
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
  if (grown > weights.weightOf(record)) refuseWhenHeapFull(weights.total, limits);
  // Updates merge into the record and sections add up: once written, it weighs what it holds (weighing only
  // the largest write let one record grow without bound, a field or a section per request).
  return { commit: () => weights.charge(record, measuredWeight(record, grown)) };
}

function measuredWeight(record: StoredRecord, fallback: number): number {
  try {
    return JSON.stringify(record.data).length + JSON.stringify(record.sections).length + RECORD_OVERHEAD_BYTES;
  } catch {
    return fallback; // not JSON (a value no request body can carry): the estimate before the write
  }
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

/** When the heap was last read: re-read after HEAP_READ_MS, or once a store grew by HEAP_READ_BYTES since. */
const heap = { used: 0, readAt: -Infinity, storeBytes: 0 };
const HEAP_READ_MS = 100;
const HEAP_READ_BYTES = 16 * 1024 * 1024;

function refuseWhenHeapFull(storeBytes: number, limits: StoreLimits): void {
  const max = limits.maxHeapBytes;
  const host = (globalThis as { process?: { memoryUsage?: () => { heapUsed: number } } }).process;
  if (max === undefined || typeof host?.memoryUsage !== 'function') return;
  const now = performance.now();
  if (now - heap.readAt > HEAP_READ_MS || Math.abs(storeBytes - heap.storeBytes) > HEAP_READ_BYTES || heap.used > max) {
    try {
      heap.used = host.memoryUsage().heapUsed;
    } catch {
      heap.used = 0; // the resident size could not be read (memoryUsage reads it too): no guard this time
    }
    heap.readAt = now;
    heap.storeBytes = storeBytes;
  }
  if (heap.used > max) throw full(`the process's heap is about ${heap.used} bytes, past the ${max} it lets every store grow to`);
}

function full(reason: string): SituationError {
  return new SituationError('tooLarge', `Failed to store the write: the mock's store is full (${reason}). Delete records or reset the mock (POST /__harness/reset).`);
}
