import type { ContractModel, OperationModel, ResourceModel } from '../contract/model.ts';
import { checkFixtureSpec } from '../seeder/check.ts';
import { generateSeedRecords } from '../seeder/generate.ts';
import type { FixtureSpec } from '../seeder/spec.ts';
import { createRandom } from '../template/random.ts';
import { createSeededFaker } from '../schema/faker.ts';
import { authenticateRequest } from './credentials.ts';
import { BEHAVIOURS } from './behaviours/index.ts';
import { createClock, type MockClock } from './clock.ts';
import type { MockContext } from './context.ts';
import { renderErrorReply, situationForStatus, type ErrorReply } from './error-response.ts';
import type { IncomingRequest } from './incoming.ts';
import { parsePrefer } from './prefer.ts';
import { readMockRequest } from './request.ts';
import { DEFAULT_BODY_LIMIT } from './request-body.ts';
import { SituationError } from './situation-error.ts';
import { MockStore, type StoredRecord } from './store.ts';
import { DEFAULT_MAX_RESPONSE_CHARS } from './serialize-reply.ts';
import { DEFAULT_STORE_LIMITS, writeWithinLimits, type StoreLimits } from './store-limits.ts';
import type { Situation } from '../contract/vocabulary.ts';
import { expiresAt } from '../rules/expiry.ts';

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
  /** Estimated bytes of stored JSON (default 256 MiB); past it a write gets the contract's `tooLarge`. */
  readonly maxStoreBytes?: number;
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

/** One contract's mock: its store, clock and the request pipeline, independent of any transport. */
export interface MockInstance {
  readonly contract: ContractModel;
  readonly context: MockContext;
  readonly bodyLimit: number;
  /** Largest answer in characters of JSON: what transports may serialise. */
  readonly responseLimit: number;
  /** Runs one request through auth, validation and the operation's behaviour. Never throws. */
  handle(operation: OperationModel, request: IncomingRequest, url: URL, params: Readonly<Record<string, string>>): Promise<MockReply>;
  /** The contract's error reply for a situation outside any operation (unknown route, oversized body). */
  errorReply(situation: Situation, detail: string): ErrorReply;
  /** An operation's own error reply for a situation met before its handler runs (an oversized body). */
  errorReplyFor(operation: OperationModel, situation: Situation, detail: string): ErrorReply;
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
  const context: MockContext = { contract, store, clock, random: { int: (n) => random.int(n) }, faker: createSeededFaker(runtimeSeed) };
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const keyOf = (resource: string) => contract.resources.get(resource)!.key;
  const tools = { random: context.random, now: () => clock.now() };
  const limits: StoreLimits = {
    maxRecords: options.maxRecords ?? DEFAULT_STORE_LIMITS.maxRecords,
    maxStoreBytes: options.maxStoreBytes ?? DEFAULT_STORE_LIMITS.maxStoreBytes,
  };

  const seededAt = clock.now();
  const seedStore = once(() => {
    const snapshot = seedSnapshot(contract, options, seededAt);
    store.restore(snapshot, keyOf);
    return snapshot;
  });
  // Seeding later: what the fixtures file says is checked now, so a file that does not fit stops the start.
  if (options.seedOnFirstUse && options.fixtures) checkFixtureSpec(contract, options.fixtures);
  else seedStore();

  async function handle(operation: OperationModel, request: IncomingRequest, url: URL, params: Readonly<Record<string, string>>): Promise<MockReply> {
    try {
      seedStore();
      const prefer = parsePrefer(request.header('prefer'));
      if (prefer.delayMs) await new Promise((resolve) => setTimeout(resolve, prefer.delayMs));
      if (prefer.status !== undefined && prefer.status >= 400) {
        const situation = situationForStatus(operation.situations, prefer.status);
        throw new SituationError(situation, `Injected by "Prefer: status=${prefer.status}".`, [], prefer.status);
      }
      // The body limit comes before credentials, as the HTTP server applies it while reading: both adapters
      // answer an oversized request alike.
      const declared = Number(request.header('content-length'));
      if (Number.isFinite(declared) && declared > bodyLimit) throw new SituationError('tooLarge', `The request body exceeds ${bodyLimit} bytes.`);
      let principal: string | undefined;
      if (operation.secured) {
        principal = await authenticateRequest(operation.security, request, url, { jwtSecret: options.jwtSecret, now: tools.now });
      }
      const measured = measureBody(request);
      const read = await readMockRequest(operation, measured.request, url, params, principal, bodyLimit);
      const mockRequest = prefer.example === undefined ? read : { ...read, prefer: { example: prefer.example } };
      return writeWithinLimits(context, mockRequest, measured.bytes(), limits, () => BEHAVIOURS[operation.behaviour.kind](context, mockRequest));
    } catch (error) {
      if (error instanceof SituationError) {
        const reply = renderErrorReply(contract, operation.situations, error.situation, error.message, error.violations, tools, error.status);
        return error.situation === 'unauthenticated' ? { ...reply, headers: challengeHeaders(operation) } : reply;
      }
      // A bug in the mock, never the client's fault: answer in the API's shape and say so.
      return renderErrorReply(contract, operation.situations, 'fault', `The mock failed: ${(error as Error).message}`, [], tools, 500);
    }
  }

  return {
    contract,
    get context() {
      seedStore();
      return context;
    },
    bodyLimit,
    responseLimit: options.maxResponseChars ?? DEFAULT_MAX_RESPONSE_CHARS,
    handle,
    errorReply: (situation, detail) => renderErrorReply(contract, contract.situations, situation, detail, [], tools),
    errorReplyFor: (operation, situation, detail) => renderErrorReply(contract, operation.situations, situation, detail, [], tools),
    reset() {
      clock.set(new Date());
      random = createRandom(runtimeSeed);
      store.restore(seedStore(), keyOf);
    },
    seed: () => void seedStore(),
    state: (stateOptions = {}) => {
      seedStore();
      return Object.fromEntries([...contract.resources.values()].map((resource) => {
        const hidden = stateOptions.includeHidden ? [] : hiddenFields(resource);
        return [resource.name, [...store.table(resource.name).values()].map((record) => publicRecord(record, hidden))];
      }));
    },
  };
}

/** The request, and how many body bytes were read from it: what a stored record is weighed by. */
function measureBody(request: IncomingRequest): { request: IncomingRequest; bytes: () => number } {
  let bodyBytes = 0;
  return {
    request: {
      method: request.method,
      header: (name) => request.header(name),
      bytes: async () => {
        const bytes = await request.bytes();
        bodyBytes = bytes.byteLength;
        return bytes;
      },
    },
    bytes: () => bodyBytes,
  };
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

function seedSnapshot(contract: ContractModel, options: MockOptions, now: Date): Record<string, StoredRecord[]> {
  // A document without declarations has no fixtures file: a few records per resource, and a record the
  // inferred schema cannot be satisfied for is left out rather than stopping the mock.
  const inferred = !contract.declared && options.fixtures === undefined;
  const generated = generateSeedRecords(contract, options.fixtures, {
    seed: options.seed ?? 1, count: options.fixtureCount ?? (inferred ? INFERRED_SEED_COUNT : undefined), now, lenient: inferred,
  });
  const snapshot: Record<string, StoredRecord[]> = {};
  for (const [name, records] of generated) {
    const resource = contract.resources.get(name)!;
    snapshot[name] = records.map((record) => ({
      data: record.data,
      scope: record.scope,
      expiresAt: expiresAt(resource, record.data, now.getTime()),
      sections: {},
    }));
  }
  return snapshot;
}

function hiddenFields(resource: ResourceModel): string[] {
  return [...resource.ownerOnlyFields, ...resource.secret, ...Object.keys(resource.transient)];
}

function publicRecord(record: StoredRecord, hidden: readonly string[]): unknown {
  const data = { ...record.data };
  for (const field of hidden) delete data[field];
  const extra: Record<string, unknown> = {};
  if (Object.keys(record.scope).length) extra.$scope = record.scope;
  if (record.expiresAt !== undefined) extra.$expiresAt = new Date(record.expiresAt).toISOString();
  if (Object.keys(record.sections).length) extra.$sections = record.sections;
  return { ...data, ...extra };
}

/** `WWW-Authenticate` for a refused request, as HTTP asks of a 401 (Basic and Bearer schemes). */
function challengeHeaders(operation: OperationModel): Record<string, string> | undefined {
  const schemes = operation.security.flat().filter((s) => s.type !== 'apiKey' && s.type !== 'mutualTLS');
  if (schemes.length === 0) return undefined;
  const names = [...new Set(schemes.map((s) => (s.scheme === 'basic' ? 'Basic' : s.scheme === 'bearer' ? 'Bearer' : s.scheme)))];
  return { 'www-authenticate': names.map((name) => `${name} realm="harness"`).join(', ') };
}
