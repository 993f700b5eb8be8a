import { describe, expect, it } from 'vitest';
import { expectDocumented } from '../helpers/mock-client.ts';
import { undocumentedKeys, vendorApi } from './support/vendor-client.ts';

/**
 * Endgrate sessions driven as a client reads the "Initiate Session" reference (seeds/001) and the SDK:
 * `Authorization: Bearer <api key>`, every body field optional, `{success, session_id}` answers, 72-hour expiry.
 */
const api = vendorApi('endgrate-sessions');
const headers = { authorization: 'Bearer eg_live_demo_key' };
const HEX24 = /^[0-9a-f]{24}$/;
const initiate = (path: string, json?: unknown) => api.call('POST', `/api/${path}/initiate`, { headers, json });
const configuration = (id: string) => api.call('GET', `/api/session/configuration?session_id=${id}`, { headers });

function expectError(reply: { status: number; body: any }, status: number): void {
  expect(reply.status).toBe(status);
  expect(reply.body.message).toEqual(expect.any(String));
  expect(undocumentedKeys(reply.body, ['message', 'errors'])).toEqual([]);
  if (reply.body.errors !== undefined) expect(typeof reply.body.errors).toBe('object');
}

describe('Endgrate: initiate', () => {
  it('answers 200 {success: true, session_id} (24 hex characters) for push + pull, pull and push', async () => {
    for (const path of ['session', 'pull', 'push']) {
      const reply = await initiate(path, { save_session: true });
      expect(reply.status, path).toBe(200);
      expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
      expect(reply.body).toEqual({ success: true, session_id: expect.stringMatching(HEX24) });
    }
  });

  it('takes every documented body field', async () => {
    const body = {
      session_label: 'Acme CRM sync', category: 'CRM', default_upsert_setting: 'SET_IF_NOT_SET',
      configuration_webhook: { endpoint: 'https://example.com/configured', metadata: { tenant: 7 } },
      completed_webhook: { endpoint: 'https://example.com/completed' }, error_webhook: { endpoint: 'https://example.com/error' },
      field_selection: true, passthrough_fields: true, passthrough_schemas: false, sync: true, provider: 'hubspot',
      integration_provider_list_id: 'list_1', redirect_url: 'https://example.com/back', resource_selection: true,
      save_session: false, schema: [{ endgrate_type: 'crm-contact' }, { title: 'Invoice', type: 'object', properties: {}, required: [] }],
      schema_selection: true, statistics: true, webhook_concurrency: false,
    };
    const reply = await initiate('session', body);
    expect(reply.status).toBe(200);
    expectDocumented(api.contract(), 'initiateSession', reply);
  });

  it('takes webhook endpoints and redirect_url as plain strings, as the vendor types them', async () => {
    const reply = await initiate('session', { configuration_webhook: { endpoint: 'APP_URLcallback' }, redirect_url: '/back', provider: 'googlesheets', schema: [{ endgrate_type: 'database-user' }] });
    expect(reply.status).toBe(200);
    expectError(await initiate('session', { configuration_webhook: { metadata: {} } }), 400);
  });

  it('needs no body at all: every field is optional', async () => {
    expect((await initiate('session')).status).toBe(200);
    expect((await initiate('session', {})).status).toBe(200);
    // A curl sample with no body parameters still sends the JSON Content-Type.
    const labelled = await api.call('POST', '/api/push/initiate', { headers: { ...headers, 'content-type': 'application/json' }, raw: '' });
    expect(labelled.status).toBe(200);
    expect(labelled.body).toEqual({ success: true, session_id: expect.stringMatching(HEX24) });
  });

  it('refuses a default_upsert_setting outside OVERWRITE, DO_NOT_UPDATE, SET_IF_NOT_SET and a non-boolean flag', async () => {
    for (const setting of ['OVERWRITE', 'DO_NOT_UPDATE', 'SET_IF_NOT_SET']) expect((await initiate('session', { default_upsert_setting: setting })).status).toBe(200);
    expectError(await initiate('session', { default_upsert_setting: 'ALWAYS' }), 400);
    expectError(await initiate('session', { save_session: 'yes' }), 400);
  });

  it('push-only takes no data_webhook, passthrough fields or sync', async () => {
    expectError(await initiate('push', { sync: true }), 400);
    expectError(await initiate('push', { data_webhook: { endpoint: 'https://example.com/data' } }), 400);
    expect((await initiate('pull', { sync: true, data_webhook: { endpoint: 'https://example.com/data' } })).status).toBe(200);
  });

  it('answers a missing key or one under another scheme 401 with {message}', async () => {
    for (const authorization of [undefined, 'Token eg_live_demo_key', 'Basic ZWc6a2V5']) {
      const reply = await api.call('POST', '/api/session/initiate', { headers: authorization ? { authorization } : {}, json: {} });
      expectError(reply, 401);
      expect(reply.body).toEqual({ message: expect.any(String) });
    }
  });
});

describe('Endgrate: configuration, expiry and delete', () => {
  it('the configuration of a session: success, its session_id, endgrate.provider_info, schemas, passthrough_schemas', async () => {
    const { body } = await initiate('session', { provider: 'salesforce' });
    const reply = await configuration(body.session_id);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ success: true, session_id: body.session_id, endgrate: { provider: 'salesforce', provider_info: {} }, schemas: {}, passthrough_schemas: {} });
    expectDocumented(api.contract(), 'getSessionConfiguration', reply);
  });

  it('an unknown session is 404, a missing session_id 400', async () => {
    expectError(await configuration('0123456789abcdef01234567'), 404);
    expectError(await api.call('GET', '/api/session/configuration', { headers }), 400);
  });

  it('a session expires after 72 hours unless save_session is true', async () => {
    const temporary = (await initiate('session', {})).body.session_id;
    const saved = (await initiate('session', { save_session: true })).body.session_id;
    await api.advanceClock('71h');
    expect((await configuration(temporary)).status).toBe(200);
    await api.advanceClock('2h');
    expect((await configuration(temporary)).status).toBe(404);
    expect((await configuration(saved)).status).toBe(200);
  });

  it('delete answers {success: true, session_id}; the session is then gone', async () => {
    const id = (await initiate('pull', { save_session: true })).body.session_id;
    const deleted = await api.call('POST', '/api/session/delete', { headers, json: { session_id: id } });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ success: true, session_id: id });
    expectError(await configuration(id), 404);
    expectError(await api.call('POST', '/api/session/delete', { headers, json: { session_id: id } }), 404);
    expectError(await api.call('POST', '/api/session/delete', { headers, json: {} }), 400);
  });
});
