import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizationHeader, exampleToken } from '../../src/auth/example-token.ts';
import type { ContractModel } from '../../src/contract/model.ts';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';
import { authHeader, contentType, encodeNonAscii, fuzzBody, fuzzQuery, garbageSegment, headerText, METHODS } from './support/arbitraries.ts';
import { expectRobust, landingOf } from './support/expectations.ts';
import { rawRequest } from './support/http.ts';
import { expectAlive, loadBundledContracts, resetAll, seedFacts, storeSnapshot } from './support/mock.ts';
import { propertyOptions } from './support/properties.ts';

/**
 * Property-based fuzzing of what surrounds the operations: random request targets under (and beside) each
 * contract's mount, built from the contract's own path segments, stored ids and garbage (broken
 * percent-encoding, dot segments, `//`, very long segments, absolute-form targets), with random methods
 * (HEAD, OPTIONS, PROPFIND...), credentials, content types and bodies; and the control routes.
 */
const contracts = await loadBundledContracts();
let server: MockServer;

beforeAll(async () => {
  server = await startMockServer({ contracts, port: 0, seed: 23 });
});
afterAll(() => server.close());

function targets(contract: ContractModel, ids: readonly string[]) {
  const statics = [...new Set(contract.operations.flatMap((op) => op.path.split('/').filter((s) => s && !s.startsWith('{'))))];
  const segment = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...statics) },
    { weight: 2, arbitrary: fc.constantFrom(...ids) },
    { weight: 3, arbitrary: garbageSegment },
  );
  const mount = fc.oneof(
    { weight: 8, arbitrary: fc.constant(contract.id) },
    { weight: 1, arbitrary: fc.constantFrom(...contracts.map((c) => c.id), '__harness', '', contract.id.toUpperCase(), `${contract.id}x`, encodeURIComponent(contract.id).replace(/-/g, '%2D')) },
    { weight: 1, arbitrary: garbageSegment },
  );
  const queryNames = [...new Set(contract.operations.flatMap((op) => [...op.queryParams.map((p) => p.name), ...op.behaviour.resource.fields]))];
  return fc.record({
    form: fc.constantFrom('origin', 'origin', 'origin', 'origin', 'double-slash', 'absolute'),
    mount,
    segments: fc.array(segment, { maxLength: 6 }),
    separator: fc.constantFrom('/', '/', '/', '//'),
    trailingSlash: fc.boolean(),
    query: fc.option(fuzzQuery(queryNames, ids)),
    fragment: fc.option(headerText(10).map((s) => encodeNonAscii(s.replace(/[#]/g, '')))),
  }).map((t) => {
    const path = `/${[t.mount, ...t.segments].join(t.separator)}${t.trailingSlash ? '/' : ''}`;
    const withQuery = `${path}${t.query === null ? '' : `?${t.query}`}${t.fragment === null ? '' : `#${t.fragment}`}`;
    // Keep the request line under node's own 16 KB header limit (its 431 is not the mock's answer).
    const bounded = withQuery.length > 12_000 ? withQuery.slice(0, 12_000) : withQuery;
    if (t.form === 'double-slash') return `/${bounded}`;
    if (t.form === 'absolute') return `http://mock.local${bounded}`;
    return bounded;
  });
}

describe.each(contracts.map((contract) => [contract.id, contract] as const))('fuzzing paths, methods and headers of %s', (_id, contract) => {
  it('never answers 5xx, answers off-route requests with its notFound body, never changes the store on 4xx', async () => {
    const mount = server.mounts.find((m) => m.contract.id === contract.id)!;
    mount.instance.reset();
    const facts = seedFacts(contract, mount.instance.state());
    const ids = [...facts.records].flatMap(([name, records]) => records.slice(0, 6).map((record) => encodeURIComponent(String(record[contract.resources.get(name)!.key]))));
    const anyOperation = contract.operations.find((op) => op.body) ?? contract.operations[0];
    const requests = fc.record({
      method: fc.constantFrom(...METHODS),
      target: targets(contract, ids.length ? ids : ['x']),
      auth: authHeader(contract, ['alice', ...facts.owners]),
      contentType,
      body: fc.option(fuzzBody(anyOperation), { freq: 3 }),
      preflight: fc.option(fc.constantFrom('GET', 'POST', 'DELETE', 'X-CUSTOM'), { freq: 4 }),
      junkHeaders: fc.dictionary(fc.constantFrom('x-forwarded-for', 'x-http-method-override', 'origin', 'accept', 'accept-encoding', 'if-none-match', 'range', 'expect', 'cookie'), headerText(60), { maxKeys: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(requests, async (request) => {
        resetAll(server);
        const headers: Record<string, string | undefined> = {
          ...request.junkHeaders,
          authorization: request.auth,
          'content-type': request.body ? request.contentType : undefined,
          'access-control-request-method': request.preflight ?? undefined,
        };
        // node:http answers `Expect` values other than 100-continue itself (417); only send the one it serves.
        if (headers.expect !== undefined) headers.expect = '100-continue';
        const stateBefore = storeSnapshot(server);
        const reply = await rawRequest(server.url, { method: request.method, path: request.target, headers, body: request.body?.bytes });
        const stateAfter = storeSnapshot(server);
        // Control routes answer no preflight: other origins must not call them.
        if (request.preflight && request.method === 'OPTIONS' && landingOf(contracts, request.method, request.target).kind !== 'control') {
          expect(reply.status, `preflight ${request.target}`).toBe(204);
          expect(reply.headers['access-control-allow-origin']).toBe('*');
        }
        expectRobust(contracts, { method: request.method, target: request.target, sent: `auth ${JSON.stringify(request.auth?.slice(0, 60))}, body ${request.body?.label ?? 'none'}`, reply, stateBefore, stateAfter });
        await expectAlive(server);
      }),
      propertyOptions(0xbad + contracts.indexOf(contract), 150),
    );
  });
});

describe('control routes', () => {
  // Creates that read the clock: game sessions stamp dates, Endgrate sessions get an expiry.
  const creates = [
    { id: 'game-sessions', path: '/game-sessions/sessions' },
    { id: 'endgrate-sessions', path: '/endgrate-sessions/api/session/initiate' },
  ];
  it('survive random clock moves: later creates, reads and state dumps still answer without a 5xx', async () => {
    const moves = fc.oneof(
      fc.record({ advance: fc.oneof(fc.double(), fc.integer(), fc.constantFrom(1e308, -1e308, 8.64e15, -8.64e15, '1e308h', '9999999999d', '-9999999999d', '72h', 'NaN', '', null)) }),
      fc.record({ set: fc.oneof(fc.string(), fc.constantFrom('+275760-09-13T00:00:00.000Z', '-271821-04-20T00:00:00.000Z', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2030-01-01T00:00:00Z', '1')) }),
      fc.jsonValue(),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...creates), moves, async (target, move) => {
        resetAll(server);
        const contract = contracts.find((c) => c.id === target.id)!;
        const auth = authorizationHeader(contract.security!, exampleToken(contract.security!, 'alice'));
        const sent = `clock ${JSON.stringify(move)} on ${target.id}`;
        const moved = await rawRequest(server.url, { method: 'POST', path: `/${target.id}/__harness/clock`, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(move) ?? '') });
        expect(moved.status, `${sent} -> ${moved.bytes.toString()}`).toBeLessThan(500);
        const created = await rawRequest(server.url, { method: 'POST', path: target.path, headers: { authorization: auth, 'content-type': 'application/json' }, body: Buffer.from('{}') });
        expect(created.status, `create after ${sent} -> ${created.bytes.toString()}`).toBeLessThan(500);
        const clock = await rawRequest(server.url, { method: 'GET', path: `/${target.id}/__harness/clock` });
        expect(clock.status, `clock read after ${sent} -> ${clock.bytes.toString()}`).toBe(200);
        await expectAlive(server);
      }),
      propertyOptions(0xc10c, 100),
    );
    resetAll(server);
  });
});
