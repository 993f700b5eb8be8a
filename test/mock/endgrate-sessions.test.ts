import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadContract } from '../../src/contract/registry.ts';
import type { ContractModel } from '../../src/contract/model.ts';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';
import { clientFor, expectDocumented } from '../helpers/mock-client.ts';

let contract: ContractModel;
let server: MockServer;
let client: ReturnType<typeof clientFor>;

beforeAll(async () => {
  contract = await loadContract('endgrate-sessions');
  server = await startMockServer({ contracts: [contract], port: 0 });
  client = clientFor(contract, server.mounts[0].url);
});
afterAll(() => server.close());
beforeEach(() => server.mounts[0].instance.reset());

async function advanceClock(duration: string) {
  const reply = await client.send('POST', '/__harness/clock', { body: { advance: duration } });
  expect(reply.status).toBe(200);
}

describe('endgrate-sessions mock', () => {
  it('initiates, configures and deletes sessions', async () => {
    for (const route of ['/api/session/initiate', '/api/pull/initiate', '/api/push/initiate']) {
      const created = await client.send('POST', route, { body: { provider: 'hubspot', session_label: 'CRM sync' } });
      expect(created.status).toBe(200);
      expect(created.body).toEqual({ success: true, session_id: expect.stringMatching(/^[0-9a-f]{24}$/) });
      const config = await client.send('GET', `/api/session/configuration?session_id=${created.body.session_id}`);
      expectDocumented(contract, 'getSessionConfiguration', config);
      expect(config.body).toMatchObject({ success: true, session_id: created.body.session_id, endgrate: { provider: 'hubspot' } });
    }
    const created = await client.send('POST', '/api/session/initiate', { body: {} });
    const deleted = await client.send('POST', '/api/session/delete', { body: { session_id: created.body.session_id } });
    expectDocumented(contract, 'deleteSession', deleted);
    expect(deleted.body).toEqual({ success: true, session_id: created.body.session_id });
    const gone = await client.send('GET', `/api/session/configuration?session_id=${created.body.session_id}`);
    expectDocumented(contract, 'getSessionConfiguration', gone);
    expect(gone.status).toBe(404);
  });

  it('expires sessions after 72 hours unless save_session', async () => {
    const shortLived = (await client.send('POST', '/api/session/initiate', { body: {} })).body.session_id;
    const saved = (await client.send('POST', '/api/session/initiate', { body: { save_session: true } })).body.session_id;
    await advanceClock('71h');
    expect((await client.send('GET', `/api/session/configuration?session_id=${shortLived}`)).status).toBe(200);
    await advanceClock('2h');
    expect((await client.send('GET', `/api/session/configuration?session_id=${shortLived}`)).status).toBe(404);
    expect((await client.send('GET', `/api/session/configuration?session_id=${saved}`)).status).toBe(200);
  });

  it('answers errors in the {message, errors} shape', async () => {
    const invalid = await client.send('POST', '/api/session/initiate', { body: { sync: 'yes', unknown_field: 1 } });
    expectDocumented(contract, 'initiateSession', invalid);
    expect(invalid.status).toBe(400);
    expect(Object.keys(invalid.body.errors)).toEqual(expect.arrayContaining(['sync', 'unknown_field']));
    const unauthenticated = await client.send('POST', '/api/session/initiate', { body: {}, auth: null });
    expectDocumented(contract, 'initiateSession', unauthenticated);
    expect(unauthenticated.body).toMatchObject({ message: 'Unauthorized' });
    const missing = await client.send('GET', '/api/session/configuration');
    expect(missing.status).toBe(400);
  });
});
