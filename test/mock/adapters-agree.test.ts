import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../../src/contract/registry.ts';
import { createHandlers } from '../../src/mock/handlers.ts';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';

// The same request through both adapters (the HTTP server, msw's setupServer) gets the same answer.
const contract = await loadContract('game-sessions');
const mock = createHandlers(contract, { seed: 1, bodyLimit: 1024 });
const msw = setupServer(...mock.handlers);
let http: MockServer;

beforeAll(async () => {
  msw.listen({ onUnhandledRequest: 'bypass' });
  http = await startMockServer({ contracts: [contract], port: 0, seed: 1, bodyLimit: 1024 });
});
afterAll(async () => {
  msw.close();
  await http.close();
});

describe('the HTTP server and the msw handlers agree', () => {
  it('an oversized unauthenticated POST is too large through both, in the contract\'s shape', async () => {
    const body = JSON.stringify({ status: 'x'.repeat(4096) });
    const init = { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(body.length) }, body };
    const viaMsw = await fetch(`${contract.serverUrl}/sessions`, init);
    const viaHttp = await fetch(`${http.url}/game-sessions/sessions`, init);
    expect(viaMsw.status).toBe(413);
    expect(viaHttp.status).toBe(viaMsw.status);
    expect(await viaHttp.json()).toEqual(await viaMsw.json());
  });

  it('an unauthenticated GET is refused alike', async () => {
    const viaMsw = await fetch(`${contract.serverUrl}/sessions/count`);
    const viaHttp = await fetch(`${http.url}/game-sessions/sessions/count`);
    expect([viaMsw.status, viaHttp.status]).toEqual([401, 401]);
    expect(await viaHttp.json()).toEqual(await viaMsw.json());
  });
});
