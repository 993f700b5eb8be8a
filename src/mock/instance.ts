import type { ContractModel, OperationModel } from '../contract/model.ts';
import { checkFixtureSpec } from '../seeder/check.ts';
import type { Situation } from '../contract/vocabulary.ts';
import { expiresAt } from '../rules/expiry.ts';
import { createSeededFaker } from '../schema/faker.ts';
import { generateSeedRecords } from '../seeder/generate.ts';
import type { FixtureSpec } from '../seeder/spec.ts';
import { createRandom, type Random } from '../template/random.ts';
import type { AuthOptions } from './auth.ts';
import { createClock, requestClock, type MockClock } from './clock.ts';
import type { MockContext } from './context.ts';
import { situationReply } from './engine/operation-error.ts';
import { runOperation } from './engine/operation.ts';
import type { ErrorReply } from './error-response.ts';
import type { IncomingRequest } from './incoming.ts';
import { DEFAULT_BODY_LIMIT } from './request-body.ts';
import { DEFAULT_MAX_RESPONSE_CHARS } from './serialize-reply.ts';
import { dumpState } from './state-dump.ts';
import { DEFAULT_STORE_LIMITS, type StoreLimits } from './store-limits.ts';
import { MockStore, type SeedTable } from './store.ts';

export interface MockOptions {
  /** Seed for fixtures and generated values; the same seed gives the same state. Default 1. */
  readonly seed?: number;
  /** How to seed the store (fixtures/<id>.yaml); without it the store starts empty. */
  readonly fixtures?: FixtureSpec;
  /** Overrides every resource's fixture count. */
  readonly fixtureCount?: number;
  readonly clock?: MockClock;
  /** Verify HS256 signatures of JWTs with this secret. */
  readonly jwtSecret?: string;
  /** Largest accepted request body in bytes (default 1 MiB). */
  readonly bodyLimit?: number;
  /** Records one resource may hold (default 100,000); past it a create gets the contract's `tooLarge`. */
  readonly maxRecords?: number;
  /** Estimated bytes of the store (default 768 MiB: store-limits.ts); past it a write gets the contract's `tooLarge`. */
  readonly maxStoreBytes?: number;
  /** Heap of the whole process (default 1.25 GiB) past which a write that grows the store gets `tooLarge`. */
  readonly maxHeapBytes?: number;
  /** Largest answer in characters of JSON (default 128 Mi); a larger one gets the contract's `invalid`. */
  readonly maxResponseChars?: number;
  /**
   * Generate the seeded records when first needed (a request, a reset, a state dump, `seed()`) instead of
   * at creation; the fixtures file is still checked against the contract at creation, and the records are
   * the same (drawn with the clock reading of the creation). Default false.
   */
  readonly seedOnFirstUse?: boolean;
}

export interface StateOptions {
  /** Also dump owner-only, secret and transient fields (default false). */
  readonly includeHidden?: boolean;
}

export interface MockReply {
  readonly status: number;
  /** Undefined for an empty body. */
  readonly body: unknown;
  /** Undefined: JSON. A string body of another media type is sent as text. */
  readonly mediaType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * One contract's mock, independent of any transport: its store (seeded), clock, runtime random stream and
 * limits. The engine (engine/dispatch.ts, engine/operation.ts) runs requests against it.
 */
export interface MockInstance {
  readonly contract: ContractModel;
  readonly context: MockContext;
  readonly bodyLimit: number;
  /** Largest answer in characters of JSON: what transports may serialise. */
  readonly responseLimit: number;
  /** The store's caps (records per resource, stored bytes). */
  readonly limits: StoreLimits;
  /** How credentials are checked: the JWT secret, and the mock's clock for expiry. */
  readonly auth: AuthOptions;
  /** What templates and error bodies draw on: the runtime random stream and the mock's clock. */
  readonly tools: { readonly random: Random; readonly now: () => Date };
  /**
   * One request to one operation through the engine's stages (engine/operation.ts), for in-process callers
   * that route themselves (tests, benches). Never throws.
   */
  handle(operation: OperationModel, request: IncomingRequest, url: URL, params: Readonly<Record<string, string>>): Promise<MockReply>;
  /** The contract's error reply for a situation outside any operation (unknown route, oversized body). */
  errorReply(situation: Situation, detail: string): ErrorReply;
  /** Back to the seeded state (and the clock back to real time). */
  reset(): void;
  /**
   * Every stored record, by resource, as its owner sees it: fields the API never shows (owner-only, secret,
   * transient) are left out unless `includeHidden` asks for them.
   */
  state(options?: StateOptions): Record<string, unknown[]>;
  /**
   * Generates the seeded records now if they are not yet (with `seedOnFirstUse`; otherwise they are).
   *
   * @throws FixtureError when a record cannot be seeded (the same error each time it is called).
   */
  seed(): void;
}

/**
 * @example
 * const mock = createMockInstance(await loadContract('game-sessions'), { seed: 7 });
 * mock.state().session.length; // 12
 */
export function createMockInstance(contract: ContractModel, options: MockOptions = {}): MockInstance {
  const seed = options.seed ?? 1;
  const clock = options.clock ?? createClock();
  const store = new MockStore();
  // Runtime ids come from their own stream, restarted by reset, so a replayed session gets the same ids.
  const runtimeSeed = (seed ^ 0x9e3779b9) >>> 0;
  let random = createRandom(runtimeSeed);
  const context: MockContext = { contract, store, clock: requestClock(clock), random: { int: (n) => random.int(n) }, faker: createSeededFaker(runtimeSeed) };
  const keyOf = (resource: string) => contract.resources.get(resource)!.key;
  const now = () => clock.now();

  const seededAt = clock.now();
  const seedStore = once(() => {
    const snapshot = seedSnapshot(contract, options, seededAt);
    store.restore(snapshot, keyOf);
    return snapshot;
  });
  // Seeding later: what the fixtures file says is checked now, so a file that does not fit stops the start.
  if (options.seedOnFirstUse && options.fixtures) checkFixtureSpec(contract, options.fixtures);
  else seedStore();

  const instance: MockInstance = {
    contract,
    get context() {
      seedStore();
      return context;
    },
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    responseLimit: options.maxResponseChars ?? DEFAULT_MAX_RESPONSE_CHARS,
    limits: {
      maxRecords: options.maxRecords ?? DEFAULT_STORE_LIMITS.maxRecords,
      maxStoreBytes: options.maxStoreBytes ?? DEFAULT_STORE_LIMITS.maxStoreBytes,
      maxHeapBytes: options.maxHeapBytes ?? DEFAULT_STORE_LIMITS.maxHeapBytes,
    },
    auth: { jwtSecret: options.jwtSecret, now },
    tools: { random: context.random, now },
    handle: async (operation, request, url, params) => runOperation(instance, operation, request, url, params),
    errorReply: (situation, detail) => situationReply(instance, undefined, situation, detail),
    reset() {
      clock.set(new Date());
      random = createRandom(runtimeSeed);
      store.restore(seedStore(), keyOf);
    },
    seed: () => void seedStore(),
    state: (stateOptions = {}) => {
      seedStore();
      return dumpState(contract, store, stateOptions.includeHidden === true);
    },
  };
  return instance;
}

/** `make()`'s value, made on the first call; a failure is thrown again on every later call. */
function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  let failure: { error: unknown } | undefined;
  return () => {
    if (made) return made.value;
    if (failure) throw failure.error;
    try {
      made = { value: make() };
    } catch (error) {
      failure = { error };
      throw error;
    }
    return made.value;
  };
}

/** Records per resource a document without a fixtures file starts with. */
const INFERRED_SEED_COUNT = 3;

function seedSnapshot(contract: ContractModel, options: MockOptions, now: Date): Record<string, SeedTable> {
  // A document without declarations has no fixtures file: a few records per resource, and a record the
  // inferred schema cannot be satisfied for is left out rather than stopping the mock.
  const inferred = !contract.declared && options.fixtures === undefined;
  const generated = generateSeedRecords(contract, options.fixtures, {
    seed: options.seed ?? 1, count: options.fixtureCount ?? (inferred ? INFERRED_SEED_COUNT : undefined), now, lenient: inferred,
  });
  const snapshot: Record<string, SeedTable> = {};
  for (const [name, records] of generated) {
    const resource = contract.resources.get(name)!;
    // Most resources never expire: then no expiry is kept per record.
    const expiries = records.map((record) => expiresAt(resource, record.data, now.getTime()));
    snapshot[name] = expiries.some((at) => at !== undefined) ? { records, expiresAt: expiries } : { records };
  }
  return snapshot;
}
