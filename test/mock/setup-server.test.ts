import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizationHeader, exampleToken } from '../../src/auth/example-token.ts';
import { loadContract } from '../../src/contract/registry.ts';
import { createHandlers } from '../../src/mock/handlers.ts';
import { loadFixtureSpec } from '../../src/seeder/load.ts';
import { fixtureFileFor } from '../../src/contract/registry.ts';

// The same handlers the HTTP server uses, answering plain fetch calls to the vendors' real URLs.
const gigs = await loadContract('gigs-connect-sessions');
const make = await loadContract('make-sdk-connections');
const gigsMock = createHandlers(gigs, { seed: 3, fixtures: await loadFixtureSpec(fixtureFileFor(gigs)) });
const makeMock = createHandlers(make, { seed: 3 });
const server = setupServer(...gigsMock.handlers, ...makeMock.handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('handlers under msw setupServer', () => {
  it('serves the Gigs API at https://api.gigs.com with state', async () => {
    const headers = { authorization: 'Bearer test-key', 'content-type': 'application/json' };
    const created = await fetch('https://api.gigs.com/projects/demo/connectSessions', {
      method: 'POST', headers, body: JSON.stringify({ intent: { type: 'viewSubscriptions' } }),
    });
    expect(created.status).toBe(201);
    const session = await created.json();
    const read = await fetch(`https://api.gigs.com/projects/demo/connectSessions/${session.id}`, { headers });
    expect(read.status).toBe(200);
    expect((await read.json()).intent).toEqual({ type: 'viewSubscriptions' });
    const state = gigsMock.instance.state().connectSession as { id: string }[];
    expect(state.map((s) => s.id)).toContain(session.id);
  });

  it('serves Make under its base path https://eu1.make.com/api/v2', async () => {
    const headers = { authorization: authorizationHeader(make.security!, exampleToken(make.security!)), 'content-type': 'application/json' };
    const created = await fetch('https://eu1.make.com/api/v2/sdk/apps/demo-app/connections', {
      method: 'POST', headers, body: JSON.stringify({ type: 'apikey', label: 'Demo' }),
    });
    expect(created.status).toBe(200);
    expect((await created.json()).appConnection.name).toBe('demo-app');
    const unknown = await fetch('https://eu1.make.com/api/v2/no/such/route', { headers });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'SC404' });
  });

  it('leaves other origins alone', async () => {
    const other = createHandlers(gigs, { seed: 3 });
    // The same path on the contract's own origin does route, so the miss below is about the origin.
    expect(other.route('GET', new URL('https://api.gigs.com/projects/demo/connectSessions/x'))?.params).toEqual({ project: 'demo', connectSessionId: 'x' });
    expect(other.route('GET', new URL('https://api.example.com/projects/demo/connectSessions/x'))).toBeUndefined();
  });
});
