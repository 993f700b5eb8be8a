import { describe, expect, it } from 'vitest';
import { expectDocumented } from '../helpers/mock-client.ts';
import { undocumentedKeys, vendorApi } from './support/vendor-client.ts';

/**
 * Gigs Connect Sessions driven as a client reads the vendor's reference (seeds/000): `Authorization: Bearer
 * <api key>`, JSON in and out, the seven ConnectSession properties, the documented statuses and error body.
 */
const api = vendorApi('gigs-connect-sessions');
const headers = { authorization: 'Bearer sk_test_demo', accept: 'application/json' };
const sessions = '/projects/demo/connectSessions';
const plan = `pln_${'A1b2C3d4E5'.repeat(2)}abcdefgh`;
const intent = { type: 'checkoutNewSubscription', checkoutNewSubscription: { plan } };
const SESSION_KEYS = ['appearance', 'callbackUrl', 'id', 'intent', 'object', 'url', 'user'];
const ERROR_KEYS = ['object', 'type', 'message', 'code', 'hint', 'documentation', 'details'];

const create = (json: unknown, extra: Record<string, string> = {}) => api.call('POST', sessions, { headers: { ...headers, ...extra }, json });
const patch = (id: string, json: unknown) => api.call('PATCH', `${sessions}/${id}`, { headers, json });

function expectError(reply: { status: number; body: any }, status: number, type: string): void {
  expect(reply.status).toBe(status);
  expect(reply.body).toMatchObject({ object: 'error', type, message: expect.any(String) });
  expect(undocumentedKeys(reply.body, ERROR_KEYS)).toEqual([]);
}

describe('Gigs connect sessions: create (POST /projects/{project}/connectSessions)', () => {
  it('answers 201 with every documented property: object, csn_ id, the intent, a url, never-set ones empty', async () => {
    const created = await create({ intent });
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Object.keys(created.body).sort()).toEqual(SESSION_KEYS);
    expect(created.body).toMatchObject({ object: 'connectSession', intent, appearance: {}, callbackUrl: null, user: null });
    expect(created.body.id).toMatch(/^csn_[A-Za-z0-9]{28}$/);
    expect(created.body.url).toEqual(expect.any(String));
    expectDocumented(api.contract(), 'createConnectSession', created);
  });

  it('keeps the optional body fields: appearance, callbackUrl and an existing user', async () => {
    const user = `usr_${'x'.repeat(28)}`;
    const created = await create({ intent, appearance: { theme: 'dark' }, callbackUrl: 'https://example.com/done', user });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ appearance: { theme: 'dark' }, callbackUrl: 'https://example.com/done', user });
  });

  it('creates and associates a user from userDetails', async () => {
    const created = await create({ intent, userDetails: { email: 'jane@example.com', fullName: 'Jane Doe', preferredLocale: 'en-US', birthday: '1990-01-31' } });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatch(/^usr_[A-Za-z0-9]{28}$/);
  });

  it('takes the URL the official example app builds (a double slash before connectSessions)', async () => {
    const created = await api.call('POST', '/projects/demo//connectSessions', { headers, json: { intent: { type: 'viewSubscriptions' } } });
    expect(created.status).toBe(201);
  });

  it('answers 422 invalid with property details for a missing intent, unknown properties and out-of-enum values', async () => {
    const missing = await create({});
    expectError(missing, 422, 'invalid');
    expect(missing.body.details).toContainEqual(expect.objectContaining({ object: 'propertyErrorDetail', property: 'intent', code: expect.any(String), message: expect.any(String) }));
    expectError(await create({ intent, colour: 'red' }), 422, 'invalid');
    expectError(await create({ intent, appearance: { theme: 'blue' } }), 422, 'invalid');
    expectError(await create({ intent: { type: 'teleport' } }), 422, 'invalid');
    expectError(await create({ intent, userDetails: { fullName: 'No Email' } }), 422, 'invalid');
  });

  it('answers an unparseable body 400 malformed', async () => {
    const reply = await api.call('POST', sessions, { headers: { ...headers, 'content-type': 'application/json' }, raw: '{"intent":' });
    expectError(reply, 400, 'malformed');
  });
});

describe('Gigs connect sessions: authentication', () => {
  it('answers a missing or wrong Authorization 401 with the documented body, exactly', async () => {
    const documented = { object: 'error', message: 'Invalid authorization token', type: 'unauthenticated' };
    for (const authorization of [undefined, 'Token sk_test_demo', 'Bearer', 'sk_test_demo']) {
      const reply = await api.call('POST', sessions, { headers: authorization ? { authorization } : {}, json: { intent } });
      expect(reply.status, String(authorization)).toBe(401);
      expect(reply.body).toEqual(documented);
    }
  });

  it('checks the header before the body: no key and an invalid body is still 401', async () => {
    const reply = await api.call('POST', sessions, { json: { nonsense: true } });
    expect(reply.status).toBe(401);
  });
});

describe('Gigs connect sessions: retrieve and update', () => {
  it('retrieve answers 200 with the session and url null (it is never stored)', async () => {
    const created = await create({ intent, callbackUrl: 'https://example.com/cb' });
    const read = await api.call('GET', `${sessions}/${created.body.id}`, { headers });
    expect(read.status).toBe(200);
    expect(Object.keys(read.body).sort()).toEqual(SESSION_KEYS);
    expect(read.body).toEqual({ ...created.body, url: null });
    expectDocumented(api.contract(), 'retrieveConnectSession', read);
  });

  it('answers 404 notFound for an unknown session and for a session of another project', async () => {
    expectError(await api.call('GET', `${sessions}/csn_${'0'.repeat(28)}`, { headers }), 404, 'notFound');
    expectError(await patch(`csn_${'0'.repeat(28)}`, { callbackUrl: null }), 404, 'notFound');
    const created = await create({ intent });
    expectError(await api.call('GET', `/projects/other/connectSessions/${created.body.id}`, { headers }), 404, 'notFound');
  });

  it('an update that does not touch the user returns url null', async () => {
    const created = await create({ intent });
    const updated = await patch(created.body.id, { callbackUrl: 'https://example.com/after', appearance: { theme: 'light' } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ callbackUrl: 'https://example.com/after', appearance: { theme: 'light' }, url: null, intent });
    expectDocumented(api.contract(), 'updateConnectSession', updated);
  });

  it('the update that associates a user returns a url; setting the user again is 422', async () => {
    const created = await create({ intent });
    const user = `usr_${'u'.repeat(28)}`;
    const associated = await patch(created.body.id, { user });
    expect(associated.status).toBe(200);
    expect(associated.body.user).toBe(user);
    expect(associated.body.url).toEqual(expect.any(String));
    const again = await patch(created.body.id, { user: `usr_${'v'.repeat(28)}` });
    expect(again.status).toBe(422);
    expect(again.body).toMatchObject({ object: 'error', message: expect.any(String), type: expect.any(String) });
    expect((await patch(created.body.id, { userDetails: { email: 'late@example.com' } })).status).toBe(422);
    expect((await api.call('GET', `${sessions}/${created.body.id}`, { headers })).body.user).toBe(user);
  });

  it('userDetails on update associates a new user once', async () => {
    const created = await create({ intent });
    const updated = await patch(created.body.id, { userDetails: { email: 'jane@example.com' } });
    expect(updated.status).toBe(200);
    expect(updated.body.user).toMatch(/^usr_[A-Za-z0-9]{28}$/);
    expect(updated.body.url).toEqual(expect.any(String));
  });

  it('the intent cannot be updated (422)', async () => {
    const created = await create({ intent });
    expectError(await patch(created.body.id, { intent: { type: 'viewSubscriptions' } }), 422, 'invalid');
  });
});
