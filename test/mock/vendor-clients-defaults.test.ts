import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizationHeader, exampleToken } from '../../src/auth/example-token.ts';
import type { ContractModel } from '../../src/contract/model.ts';
import { loadContract } from '../../src/contract/registry.ts';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';
import { expectDocumented } from '../helpers/mock-client.ts';

/**
 * Gigs driven through the mock as the official example app calls it: the mock stores the JSON Schema
 * `default`s of the resource schema for fields a create leaves out (ConnectSession `appearance: {}`,
 * `callbackUrl: null`, `user: null`, which the vendor marks required).
 */
const contracts = new Map<string, ContractModel>();
let mock: MockServer;

beforeAll(async () => {
  for (const id of ['gigs-connect-sessions']) contracts.set(id, await loadContract(id));
  mock = await startMockServer({ contracts: [...contracts.values()], port: 0 });
});
afterAll(() => mock.close());

async function call(id: string, method: string, path: string, options: { body?: string; headers?: Record<string, string>; as?: string } = {}) {
  const contract = contracts.get(id)!;
  const headers = { authorization: authorizationHeader(contract.security!, exampleToken(contract.security, options.as ?? 'alice')), ...options.headers };
  const response = await fetch(`${mock.url}/${id}${path}`, { method, headers, body: options.body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
}

const json = (value: unknown) => ({ body: JSON.stringify(value), headers: { 'content-type': 'application/json', accept: 'application/json' } });

describe('Gigs, as the official example app calls it', () => {
  // The example client joins `https://api.gigs.com/projects/{project}/` and `/connectSessions`.
  const sessions = '/projects/demo//connectSessions';
  const intent = { type: 'checkoutNewSubscription', checkoutNewSubscription: { plan: `pln_${'a'.repeat(28)}` } };

  it('a create with only an intent returns all seven properties, never-set ones empty', async () => {
    const created = await call('gigs-connect-sessions', 'POST', sessions, json({ intent }));
    expect(created.status).toBe(201);
    expectDocumented(contracts.get('gigs-connect-sessions')!, 'createConnectSession', created);
    expect(created.body).toMatchObject({ object: 'connectSession', appearance: {}, callbackUrl: null, intent, user: null });
    expect(created.body.url).toMatch(/^https:\/\/connect\.gigs\.com\//);
  });

  it('a create with userDetails associates a new user; the read has it and no url', async () => {
    const created = await call('gigs-connect-sessions', 'POST', sessions, json({ intent, userDetails: { email: 'jane@example.com', fullName: 'Jane Doe', preferredLocale: 'en-US' } }));
    expect(created.status).toBe(201);
    expect(created.body.user).toMatch(/^usr_[A-Za-z0-9]{28}$/);
    const read = await call('gigs-connect-sessions', 'GET', `/projects/demo/connectSessions/${created.body.id}`);
    expectDocumented(contracts.get('gigs-connect-sessions')!, 'retrieveConnectSession', read);
    expect(read.body).toMatchObject({ user: created.body.user, url: null, appearance: {}, callbackUrl: null });
  });

  it('an update sets callbackUrl (any string) and is refused for intent', async () => {
    const created = await call('gigs-connect-sessions', 'POST', sessions, json({ intent }));
    const path = `/projects/demo/connectSessions/${created.body.id}`;
    const updated = await call('gigs-connect-sessions', 'PATCH', path, json({ callbackUrl: 'myapp://done' }));
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ callbackUrl: 'myapp://done', url: null });
    const withIntent = await call('gigs-connect-sessions', 'PATCH', path, json({ intent }));
    expect(withIntent.status).toBe(422);
    expect(withIntent.body).toMatchObject({ object: 'error', type: 'invalid' });
  });
});

