import { describe, expect, it } from 'vitest';
import { expectDocumented } from '../helpers/mock-client.ts';
import { undocumentedKeys, vendorApi } from './support/vendor-client.ts';

/**
 * Make custom-app connections driven as a client reads "SDK Apps > Connections" (seeds/003) and the SDK:
 * `Authorization: Token <api token>`, 200 answers in `appConnection(s)` envelopes, sections and common data.
 */
const api = vendorApi('make-sdk-connections');
const headers = { authorization: 'Token 0123abcd-make-api-token' };
const SECTIONS = ['api', 'parameters', 'scopes', 'scope', 'install', 'installSpec'];
const TYPES = ['oauth', 'oauth-refresh', 'oauth-resowncre', 'oauth-clicre', 'oauth-1', 'apikey', 'basic', 'other'];
const connectionsOf = (app: string) => `/sdk/apps/${app}/connections`;
const connection = (name: string) => `/sdk/apps/connections/${name}`;
const create = (app: string, json: unknown) => api.call('POST', connectionsOf(app), { headers, json });

function expectError(reply: { status: number; body: any }, status: number): void {
  expect(reply.status).toBe(status);
  expect(reply.body).toMatchObject({ message: expect.any(String), code: `SC${status}` });
  expect(undocumentedKeys(reply.body, ['message', 'code', 'detail', 'suberrors'])).toEqual([]);
}

describe('Make connections: create, list, get, update, delete', () => {
  it('create answers 200 {appConnection: {name, label, type}}, the name made from the app name', async () => {
    const first = await create('crm-app', { type: 'oauth', label: 'CRM OAuth' });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ appConnection: expect.objectContaining({ name: 'crm-app', label: 'CRM OAuth', type: 'oauth' }) });
    const second = await create('crm-app', { type: 'apikey', label: 'CRM key' });
    expect(second.body.appConnection.name).toMatch(/^crm-app\d+$/);
    expectDocumented(api.contract(), 'createAppConnection', second);
  });

  it('takes every documented connection type and answers any other "Invalid connection type" (400)', async () => {
    for (const type of TYPES) expect((await create('types-app', { type, label: type })).status, type).toBe(200);
    const refused = await create('types-app', { type: 'telepathy', label: 'x' });
    expectError(refused, 400);
    expect(refused.body.message).toBe('Invalid connection type');
  });

  it('ignores a name sent with the create, as deploy scripts do: the name still comes from the app', async () => {
    const reply = await create('named-app', { name: 'named-app', label: 'Named', type: 'other' });
    expect(reply.status).toBe(200);
    expect(reply.body.appConnection).toMatchObject({ name: 'named-app', label: 'Named', type: 'other' });
    const again = await create('named-app', { name: 'named-app', label: 'Named again', type: 'other' });
    expect(again.body.appConnection.name).toMatch(/^named-app\d+$/);
  });

  it('label is optional: a connection created without one is still a documented answer', async () => {
    const reply = await create('unlabelled-app', { type: 'basic' });
    expect(reply.status).toBe(200);
    expectDocumented(api.contract(), 'createAppConnection', reply);
  });

  it("lists only the app's connections, as {appConnections: [...]}", async () => {
    const created = (await create('list-app', { type: 'basic', label: 'Listed' })).body.appConnection;
    await create('other-list-app', { type: 'basic', label: 'Elsewhere' });
    const listed = await api.call('GET', connectionsOf('list-app'), { headers });
    expect(listed.status).toBe(200);
    expect(listed.body.appConnections).toEqual([created]);
    expectDocumented(api.contract(), 'listAppConnections', listed);
  });

  it('the seeded connections look like Make\'s: parameters a list of definitions, numeric app versions', async () => {
    const listed = await api.call('GET', connectionsOf('my-app'), { headers });
    expect(listed.body.appConnections.length).toBeGreaterThan(0);
    for (const seeded of listed.body.appConnections) {
      expect(TYPES).toContain(seeded.type);
      expect(Array.isArray(seeded.parameters)).toBe(true);
      for (const parameter of seeded.parameters) expect(parameter).toMatchObject({ name: expect.any(String), type: expect.any(String) });
      expect(typeof seeded.app_version).toBe('number');
    }
  });

  it('get answers {appConnection}; PATCH changes label and connectedSystemName; unknown names are 404', async () => {
    const { name } = (await create('patch-app', { type: 'basic', label: 'Before' })).body.appConnection;
    const read = await api.call('GET', connection(name), { headers });
    expect(read.status).toBe(200);
    expect(read.body.appConnection).toMatchObject({ name, label: 'Before', type: 'basic' });
    const patched = await api.call('PATCH', connection(name), { headers, json: { label: 'After', connectedSystemName: null } });
    expect(patched.status).toBe(200);
    expect(patched.body.appConnection).toMatchObject({ name, label: 'After', type: 'basic' });
    expect((await api.call('GET', connection(name), { headers })).body.appConnection.label).toBe('After');
    expectError(await api.call('GET', connection('no-such-connection'), { headers }), 404);
    expectError(await api.call('PATCH', connection('no-such-connection'), { headers, json: { label: 'x' } }), 404);
  });

  it('delete answers {appConnection: "<name>"}; the connection is then 404', async () => {
    const { name } = (await create('delete-app', { type: 'other', label: 'Doomed' })).body.appConnection;
    const deleted = await api.call('DELETE', connection(name), { headers });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ appConnection: name });
    expectError(await api.call('GET', connection(name), { headers }), 404);
  });
});

describe('Make connections: sections, common data, recreate', () => {
  it('each documented section reads back what was written, an object or an array', async () => {
    const { name } = (await create('section-app', { type: 'apikey', label: 'S' })).body.appConnection;
    for (const [index, section] of SECTIONS.entries()) {
      const value = index % 2 === 0 ? { url: `https://api.example.com/${section}` } : [{ name: 'apiKey', type: 'password', required: true }];
      const written = await api.call('PUT', `${connection(name)}/${section}`, { headers, json: value });
      expect(written.status, section).toBe(200);
      const read = await api.call('GET', `${connection(name)}/${section}`, { headers });
      expect(read.status, section).toBe(200);
      expect(read.body, section).toEqual(value);
    }
  });

  it('takes a section written as application/jsonc, as the SDK sends it', async () => {
    const { name } = (await create('jsonc-app', { type: 'apikey', label: 'J' })).body.appConnection;
    const jsonc = '// the connection parameters\n[{"name": "apiKey", "type": "password"}, /* more later */]';
    const written = await api.call('PUT', `${connection(name)}/parameters`, { headers: { ...headers, 'content-type': 'application/jsonc' }, raw: jsonc });
    expect(written.status).toBe(200);
    expect((await api.call('GET', `${connection(name)}/parameters`, { headers })).body).toEqual([{ name: 'apiKey', type: 'password' }]);
  });

  it('common data: {} at first, PUT answers {changed: true}, then reads back', async () => {
    const { name } = (await create('common-app', { type: 'oauth', label: 'C' })).body.appConnection;
    expect((await api.call('GET', `${connection(name)}/common`, { headers })).body).toEqual({});
    const written = await api.call('PUT', `${connection(name)}/common`, { headers, json: { clientId: 'abc', clientSecret: 'shh' } });
    expect(written.status).toBe(200);
    expect(written.body).toEqual({ changed: true });
    expect((await api.call('GET', `${connection(name)}/common`, { headers })).body).toEqual({ clientId: 'abc', clientSecret: 'shh' });
  });

  it('recreate answers {}', async () => {
    const { name } = (await create('recreate-app', { type: 'oauth', label: 'R' })).body.appConnection;
    const reply = await api.call('POST', `${connection(name)}/recreate`, { headers });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({});
    expectError(await api.call('POST', `${connection('no-such-connection')}/recreate`, { headers }), 404);
  });
});

describe('Make connections: authentication and errors', () => {
  it('answers a missing token or another scheme 401 {message, code: "SC401"}', async () => {
    for (const authorization of [undefined, 'Bearer 0123abcd-make-api-token', '0123abcd-make-api-token']) {
      expectError(await api.call('GET', connectionsOf('auth-app'), { headers: authorization ? { authorization } : {} }), 401);
    }
  });

  it('answers unparseable JSON 400 with code SC400', async () => {
    expectError(await api.call('POST', connectionsOf('bad-app'), { headers: { ...headers, 'content-type': 'application/json' }, raw: '{"type":' }), 400);
  });

  it('a rate-limited answer (429) carries Retry-After', async () => {
    const reply = await api.call('GET', connectionsOf('busy-app'), { headers: { ...headers, prefer: 'status=429' } });
    expectError(reply, 429);
    expect(reply.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
