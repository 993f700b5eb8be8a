import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../../src/contract/registry.ts';
import type { ContractModel } from '../../src/contract/model.ts';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';
import { clientFor, expectDocumented } from '../helpers/mock-client.ts';

let contract: ContractModel;
let server: MockServer;
let client: ReturnType<typeof clientFor>;

beforeAll(async () => {
  contract = await loadContract('make-sdk-connections');
  server = await startMockServer({ contracts: [contract], port: 0 });
  client = clientFor(contract, server.mounts[0].url);
});
afterAll(() => server.close());

describe('make-sdk-connections mock', () => {
  it('names connections after the app, uniquely, and lists them per app', async () => {
    const first = await client.send('POST', '/sdk/apps/harness-test-app/connections', { body: { type: 'oauth', label: 'Acme OAuth' } });
    expectDocumented(contract, 'createAppConnection', first);
    const second = await client.send('POST', '/sdk/apps/harness-test-app/connections', { body: { type: 'apikey', label: 'Acme key' } });
    expect(first.body.appConnection).toMatchObject({ name: 'harness-test-app', type: 'oauth', label: 'Acme OAuth' });
    expect(second.body.appConnection.name).toBe('harness-test-app2');
    const list = await client.send('GET', '/sdk/apps/harness-test-app/connections');
    expectDocumented(contract, 'listAppConnections', list);
    expect(list.body.appConnections.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['harness-test-app', 'harness-test-app2']));
    const other = await client.send('GET', '/sdk/apps/other-app/connections');
    expect(other.body.appConnections.map((c: { name: string }) => c.name)).not.toContain('harness-test-app');
  });

  it('updates, stores sections and common data, recreates and deletes', async () => {
    const created = (await client.send('POST', '/sdk/apps/shop/connections', { body: { type: 'basic', label: 'Shop' } })).body.appConnection;
    const path = `/sdk/apps/connections/${created.name}`;
    const patched = await client.send('PATCH', path, { body: { label: 'Shop (prod)' } });
    expectDocumented(contract, 'updateAppConnection', patched);
    expect(patched.body.appConnection.label).toBe('Shop (prod)');
    expect((await client.send('GET', path)).body.appConnection.label).toBe('Shop (prod)');

    expect((await client.send('GET', `${path}/common`)).body).toEqual({});
    const common = await client.send('PUT', `${path}/common`, { body: { clientId: 'abc', clientSecret: 'xyz' } });
    expectDocumented(contract, 'setConnectionCommon', common);
    expect((await client.send('GET', `${path}/common`)).body).toEqual({ clientId: 'abc', clientSecret: 'xyz' });

    const section = [{ name: 'apiKey', type: 'text', required: true }];
    expect((await client.send('PUT', `${path}/parameters`, { body: section })).status).toBe(200);
    expect((await client.send('GET', `${path}/parameters`)).body).toEqual(section);

    const recreated = await client.send('POST', `${path}/recreate`);
    expectDocumented(contract, 'recreateAppConnection', recreated);
    const deleted = await client.send('DELETE', path);
    expectDocumented(contract, 'deleteAppConnection', deleted);
    expect(deleted.body).toEqual({ appConnection: created.name });
    const gone = await client.send('GET', path);
    expectDocumented(contract, 'getAppConnection', gone);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ code: 'SC404' });
  });

  it('answers a bad connection type with the documented 400', async () => {
    const reply = await client.send('POST', '/sdk/apps/shop/connections', { body: { type: 'telepathy', label: 'x' } });
    expectDocumented(contract, 'createAppConnection', reply);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ message: 'Invalid connection type', code: 'SC400' });
  });

  it('wants "Token" credentials', async () => {
    const reply = await client.send('GET', '/sdk/apps/shop/connections', { auth: 'Bearer abc' });
    expectDocumented(contract, 'listAppConnections', reply);
    expect(reply.status).toBe(401);
  });
});

describe('make-sdk-connections sections as the Make SDK sends them', () => {
  it('accepts application/jsonc (comments, trailing commas) and refuses unknown sections', async () => {
    const created = (await client.send('POST', '/sdk/apps/jsonc-app/connections', { body: { type: 'apikey', label: 'J' } })).body.appConnection;
    const path = `/sdk/apps/connections/${created.name}`;
    const jsonc = '// API section\n{\n  "url": "https://api.example.com", /* base */\n  "headers": {"x": 1,},\n}';
    const written = await client.send('PUT', `${path}/api`, { raw: jsonc, headers: { 'content-type': 'application/jsonc' } });
    expect(written.status).toBe(200);
    expect((await client.send('GET', `${path}/api`)).body).toEqual({ url: 'https://api.example.com', headers: { x: 1 } });
    const unknown = await client.send('GET', `${path}/bogus`);
    expectDocumented(contract, 'getConnectionSection', unknown);
    expect(unknown.status).toBe(400);
  });
});

describe('make-sdk-connections generated names', () => {
  it('keeps names unique across apps (x, x2, then an app called x2)', async () => {
    const create = (app: string) => client.send('POST', `/sdk/apps/${app}/connections`, { body: { type: 'basic', label: app } });
    expect((await create('dup-app')).body.appConnection.name).toBe('dup-app');
    expect((await create('dup-app')).body.appConnection.name).toBe('dup-app2');
    const clash = await create('dup-app2');
    expectDocumented(contract, 'createAppConnection', clash);
    expect(clash.status).toBe(200);
    expect(clash.body.appConnection.name).toBe('dup-app22');
  });

  it('a deleted name is the next one given again (the lowest free suffix, however many were created)', async () => {
    const create = async () => (await client.send('POST', '/sdk/apps/many-app/connections', { body: { type: 'basic', label: 'many' } })).body.appConnection.name as string;
    const names: string[] = [];
    for (let i = 0; i < 6; i++) names.push(await create());
    expect(names).toEqual(['many-app', 'many-app2', 'many-app3', 'many-app4', 'many-app5', 'many-app6']);
    expect((await client.send('DELETE', '/sdk/apps/connections/many-app3')).status).toBeLessThan(300);
    expect(await create()).toBe('many-app3');
    expect(await create()).toBe('many-app7');
  });
});
