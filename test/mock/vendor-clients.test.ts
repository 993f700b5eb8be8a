import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizationHeader, exampleToken } from '../../src/auth/example-token.ts';
import type { ContractModel } from '../../src/contract/model.ts';
import { loadContract } from '../../src/contract/registry.ts';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';
import { expectDocumented } from '../helpers/mock-client.ts';

/**
 * Each API driven through the mock the way the vendor's own examples and official clients call it: the
 * request shapes of the seeds (seeds/*.txt), the headers and URLs of the example apps and SDKs.
 */
const contracts = new Map<string, ContractModel>();
let mock: MockServer;

beforeAll(async () => {
  for (const id of ['gigs-connect-sessions', 'game-sessions', 'endgrate-sessions', 'make-sdk-connections']) contracts.set(id, await loadContract(id));
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
  it('an intent without a documented payload takes any object', async () => {
    const created = await call('gigs-connect-sessions', 'POST', '/projects/demo//connectSessions', json({ intent: { type: 'updateUserAddress', updateUserAddress: { note: 'anything' } } }));
    expect(created.status).toBe(201);
    expect(created.body.intent).toEqual({ type: 'updateUserAddress', updateUserAddress: { note: 'anything' } });
  });
});

describe('game sessions, as the vendor page shows the requests', () => {
  // The page's example bodies, with `teams` as objects (the page prints the type name `Team`).
  const example = { invited: ['string'], numTeams: 0, password: 'string', status: 'string', teams: [{}], teamSize: 0, users: ['string'], visibility: 'string' };

  it('creates with the example body: the server sets uid, dates, version 0 and the host', async () => {
    const created = await call('game-sessions', 'POST', '/sessions', json(example));
    expect(created.status).toBe(201);
    expectDocumented(contracts.get('game-sessions')!, 'createSession', created);
    expect(created.body).toMatchObject({ ...example, version: 0, hostUid: 'alice' });
  });

  it('updates with the example body, which has neither uid nor version', async () => {
    const created = await call('game-sessions', 'POST', '/sessions', json(example));
    const updated = await call('game-sessions', 'PUT', `/sessions/${created.body.uid}`, json({ ...example, status: 'started' }));
    expect(updated.status).toBe(200);
    expectDocumented(contracts.get('game-sessions')!, 'updateSession', updated);
    expect(updated.body).toMatchObject({ uid: created.body.uid, status: 'started', version: 1 });
    expect(Date.parse(updated.body.dateModified)).toBeGreaterThanOrEqual(Date.parse(created.body.dateModified));
  });

  it('lists with a JSON sort object, limit and skip; counts without limit', async () => {
    for (let n = 0; n < 3; n++) await call('game-sessions', 'POST', '/sessions', json({ ...example, status: `s${n}` }));
    const sort = encodeURIComponent(JSON.stringify({ dateCreated: 'DESC' }));
    const page = await call('game-sessions', 'GET', `/sessions?sort=${sort}&limit=2&skip=1`);
    expect(page.status).toBe(200);
    expect(page.body).toHaveLength(2);
    const count = await call('game-sessions', 'GET', '/sessions/count?limit=1');
    expect(count.status).toBe(200);
    expect(count.body.count).toBeGreaterThanOrEqual(3);
  });
});

describe('Endgrate, as its SDK calls it', () => {
  it('initiates, reads the configuration and deletes a session', async () => {
    const body = { schema: [{ endgrate_type: 'crm-contact' }, { title: 'Custom', type: 'object', properties: {} }], save_session: true, redirect_url: 'https://example.com/back' };
    const initiated = await call('endgrate-sessions', 'POST', '/api/session/initiate', json(body));
    expect(initiated.status).toBe(200);
    expect(initiated.body).toEqual({ success: true, session_id: expect.stringMatching(/^[0-9a-f]{24}$/) });
    const configuration = await call('endgrate-sessions', 'GET', `/api/session/configuration?session_id=${initiated.body.session_id}`);
    expect(configuration.status).toBe(200);
    expect(configuration.body).toMatchObject({ success: true, session_id: initiated.body.session_id, schemas: {}, passthrough_schemas: {} });
    const deleted = await call('endgrate-sessions', 'POST', '/api/session/delete', json({ session_id: initiated.body.session_id }));
    expect(deleted.body).toEqual({ success: true, session_id: initiated.body.session_id });
  });

  it('refuses a schema item with neither endgrate_type nor title', async () => {
    const refused = await call('endgrate-sessions', 'POST', '/api/pull/initiate', json({ schema: [{ type: 'object' }] }));
    expect(refused.status).toBe(400);
    expect(typeof refused.body.message).toBe('string');
  });
});

describe('Make, as its TypeScript SDK calls it', () => {
  const app = '/sdk/apps/my-app';

  it('creates with type and label, then without a label (optional on the reference page)', async () => {
    const created = await call('make-sdk-connections', 'POST', `${app}/connections`, json({ type: 'oauth', label: 'My connection' }));
    expect(created.status).toBe(200);
    expect(created.body.appConnection).toMatchObject({ type: 'oauth', label: 'My connection' });
    const unlabelled = await call('make-sdk-connections', 'POST', `${app}/connections`, json({ type: 'apikey' }));
    expect(unlabelled.status).toBe(200);
  });

  it('writes a section as application/jsonc and reads it back as JSON', async () => {
    const created = await call('make-sdk-connections', 'POST', `${app}/connections`, json({ type: 'basic', label: 'Basic' }));
    const name = created.body.appConnection.name;
    const jsonc = '{\n  // the base URL of the API\n  "url": "https://api.example.com"\n}';
    const written = await call('make-sdk-connections', 'PUT', `/sdk/apps/connections/${name}/api`, { body: jsonc, headers: { 'content-type': 'application/jsonc' } });
    expect(written.status).toBe(200);
    const read = await call('make-sdk-connections', 'GET', `/sdk/apps/connections/${name}/api`);
    expect(read.body).toEqual({ url: 'https://api.example.com' });
  });
});

// The mock stores the resource schema's `default`s for fields a create leaves out (`appearance: {}`,
// `callbackUrl: null`, `user: null`, which the vendor marks required).
describe('Gigs, as the official example app calls it: never-set fields read as their defaults', () => {
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

