import { describe, expect, it } from 'vitest';
import { expectDocumented } from '../helpers/mock-client.ts';
import { vendorApi } from './support/vendor-client.ts';

/**
 * The game sessions service driven as a client reads its "Session Routes" page (seeds/002): `Authorization:
 * jwt <token>` on every route, the page's example bodies as they are, the documented statuses.
 */
const api = vendorApi('game-sessions');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** An unsigned JWT (the mock checks signatures only with --jwt-secret). */
function jwt(claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ iat: 1_700_000_000, ...claims })}.c2lnbmF0dXJl`;
}
const as = (user: string) => ({ authorization: `jwt ${jwt({ sub: user })}` });
const host = as('host-user');

// The page's request body, exactly as printed (`teams` shows the type name "Team").
const example = { invited: ['string'], numTeams: 0, password: 'string', status: 'string', teams: ['Team'], teamSize: 0, users: ['string'], visibility: 'string' };
const create = (body: unknown, headers = host) => api.call('POST', '/sessions', { headers, json: body });

describe('game sessions: create (POST /sessions)', () => {
  it("takes the page's example body as printed and answers 201 with the server's fields", async () => {
    const created = await create(example);
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toMatch(/^application\/json/);
    expect(created.body).toMatchObject({ ...example, version: 0, hostUid: 'host-user' });
    expect(created.body.uid).toMatch(UUID);
    expect(created.body.serverUid).toMatch(UUID);
    expect(created.body.dateCreated).toMatch(ISO);
    expect(created.body.dateModified).toBe(created.body.dateCreated);
    expectDocumented(api.contract(), 'createSession', created);
  });

  it('answers a body of the wrong types 400 and unparseable JSON 400, as {message, status}', async () => {
    const wrong = await create({ numTeams: 'two' });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ message: expect.any(String), status: 400 });
    const broken = await api.call('POST', '/sessions', { headers: { ...host, 'content-type': 'application/json' }, raw: '{"numTeams":' });
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ message: expect.any(String), status: 400 });
  });
});

describe('game sessions: authentication', () => {
  it('answers 401 {message, status} without a token, with another scheme, an undecodable or an expired token', async () => {
    const token = jwt({ sub: 'someone' });
    const refused = [undefined, `Bearer ${token}`, 'jwt not-a-token', `jwt ${jwt({ sub: 'someone', exp: 1_000 })}`];
    for (const authorization of refused) {
      const reply = await api.call('GET', '/sessions', { headers: authorization ? { authorization } : {} });
      expect(reply.status, String(authorization)).toBe(401);
      expect(reply.body).toEqual({ message: expect.any(String), status: 401 });
    }
    expect((await api.call('GET', '/sessions', { headers: { authorization: `jwt ${token}` } })).status).toBe(200);
  });

  it('takes the user from a uid claim too', async () => {
    const created = await create({ status: 'open' }, { authorization: `jwt ${jwt({ uid: 'uid-user' })}` });
    expect(created.body.hostUid).toBe('uid-user');
  });
});

describe('game sessions: find, count, update, delete', () => {
  it('GET /sessions answers a JSON array; limit, skip and a JSON sort object apply', async () => {
    for (const status of ['a', 'b', 'c']) await create({ ...example, status, visibility: 'public' });
    const all = await api.call('GET', '/sessions', { headers: host });
    expect(all.status).toBe(200);
    expect(Array.isArray(all.body)).toBe(true);
    expect(all.body.length).toBeGreaterThanOrEqual(3);
    expect(all.body.length).toBeLessThanOrEqual(100);
    const sort = encodeURIComponent(JSON.stringify({ dateCreated: 'DESC' }));
    const page = await api.call('GET', `/sessions?limit=2&skip=1&sort=${sort}`, { headers: host });
    expect(page.body).toHaveLength(2);
    const dates = page.body.map((s: { dateCreated: string }) => s.dateCreated);
    expect([...dates].sort().reverse()).toEqual(dates);
    expectDocumented(api.contract(), 'listSessions', page);
  });

  it('GET /sessions/count answers {count} and ignores limit', async () => {
    const all = await api.call('GET', '/sessions?limit=1000', { headers: host });
    const count = await api.call('GET', '/sessions/count?limit=1', { headers: host });
    expect(count.status).toBe(200);
    expect(count.body).toEqual({ count: all.body.length });
  });

  it('GET /sessions/{id} answers the session, 404 {message, status} for an unknown id', async () => {
    const created = await create(example);
    const read = await api.call('GET', `/sessions/${created.body.uid}`, { headers: host });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    const missing = await api.call('GET', '/sessions/00000000-0000-4000-8000-000000000000', { headers: host });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: expect.any(String), status: 404 });
  });

  it("PUT with the page's example body (no uid, no version) answers 200 with version 1 and a new dateModified", async () => {
    const created = await create(example);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const updated = await api.call('PUT', `/sessions/${created.body.uid}`, { headers: host, json: { ...example, status: 'started' } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ uid: created.body.uid, status: 'started', version: 1, dateCreated: created.body.dateCreated, hostUid: 'host-user' });
    expect(Date.parse(updated.body.dateModified)).toBeGreaterThan(Date.parse(created.body.dateModified));
    expectDocumented(api.contract(), 'updateSession', updated);
  });

  it('PUT with a stale version is 409, a uid other than the path 400, by another user 403', async () => {
    const created = await create(example);
    const path = `/sessions/${created.body.uid}`;
    expect((await api.call('PUT', path, { headers: host, json: { ...created.body, status: 'x' } })).status).toBe(200);
    const stale = await api.call('PUT', path, { headers: host, json: { ...created.body, status: 'y' } });
    expect(stale.status).toBe(409);
    expect(stale.body).toEqual({ message: expect.stringContaining('version'), status: 409 });
    const otherUid = await api.call('PUT', path, { headers: host, json: { ...example, uid: '00000000-0000-4000-8000-000000000000' } });
    expect(otherUid.status).toBe(400);
    const intruder = await api.call('PUT', path, { headers: as('intruder'), json: example });
    expect(intruder.status).toBe(403);
    expect(intruder.body.status).toBe(403);
  });

  it('the password is only shown to the host', async () => {
    const created = await create({ ...example, visibility: 'public', password: 'hunter2' });
    const byOther = await api.call('GET', `/sessions/${created.body.uid}`, { headers: as('viewer') });
    expect(byOther.status).toBe(200);
    expect(byOther.body.password).toBeUndefined();
    expect((await api.call('GET', `/sessions/${created.body.uid}`, { headers: host })).body.password).toBe('hunter2');
  });

  it('a private session is seen by its host, invited users and members only: get, list and count agree', async () => {
    const created = await create({ visibility: 'private', invited: ['guest'] });
    const path = `/sessions/${created.body.uid}`;
    for (const [user, visible] of [['host-user', true], ['guest', true], ['stranger', false]] as const) {
      expect((await api.call('GET', path, { headers: as(user) })).status, user).toBe(visible ? 200 : 404);
      const listed = (await api.call('GET', '/sessions?limit=1000', { headers: as(user) })).body.map((s: { uid: string }) => s.uid);
      expect(listed.includes(created.body.uid), user).toBe(visible);
      expect((await api.call('GET', '/sessions/count', { headers: as(user) })).body.count, user).toBe(listed.length);
    }
  });

  it('DELETE /sessions/{id} answers 200 (or 204), by another user 403; then the session is gone', async () => {
    const created = await create(example);
    const path = `/sessions/${created.body.uid}`;
    expect((await api.call('DELETE', path, { headers: as('intruder') })).status).toBe(403);
    expect([200, 204]).toContain((await api.call('DELETE', path, { headers: host })).status);
    expect((await api.call('GET', path, { headers: host })).status).toBe(404);
  });
});

describe('game sessions: join and leave', () => {
  it('join adds the caller once, leave removes them; both are GETs', async () => {
    const created = await create({ ...example, users: [], visibility: 'public' });
    const path = `/sessions/${created.body.uid}`;
    const joined = await api.call('GET', `${path}/join`, { headers: as('player') });
    expect(joined.status).toBe(200);
    expect(joined.body.users).toEqual(['player']);
    expectDocumented(api.contract(), 'joinSession', joined);
    expect((await api.call('GET', `${path}/join`, { headers: as('player') })).body.users).toEqual(['player']);
    expect([200, 204]).toContain((await api.call('GET', `${path}/leave`, { headers: as('player') })).status);
    expect((await api.call('GET', path, { headers: host })).body.users).toEqual([]);
  });

  it('join of an unknown session is 404', async () => {
    expect((await api.call('GET', '/sessions/00000000-0000-4000-8000-000000000000/join', { headers: host })).status).toBe(404);
  });
});

describe('game sessions: truncate (DELETE /sessions)', () => {
  it('removes every session: the count is then 0', async () => {
    await create(example);
    expect([200, 204]).toContain((await api.call('DELETE', '/sessions', { headers: host })).status);
    expect((await api.call('GET', '/sessions/count', { headers: host })).body).toEqual({ count: 0 });
  });
});
