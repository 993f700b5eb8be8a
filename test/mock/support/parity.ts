import fc from 'fast-check';
import { getResponse, type HttpHandler } from 'msw';
import { expect, vi } from 'vitest';
import { authorizationHeader, exampleToken } from '../../../src/auth/example-token.ts';
import type { ContractModel } from '../../../src/contract/model.ts';
import { fixtureFileFor } from '../../../src/contract/registry.ts';
import { collectFields } from '../../../src/contract/schema-fields.ts';
import { loadFixtureSpec } from '../../../src/seeder/load.ts';
import { createHandlers, type MockHandlers } from '../../../src/mock/handlers.ts';
import { startMockServer, type MockServer } from '../../../src/mock/server.ts';
import { authHeader, contentType, fuzzBody, fuzzQuery, garbageSegment, METHODS } from '../../robustness/support/arbitraries.ts';
import { rawRequest } from '../../robustness/support/http.ts';
import { seedFacts, type SeedFacts } from '../../robustness/support/mock.ts';

/**
 * The parity harness: every contract served by both adapters of the mock engine, each over its own
 * identically seeded instances: the node:http server (`startMockServer`, real HTTP on port 0) and the msw
 * handlers (`createHandlers` at the server's URL for the contract, asked through msw's `getResponse`).
 * Time is frozen (only `Date`), so `now` in bodies and expiry agree.
 */
export interface Pair {
  readonly http: MockServer;
  readonly msw: readonly MockHandlers[];
  readonly handlers: HttpHandler[];
  readonly contracts: readonly ContractModel[];
  reset(): void;
  close(): Promise<void>;
}

/** One request, as the corpus holds it: below a contract's mount. */
export interface ParityRequest {
  readonly contract: string;
  readonly method: string;
  /** Below the mount, as sent (`/sessions/x?limit=2`); not normalised. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body?: Buffer;
  /** Over HTTP: `Transfer-Encoding: chunked` instead of a Content-Length. */
  readonly chunked?: boolean;
  readonly label?: string;
}

export interface Observed {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** Transport headers: each adapter's carrier sets them itself (node:http, the Fetch Response). */
const TRANSPORT = new Set(['content-length', 'connection', 'keep-alive', 'date', 'transfer-encoding', 'x-powered-by']);

export const BODY_LIMIT = 8 * 1024;
const SEED = 5;

export async function startPair(contracts: readonly ContractModel[]): Promise<Pair> {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2031-05-06T07:08:09.000Z') });
  const http = await startMockServer({ contracts, port: 0, seed: SEED, bodyLimit: BODY_LIMIT });
  const msw = await Promise.all(contracts.map(async (contract) => createHandlers(contract, {
    baseUrl: `${http.url}/${contract.id}`, seed: SEED, bodyLimit: BODY_LIMIT, fixtures: await loadFixtureSpec(fixtureFileFor(contract)),
  })));
  return {
    http,
    msw,
    handlers: msw.flatMap((mock) => mock.handlers),
    contracts,
    reset() {
      for (const mount of http.mounts) mount.instance.reset();
      for (const mock of msw) mock.instance.reset();
    },
    async close() {
      vi.useRealTimers();
      await http.close();
    },
  };
}

/** Whether Fetch can carry the request at all (it refuses TRACE, CONNECT and TRACK) and it stays below the mount. */
export function comparable(pair: Pair, request: ParityRequest): boolean {
  if (['TRACE', 'CONNECT', 'TRACK'].includes(request.method)) return false;
  try {
    return new URL(`${pair.http.url}/${request.contract}${request.path}`).pathname.split('/')[1] === request.contract;
  } catch {
    return false;
  }
}

export async function viaHttp(pair: Pair, request: ParityRequest, origin = pair.http.url): Promise<Observed> {
  const reply = await rawRequest(origin, { method: request.method, path: `/${request.contract}${request.path}`, headers: request.headers, body: request.body, chunked: request.chunked });
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(reply.headers)) if (!TRANSPORT.has(name) && value !== undefined) headers[name] = String(value);
  return { status: reply.status, headers, body: reply.bytes.toString('utf8') };
}

export async function viaMsw(pair: Pair, request: ParityRequest): Promise<Observed> {
  const headers = new Headers({ host: new URL(pair.http.url).host });
  for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) headers.set(name, value);
  // What the HTTP client puts on the wire to frame the body.
  if (request.body && !request.chunked) headers.set('content-length', String(request.body.length));
  if (request.body && request.chunked) headers.set('transfer-encoding', 'chunked');
  const canCarryBody = request.method !== 'GET' && request.method !== 'HEAD';
  const fetchRequest = new Request(`${pair.http.url}/${request.contract}${request.path}`, {
    method: request.method, headers, body: canCarryBody && request.body ? request.body : undefined, duplex: 'half',
  } as RequestInit);
  const response = await getResponse(pair.handlers, fetchRequest);
  expect(response, `msw handles ${request.method} ${request.path}`).toBeDefined();
  const seen: Record<string, string> = {};
  response!.headers.forEach((value, name) => { if (!TRANSPORT.has(name)) seen[name] = value; });
  // A HEAD answer has no body on the wire.
  return { status: response!.status, headers: seen, body: request.method === 'HEAD' ? '' : await response!.text() };
}

export function describeRequest(request: ParityRequest): string {
  const body = request.body ? (request.body.length > 200 ? `${request.body.length} bytes` : JSON.stringify(request.body.toString('latin1'))) : 'no body';
  return `${request.label ?? ''} ${request.method} /${request.contract}${request.path.slice(0, 200)} ${JSON.stringify(request.headers).slice(0, 300)} ${body}${request.chunked ? ' chunked' : ''}`;
}

/** Sends a request through both adapters and requires the same status, headers and body. */
export async function expectParity(pair: Pair, request: ParityRequest): Promise<Observed> {
  const overHttp = await viaHttp(pair, request);
  const underMsw = await viaMsw(pair, request);
  const what = describeRequest(request);
  expect({ status: underMsw.status, headers: underMsw.headers, body: underMsw.body }, what).toEqual({ status: overHttp.status, headers: overHttp.headers, body: overHttp.body });
  return overHttp;
}

/** Valid credentials for a principal, when the contract has a scheme. */
export function credentials(contract: ContractModel, principal = 'alice'): string | undefined {
  return contract.security ? authorizationHeader(contract.security, exampleToken(contract.security, principal)) : undefined;
}

/** The hand-picked edge cases of one contract: each situation the engine orders (limit, auth, Prefer, 404, control). */
export function edgeCases(contract: ContractModel, facts: SeedFacts): ParityRequest[] {
  const auth = credentials(contract);
  const id = contract.id;
  const withBody = contract.operations.find((op) => op.body && op.behaviour.kind === 'create') ?? contract.operations.find((op) => op.body);
  const secured = contract.operations.find((op) => op.secured && op.method === 'GET') ?? contract.operations[0];
  const pathOf = (operation: typeof secured) => operation.path.replace(/\{([^}]+)\}/g, (_m, name: string) => facts.valuesFor(operation, name)[0]);
  const json = { 'content-type': 'application/json' };
  const cases: ParityRequest[] = [
    { contract: id, label: 'no auth', method: secured.method, path: pathOf(secured), headers: {} },
    { contract: id, label: 'authenticated', method: secured.method, path: pathOf(secured), headers: { authorization: auth } },
    { contract: id, label: 'Prefer status', method: secured.method, path: pathOf(secured), headers: { authorization: auth, prefer: 'status=503' } },
    { contract: id, label: 'Prefer status, no auth', method: secured.method, path: pathOf(secured), headers: { prefer: 'status=500' } },
    { contract: id, label: 'Prefer delay', method: secured.method, path: pathOf(secured), headers: { authorization: auth, prefer: 'delay=1' } },
    { contract: id, label: 'trailing slash and //', method: secured.method, path: `${pathOf(secured).replace('/', '//')}/`, headers: { authorization: auth } },
    { contract: id, label: 'HEAD', method: 'HEAD', path: pathOf(secured), headers: { authorization: auth } },
    { contract: id, label: 'GET with a large body', method: 'GET', path: pathOf(secured), headers: { authorization: auth }, body: Buffer.alloc(BODY_LIMIT * 2, 0x20) },
    { contract: id, label: 'unknown path', method: 'GET', path: '/no/such/route', headers: { authorization: auth } },
    { contract: id, label: 'unknown method', method: 'PROPFIND', path: pathOf(secured), headers: { authorization: auth } },
    { contract: id, label: 'OPTIONS without preflight', method: 'OPTIONS', path: pathOf(secured), headers: {} },
    { contract: id, label: 'preflight', method: 'OPTIONS', path: pathOf(secured), headers: { origin: 'https://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } },
    { contract: id, label: 'mount root', method: 'GET', path: '', headers: {} },
    { contract: id, label: 'bad percent-encoding', method: 'GET', path: '/%zz/%E0%A4%A', headers: { authorization: auth } },
    { contract: id, label: 'state', method: 'GET', path: '/__harness/state', headers: {} },
    { contract: id, label: 'state with hidden', method: 'GET', path: '//__harness/state?include=hidden', headers: {} },
    { contract: id, label: 'clock', method: 'GET', path: '/__harness/clock', headers: {} },
    { contract: id, label: 'clock move', method: 'POST', path: '/__harness/clock', headers: json, body: Buffer.from('{"advance":"1h"}') },
    { contract: id, label: 'clock bad JSON', method: 'POST', path: '/__harness/clock', headers: json, body: Buffer.from('{"advance":') },
    { contract: id, label: 'clock oversized', method: 'POST', path: '/__harness/clock', headers: json, body: Buffer.alloc(BODY_LIMIT + 1, 0x20) },
    { contract: id, label: 'simple control POST', method: 'POST', path: '/__harness/reset', headers: { 'content-type': 'text/plain' } },
    { contract: id, label: 'control preflight', method: 'OPTIONS', path: '/__harness/clock', headers: { 'access-control-request-method': 'POST' } },
    { contract: id, label: 'unknown control route', method: 'GET', path: '/__harness/nope', headers: {} },
    { contract: id, label: 'control route, wrong method', method: 'GET', path: '/__harness/reset', headers: {} },
    { contract: id, label: 'reset', method: 'POST', path: '/__harness/reset', headers: { 'x-harness-control': '1' } },
  ];
  if (withBody) {
    const path = pathOf(withBody);
    const method = withBody.method;
    const record = facts.records.get(withBody.behaviour.resource.name)?.[0] ?? {};
    const fields = collectFields(withBody.body!.schema);
    const valid = Buffer.from(JSON.stringify(Object.fromEntries(Object.entries(record).filter(([field]) => fields.has(field)))));
    cases.push(
      { contract: id, label: 'malformed JSON', method, path, headers: { ...json, authorization: auth }, body: Buffer.from('{"a":') },
      { contract: id, label: 'wrong content type', method, path, headers: { 'content-type': 'text/csv', authorization: auth }, body: valid },
      { contract: id, label: 'no content type', method, path, headers: { authorization: auth }, body: valid },
      { contract: id, label: 'empty JSON body', method, path, headers: { ...json, authorization: auth }, body: Buffer.alloc(0) },
      { contract: id, label: 'oversized, unauthenticated', method, path, headers: json, body: Buffer.alloc(BODY_LIMIT + 1, 0x20) },
      { contract: id, label: 'oversized, chunked, unauthenticated', method, path, headers: json, body: Buffer.alloc(BODY_LIMIT * 3, 0x20), chunked: true },
      { contract: id, label: 'oversized with Prefer', method, path, headers: { ...json, prefer: 'status=503' }, body: Buffer.alloc(BODY_LIMIT + 1, 0x20) },
      { contract: id, label: 'oversized off the routes', method: 'POST', path: '/no/such/route', headers: json, body: Buffer.alloc(BODY_LIMIT + 1, 0x20) },
      { contract: id, label: 'valid write', method, path, headers: { ...json, authorization: auth }, body: valid },
      { contract: id, label: 'valid write, chunked', method, path, headers: { ...json, authorization: auth }, body: valid, chunked: true },
      { contract: id, label: 'state after writes', method: 'GET', path: '/__harness/state?include=hidden', headers: {} },
    );
  }
  return cases;
}

/** Random requests below a contract's mount, from the fuzz generators of test/robustness. */
export function randomRequests(contract: ContractModel, facts: SeedFacts): fc.Arbitrary<ParityRequest> {
  const operation = fc.constantFrom(...contract.operations);
  const anyBody = contract.operations.find((op) => op.body) ?? contract.operations[0];
  const routed = operation.chain((op) => fc.tuple(
    fc.constant(op),
    fc.tuple(...op.pathParams.map((parameter) => fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...facts.valuesFor(op, parameter.name)) },
      { weight: 1, arbitrary: garbageSegment },
    ))),
  )).map(([op, params]) => {
    let index = 0;
    return { method: op.method, path: op.path.replace(/\{[^}]+\}/g, () => params[index++] ?? 'x') };
  });
  const garbage = fc.array(garbageSegment, { minLength: 1, maxLength: 4 }).map((segments) => ({ method: undefined, path: `/${segments.join('/')}` }));
  const control = fc.constantFrom('/__harness/state', '/__harness/reset', '/__harness/clock', '/__harness', '/__harness/x').map((path) => ({ method: undefined, path }));
  const queryNames = [...new Set(contract.operations.flatMap((op) => op.queryParams.map((p) => p.name)))];
  return fc.record({
    where: fc.oneof({ weight: 8, arbitrary: routed }, { weight: 2, arbitrary: garbage }, { weight: 1, arbitrary: control }),
    otherMethod: fc.option(fc.constantFrom(...METHODS.filter((m) => m !== 'TRACE')), { freq: 4 }),
    trailingSlash: fc.boolean(),
    query: fc.option(fuzzQuery(queryNames, ['1', 'x']), { freq: 3 }),
    auth: authHeader(contract, ['alice', ...facts.owners]),
    contentType,
    body: fc.option(fuzzBody(anyBody), { freq: 2 }),
    chunked: fc.boolean(),
    prefer: fc.option(fc.constantFrom('status=503', 'status=404', 'status=400', 'status=200', 'delay=1', 'example=nope', 'status=abc'), { freq: 5 }),
    preflight: fc.option(fc.constantFrom('GET', 'POST'), { freq: 6 }),
    control: fc.option(fc.constantFrom('x-harness-control'), { freq: 3 }),
  }).map((r): ParityRequest => ({
    contract: contract.id,
    method: r.otherMethod ?? r.where.method ?? 'GET',
    path: `${r.where.path}${r.trailingSlash ? '/' : ''}${r.query === null ? '' : `?${r.query}`}`,
    headers: {
      authorization: r.auth,
      'content-type': r.body ? r.contentType : undefined,
      prefer: r.prefer ?? undefined,
      'access-control-request-method': r.preflight ?? undefined,
      'x-harness-control': r.control === null ? undefined : '1',
    },
    body: r.body?.bytes,
    chunked: r.body ? r.chunked : undefined,
    label: r.body?.label,
  }));
}

export function factsOf(pair: Pair, contract: ContractModel): SeedFacts {
  return seedFacts(contract, pair.http.mounts.find((mount) => mount.contract.id === contract.id)!.instance.state());
}
