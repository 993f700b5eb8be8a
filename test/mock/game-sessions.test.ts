import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadContract } from '../../src/contract/registry.ts';
import type { ContractModel } from '../../src/contract/model.ts';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';
import { clientFor, expectDocumented } from '../helpers/mock-client.ts';

let contract: ContractModel;
let server: MockServer;
let alice: ReturnType<typeof clientFor>;
let bob: ReturnType<typeof clientFor>;

beforeAll(async () => {
  contract = await loadContract('game-sessions');
  server = await startMockServer({ contracts: [contract], port: 0 });
  alice = clientFor(contract, server.mounts[0].url, 'alice');
  bob = clientFor(contract, server.mounts[0].url, 'bob');
});
afterAll(() => server.close());
beforeEach(() => server.mounts[0].instance.reset());

async function createSession(body: Record<string, unknown> = {}) {
  const reply = await alice.send('POST', '/sessions', { body: { numTeams: 2, teamSize: 2, status: 'open', visibility: 'public', password: 's3cret', ...body } });
  expectDocumented(contract, 'createSession', reply);
  expect(reply.status).toBe(201);
  return reply.body;
}

describe('game-sessions mock', () => {
  it('runs the whole lifecycle: create, read, replace, list, count, delete', async () => {
    const created = await createSession();
    expect(created).toMatchObject({ version: 0, hostUid: 'alice', numTeams: 2, password: 's3cret' });
    const read = await alice.send('GET', `/sessions/${created.uid}`);
    expectDocumented(contract, 'getSession', read);
    expect(read.body).toEqual(created);

    const replaced = await alice.send('PUT', `/sessions/${created.uid}`, { body: { ...created, status: 'in-progress' } });
    expectDocumented(contract, 'updateSession', replaced);
    expect(replaced.body).toMatchObject({ uid: created.uid, version: 1, status: 'in-progress', dateCreated: created.dateCreated });
    expect((await alice.send('GET', `/sessions/${created.uid}`)).body.status).toBe('in-progress');

    const list = await alice.send('GET', '/sessions?limit=1000');
    const count = await alice.send('GET', '/sessions/count');
    expectDocumented(contract, 'listSessions', list);
    expectDocumented(contract, 'countSessions', count);
    expect(count.body.count).toBe(list.body.length);
    expect(list.body.map((s: { uid: string }) => s.uid)).toContain(created.uid);

    const deleted = await alice.send('DELETE', `/sessions/${created.uid}`);
    expect(deleted.status).toBe(200);
    const gone = await alice.send('GET', `/sessions/${created.uid}`);
    expectDocumented(contract, 'getSession', gone);
    expect(gone.body).toEqual({ message: 'Session not found.', status: 404 });
    expect((await alice.send('GET', '/sessions/count')).body.count).toBe(count.body.count - 1);
  });

  it('increments the version per update and answers a stale version with 409', async () => {
    const created = await createSession();
    const first = await alice.send('PUT', `/sessions/${created.uid}`, { body: { ...created, status: 'a' } });
    expect(first.body.version).toBe(1);
    const stale = await alice.send('PUT', `/sessions/${created.uid}`, { body: { ...created, status: 'b' } });
    expectDocumented(contract, 'updateSession', stale);
    expect(stale.status).toBe(409);
    expect((await alice.send('GET', `/sessions/${created.uid}`)).body).toMatchObject({ version: 1, status: 'a' });
  });

  it('lets only the host modify, hides the password from others, and hides private sessions', async () => {
    const open = await createSession();
    const asBob = await bob.send('GET', `/sessions/${open.uid}`);
    expect(asBob.status).toBe(200);
    expect(asBob.body.password).toBeUndefined();
    const forbidden = await bob.send('PUT', `/sessions/${open.uid}`, { body: { ...open, status: 'hijacked' } });
    expectDocumented(contract, 'updateSession', forbidden);
    expect(forbidden.status).toBe(403);
    expect((await bob.send('DELETE', `/sessions/${open.uid}`)).status).toBe(403);

    const secret = await createSession({ visibility: 'private' });
    expect((await bob.send('GET', `/sessions/${secret.uid}`)).status).toBe(404);
    const bobsList = await bob.send('GET', '/sessions?limit=1000');
    expect(bobsList.body.map((s: { uid: string }) => s.uid)).not.toContain(secret.uid);
    const invited = await createSession({ visibility: 'private', invited: ['bob'] });
    expect((await bob.send('GET', `/sessions/${invited.uid}`)).status).toBe(200);
  });

  it('joins and leaves, idempotently, and refuses a full session', async () => {
    const created = await createSession({ numTeams: 1, teamSize: 1 });
    const joined = await bob.send('GET', `/sessions/${created.uid}/join`);
    expectDocumented(contract, 'joinSession', joined);
    expect(joined.body.users).toEqual(['bob']);
    expect((await bob.send('GET', `/sessions/${created.uid}/join`)).body.users).toEqual(['bob']);
    const full = await alice.send('GET', `/sessions/${created.uid}/join`);
    expect(full.status).toBe(409);
    const rewritten = await alice.send('PUT', `/sessions/${created.uid}`, { body: { ...created, users: ['mallory'] } });
    expect(rewritten.body.users).toEqual(['bob']);
    const left = await bob.send('GET', `/sessions/${created.uid}/leave`);
    expect(left.status).toBeLessThan(300);
    expect((await alice.send('GET', `/sessions/${created.uid}`)).body.users).toEqual([]);
  });

  it('honours limit, skip, sort and filters, and count ignores limit', async () => {
    for (let i = 0; i < 5; i++) await createSession({ status: `batch-${i}` });
    const all = (await alice.send('GET', '/sessions?limit=1000')).body;
    const page = await alice.send('GET', '/sessions?limit=2&skip=1');
    expect(page.body).toEqual(all.slice(1, 3));
    const filtered = await alice.send('GET', '/sessions?status=batch-3');
    expect(filtered.body).toHaveLength(1);
    const sorted = await alice.send('GET', `/sessions?limit=1000&sort=${encodeURIComponent('{"status":"DESC"}')}`);
    const statuses = sorted.body.map((s: { status?: string }) => s.status ?? '');
    expect(statuses).toEqual([...statuses].sort((a: string, b: string) => (a === '' ? 1 : b === '' ? -1 : b.localeCompare(a))));
    const counted = await alice.send('GET', '/sessions/count?limit=1');
    expect(counted.body.count).toBe(all.length);
    const bad = await alice.send('GET', '/sessions?limit=-3');
    expectDocumented(contract, 'listSessions', bad);
    expect(bad.status).toBe(400);
  });

  it('truncates', async () => {
    await createSession();
    expect((await alice.send('DELETE', '/sessions')).status).toBeLessThan(300);
    expect((await alice.send('GET', '/sessions/count')).body.count).toBe(0);
  });

  it('refuses missing, wrong-scheme and undecodable credentials with the API error body', async () => {
    for (const auth of [null, 'Bearer abc', 'jwt not-a-jwt', 'jwt ']) {
      const reply = await alice.send('GET', '/sessions', { auth });
      expectDocumented(contract, 'listSessions', reply);
      expect(reply.status, String(auth)).toBe(401);
      expect(reply.body).toEqual({ message: 'A valid JWT is required.', status: 401 });
    }
  });

  it('answers malformed and invalid bodies with 400 and leaves the store alone', async () => {
    const before = JSON.stringify(server.mounts[0].instance.state());
    const malformed = await alice.send('POST', '/sessions', { raw: '{"numTeams": ', headers: { 'content-type': 'application/json' } });
    expectDocumented(contract, 'createSession', malformed);
    expect(malformed.status).toBe(400);
    const invalid = await alice.send('POST', '/sessions', { body: { numTeams: 'two' } });
    expect(invalid.status).toBe(400);
    const wrongType = await alice.send('POST', '/sessions', { raw: 'numTeams=2', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(wrongType.status).toBe(400);
    const huge = await alice.send('POST', '/sessions', { body: { status: 'x'.repeat(2 * 1024 * 1024) } });
    expectDocumented(contract, 'createSession', huge);
    expect(huge.status).toBe(413);
    expect(JSON.stringify(server.mounts[0].instance.state())).toBe(before);
  });

  it('injects errors and latency on request', async () => {
    const injected = await alice.send('GET', '/sessions', { headers: { prefer: 'status=503' } });
    expect(injected.status).toBe(503);
    expect(injected.body).toEqual({ message: 'An internal error occurred.', status: 503 });
    const started = Date.now();
    expect((await alice.send('GET', '/sessions/count', { headers: { prefer: 'delay=150' } })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});
