import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../../src/contract/registry.ts';
import type { ContractModel } from '../../src/contract/model.ts';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';
import { clientFor, expectDocumented } from '../helpers/mock-client.ts';

let contract: ContractModel;
let server: MockServer;
let client: ReturnType<typeof clientFor>;
const logLines: string[] = [];

const intent = { type: 'checkoutNewSubscription', checkoutNewSubscription: { plan: 'pln_0123456789abcdefghijklmnopqr' } };

beforeAll(async () => {
  contract = await loadContract('gigs-connect-sessions');
  server = await startMockServer({ contracts: [contract], port: 0, log: (line) => logLines.push(line) });
  client = clientFor(contract, server.mounts[0].url);
});
afterAll(() => server.close());

describe('gigs-connect-sessions mock', () => {
  it('creates a session with a url that only the create response carries', async () => {
    const created = await client.send('POST', '/projects/demo/connectSessions', { body: { intent, callbackUrl: 'https://example.com/done' } });
    expectDocumented(contract, 'createConnectSession', created);
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^csn_[A-Za-z0-9]{28}$/);
    expect(created.body).toMatchObject({ object: 'connectSession', intent, callbackUrl: 'https://example.com/done' });
    expect(created.body.url).toMatch(/^https:\/\//);

    const read = await client.send('GET', `/projects/demo/connectSessions/${created.body.id}`);
    expectDocumented(contract, 'retrieveConnectSession', read);
    expect(read.body.url ?? null).toBeNull();
    expect(read.body.intent).toEqual(intent);
  });

  it('scopes sessions by project', async () => {
    const created = await client.send('POST', '/projects/demo/connectSessions', { body: { intent } });
    const elsewhere = await client.send('GET', `/projects/other/connectSessions/${created.body.id}`);
    expectDocumented(contract, 'retrieveConnectSession', elsewhere);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body).toMatchObject({ object: 'error', type: 'notFound' });
  });

  it('associates a user once: url on that update, then 422 for a second user', async () => {
    const created = await client.send('POST', '/projects/demo/connectSessions', { body: { intent } });
    const path = `/projects/demo/connectSessions/${created.body.id}`;
    const associated = await client.send('PATCH', path, { body: { userDetails: { email: 'jane@example.com', fullName: 'Jane Doe' } } });
    expectDocumented(contract, 'updateConnectSession', associated);
    expect(associated.status).toBe(200);
    expect(associated.body.user).toMatch(/^usr_/);
    expect(associated.body.url).toMatch(/^https:\/\//);

    const themed = await client.send('PATCH', path, { body: { appearance: { theme: 'dark' } } });
    expect(themed.body).toMatchObject({ appearance: { theme: 'dark' }, user: associated.body.user });
    expect(themed.body.url ?? null).toBeNull();

    const again = await client.send('PATCH', path, { body: { user: 'usr_0123456789abcdefghijklmnopqr' } });
    expectDocumented(contract, 'updateConnectSession', again);
    expect(again.status).toBe(422);
    expect((await client.send('GET', path)).body.user).toBe(associated.body.user);
  });

  it('answers invalid bodies with 422 and property details, malformed JSON with 400', async () => {
    const invalid = await client.send('POST', '/projects/demo/connectSessions', { body: { intent: { type: 'nope' }, extra: 1 } });
    expectDocumented(contract, 'createConnectSession', invalid);
    expect(invalid.status).toBe(422);
    expect(invalid.body).toMatchObject({ object: 'error', type: 'invalid' });
    expect(invalid.body.details.map((d: { property: string }) => d.property)).toContain('extra');
    const malformed = await client.send('POST', '/projects/demo/connectSessions', { raw: '{', headers: { 'content-type': 'application/json' } });
    expectDocumented(contract, 'createConnectSession', malformed);
    expect(malformed.status).toBe(400);
  });

  it('refuses missing or wrong credentials with 401', async () => {
    for (const auth of [null, 'Token abc', 'Bearer ']) {
      const reply = await client.send('GET', '/projects/demo/connectSessions/csn_0123456789abcdefghijklmnopqr', { auth });
      expectDocumented(contract, 'retrieveConnectSession', reply);
      expect(reply.status).toBe(401);
      expect(reply.body).toMatchObject({ object: 'error', type: 'unauthenticated' });
    }
  });

  it('never logs tokens, query strings or session urls', async () => {
    const created = await client.send('POST', '/projects/demo/connectSessions?debug=secret-query', { body: { intent } });
    const log = logLines.join('\n');
    expect(log).toContain('POST /gigs-connect-sessions/projects/demo/connectSessions 201');
    expect(log).not.toContain(created.body.url);
    expect(log).not.toContain('secret-query');
    expect(log).not.toContain(client.auth!.split(' ')[1]);
  });
});
