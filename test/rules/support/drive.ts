import { exampleToken } from '../../../src/auth/example-token.ts';
import type { ContractModel, OperationModel, ResourceModel } from '../../../src/contract/model.ts';
import { fixtureFileFor, loadContract } from '../../../src/contract/registry.ts';
import { loadFixtureSpec } from '../../../src/seeder/load.ts';
import type { FixtureSpec } from '../../../src/seeder/spec.ts';
import type { MockClock } from '../../../src/mock/clock.ts';
import type { IncomingRequest } from '../../../src/mock/incoming.ts';
import { createMockInstance, type MockInstance } from '../../../src/mock/instance.ts';
import type { HttpResponse } from '../../../src/runner/http-client.ts';
import { buildRequest, createRunState } from '../../../src/runner/transport.ts';
import { SUCCESS, type Actor, type CheckContext, type CheckFunction, type Exchange, type Expectation, type Facts, type RunState, type TrackedRecord } from '../../../src/runner/types.ts';

/** The mock's clock, pinned: seeded expiry times can be compared exactly. */
export const NOW = Date.parse('2026-01-01T00:00:00Z');

export function fixedClock(): MockClock {
  let now = NOW;
  return { now: () => new Date(now), advance: (ms) => { now += ms; }, set: (date) => { now = date.getTime(); } };
}

/** One bundled contract as the three readers see it: the mock (seeded from its fixtures) and a run's state. */
export interface Setup {
  readonly contract: ContractModel;
  readonly fixtures: FixtureSpec | undefined;
  readonly mock: MockInstance;
  readonly state: RunState;
}

export async function setUp(id: string): Promise<Setup> {
  const contract = await loadContract(id);
  const fixtures = await loadFixtureSpec(fixtureFileFor(contract));
  const mock = createMockInstance(contract, { seed: 1, fixtures, clock: fixedClock() });
  const state = createRunState(contract, {
    baseUrl: 'http://mock.test/api', pathParams: {}, allowDestructive: true, timeoutMs: 1000, seed: 3, only: [],
    token2: contract.security ? exampleToken(contract.security, 'user-2') : undefined,
  });
  return { contract, fixtures, mock, state };
}

/** The operations of a resource of this kind. */
export function operationsOf(contract: ContractModel, resource: ResourceModel, kind: string): OperationModel[] {
  return contract.operations.filter((operation) => operation.behaviour.resource === resource && operation.behaviour.kind === kind);
}

/**
 * Sends a request as the runner builds it (path, credentials, body) straight to the mock's `handle`, no
 * HTTP in between, and gives the exchange as the runner's checks read it.
 */
export async function send(setup: Setup, operation: OperationModel, path: Record<string, string>, body?: unknown, actor: Actor = 'user1', query?: Record<string, string>): Promise<Exchange> {
  const request = buildRequest(setup.state, operation, { actor, path, body, query });
  const bytes = new TextEncoder().encode(request.body ?? '');
  const headers = new Map(Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value]));
  if (request.body !== undefined) headers.set('content-length', String(bytes.byteLength));
  const incoming: IncomingRequest = { method: request.method, header: (name) => headers.get(name.toLowerCase()) ?? null, bytes: async () => bytes };
  const reply = await setup.mock.handle(operation, incoming, new URL(request.url), path);
  const text = reply.body === undefined ? undefined : typeof reply.body === 'string' && reply.mediaType ? reply.body : JSON.stringify(reply.body);
  const isJson = text !== undefined && reply.mediaType === undefined;
  const response: HttpResponse = {
    status: reply.status,
    headers: { 'content-type': reply.mediaType ?? 'application/json', ...reply.headers },
    text,
    body: isJson ? JSON.parse(text!) : text,
    isJson,
  };
  return { request, requestBody: body, result: { request, response, durationMs: 1 }, response };
}

/** A runner check's verdict on an exchange, as a step with these facts would get it. */
export function judge(setup: Setup, check: CheckFunction, operation: OperationModel, exchange: Exchange, facts: Facts, expectation: Expectation = SUCCESS): ReturnType<CheckFunction> {
  const context: CheckContext = {
    contract: setup.contract,
    operation,
    state: setup.state,
    facts,
    step: { operation, subject: operation, title: 'agreement', expect: expectation, checks: [], inferred: false, reported: true, prepare: () => ({ skip: 'not run' }) },
  };
  return check(exchange, context);
}

/** The failures among a check's findings (skips are preconditions, not disagreements). */
export function failures(findings: ReturnType<CheckFunction>): string[] {
  return (findings ?? []).filter((finding) => !finding.skip).map((finding) => finding.message);
}

/** A record the runner tracks, for facts. */
export function tracked(operation: OperationModel, pathValues: Record<string, string>, fields: Partial<TrackedRecord> = {}): TrackedRecord {
  return {
    label: 'agreement', resource: operation.behaviour.resource, createOperation: operation, owner: 'user1', pathValues,
    id: undefined, unavailable: undefined, view: undefined, createdView: undefined, written: {}, deleted: false, ...fields,
  };
}
