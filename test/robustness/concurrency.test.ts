import { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizationHeader, exampleToken } from '../../src/auth/example-token.ts';
import type { ContractModel } from '../../src/contract/model.ts';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';
import { createRandom } from '../../src/template/random.ts';
import { rawRequest, type RawReply } from './support/http.ts';
import { loadBundledContracts } from './support/mock.ts';

/**
 * Many clients at once over real HTTP: hundreds of parallel creates, then reads, updates and deletes
 * interleaved in a seeded random order. Nothing may be lost, counts must be exact, and optimistic
 * versioning must let exactly one of several updates from the same version through.
 */
const contracts = await loadBundledContracts();
const contract = (id: string): ContractModel => contracts.find((c) => c.id === id)!;
let server: MockServer;

/** No socket cap: every request of a burst is really in flight at once. */
const parallel = new Agent({ keepAlive: true, maxSockets: Infinity });

beforeAll(async () => {
  server = await startMockServer({ contracts, port: 0, seed: 5 });
});
afterAll(async () => {
  await server.close();
  parallel.destroy();
});

function client(contractId: string, principal: string) {
  const security = contract(contractId).security!;
  const auth = authorizationHeader(security, exampleToken(security, principal));
  return async (method: string, path: string, body?: unknown): Promise<RawReply> => {
    const bytes = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers = { authorization: auth, 'content-type': bytes ? 'application/json' : undefined };
    return rawRequest(server.url, { method, path: `/${contractId}${path}`, headers, body: bytes, agent: parallel });
  };
}

/** A seeded shuffle, so the interleaving is random but the same on every run. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = createRandom(seed);
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [result[i], result[j]] = [result[j], result[i]];
  }
  return result;
}

const statuses = (replies: readonly RawReply[]) => replies.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});

describe('game-sessions under concurrent clients', () => {
  const CREATES = 600;
  const hosts = ['alice', 'bob', 'carol'];
  const as = Object.fromEntries(hosts.map((host) => [host, client('game-sessions', host)]));

  it(`loses nothing across ${CREATES} parallel creates and interleaved reads, updates and deletes`, async () => {
    server.mounts.find((m) => m.contract.id === 'game-sessions')!.instance.reset();
    const seeded = (await as.alice('GET', '/sessions/count')).body as { count: number };

    const created = await Promise.all(Array.from({ length: CREATES }, (_, i) => {
      const host = hosts[i % hosts.length];
      return as[host]('POST', '/sessions', { numTeams: 4, teamSize: 4, status: `created-${i}`, visibility: 'public' }).then((reply) => ({ host, i, reply }));
    }));
    expect(statuses(created.map((c) => c.reply))).toEqual({ 201: CREATES });
    const sessions = created.map(({ host, i, reply }) => ({ host, i, uid: (reply.body as { uid: string }).uid }));
    expect(new Set(sessions.map((s) => s.uid)).size, 'every create got its own uid').toBe(CREATES);
    expect(((await as.alice('GET', '/sessions/count')).body as { count: number }).count).toBe(seeded.count + CREATES);

    const reads = await Promise.all(sessions.map((s) => as.alice('GET', `/sessions/${s.uid}`)));
    expect(statuses(reads)).toEqual({ 200: CREATES });
    reads.forEach((read, i) => expect(read.body).toMatchObject({ uid: sessions[i].uid, version: 0, status: `created-${i}` }));

    // Interleaved: each session gets one fate; all requests of all fates are in flight together.
    type Fate = 'read' | 'update' | 'delete' | 'update-and-delete race';
    const fates: Fate[] = ['read', 'update', 'delete', 'update-and-delete race'];
    const fateOf = (i: number): Fate => fates[i % fates.length];
    const work: (() => Promise<unknown>)[] = [];
    const outcomes = new Map<string, RawReply[]>();
    const counts: number[] = [];
    for (const s of sessions) {
      const send = as[s.host];
      const record = (reply: RawReply) => {
        outcomes.set(s.uid, [...(outcomes.get(s.uid) ?? []), reply]);
        return reply;
      };
      const readThenUpdate = async () => {
        const read = await send('GET', `/sessions/${s.uid}`);
        if (read.status !== 200) return record(read);
        return record(await send('PUT', `/sessions/${s.uid}`, { ...(read.body as object), status: `updated-${s.i}` }));
      };
      const fate = fateOf(s.i);
      if (fate === 'read') work.push(async () => record(await send('GET', `/sessions/${s.uid}`)));
      if (fate === 'update') work.push(readThenUpdate);
      if (fate === 'delete') work.push(async () => record(await send('DELETE', `/sessions/${s.uid}`)));
      if (fate === 'update-and-delete race') {
        work.push(readThenUpdate);
        work.push(async () => record(await send('DELETE', `/sessions/${s.uid}`)));
      }
    }
    for (let i = 0; i < 50; i++) work.push(async () => counts.push(((await as.alice('GET', '/sessions/count')).body as { count: number }).count));
    await Promise.all(shuffled(work, 99).map((job) => job()));

    const deleted = sessions.filter((s) => fateOf(s.i) === 'delete' || fateOf(s.i) === 'update-and-delete race');
    for (const count of counts) {
      expect(count, 'a count taken mid-way lies between before and after the deletes').toBeGreaterThanOrEqual(seeded.count + CREATES - deleted.length);
      expect(count).toBeLessThanOrEqual(seeded.count + CREATES);
    }
    for (const s of sessions) {
      const replies = outcomes.get(s.uid)!.map((r) => r.status);
      const fate = fateOf(s.i);
      if (fate === 'read') expect(replies, s.uid).toEqual([200]);
      if (fate === 'update') expect(replies, s.uid).toEqual([200]);
      if (fate === 'delete') expect([[200], [204]], s.uid).toContainEqual(replies);
      if (fate === 'update-and-delete race') {
        // The delete always succeeds; the update either came first or found nothing (read or write 404).
        expect(replies.filter((status) => status === 200 || status === 204).length, `${s.uid}: ${replies}`).toBeGreaterThanOrEqual(1);
        expect(replies.every((status) => [200, 204, 404].includes(status)), `${s.uid}: ${replies}`).toBe(true);
      }
    }

    const count = ((await as.alice('GET', '/sessions/count')).body as { count: number }).count;
    expect(count, 'count = seeded + creates - deletes').toBe(seeded.count + CREATES - deleted.length);
    const listed = (await as.alice('GET', '/sessions?limit=1000')).body as { uid: string }[];
    expect(listed.length).toBe(count);
    const listedIds = new Set(listed.map((s) => s.uid));
    const finalReads = await Promise.all(sessions.map((s) => as.alice('GET', `/sessions/${s.uid}`)));
    sessions.forEach((s, k) => {
      const fate = fateOf(s.i);
      const read = finalReads[k];
      if (fate === 'read') expect(read.body, s.uid).toMatchObject({ version: 0, status: `created-${s.i}` });
      if (fate === 'update') expect(read.body, s.uid).toMatchObject({ version: 1, status: `updated-${s.i}` });
      if (fate === 'delete' || fate === 'update-and-delete race') expect(read.status, s.uid).toBe(404);
      expect(listedIds.has(s.uid), `${s.uid} listed`).toBe(read.status === 200);
    });
  });

  it('lets exactly one of many concurrent updates from the same version succeed; the others get 409', async () => {
    const RACERS = 40;
    const created = await Promise.all(Array.from({ length: 8 }, () => as.alice('POST', '/sessions', { status: 'start', visibility: 'public' })));
    for (const { body } of created) {
      const session = body as { uid: string; version: number };
      for (const round of [0, 1, 2]) {
        const replies = await Promise.all(Array.from({ length: RACERS }, (_, r) =>
          as.alice('PUT', `/sessions/${session.uid}`, { ...session, version: round, status: `round-${round}-racer-${r}` })));
        expect(statuses(replies), `round ${round} of ${session.uid}`).toEqual({ 200: 1, 409: RACERS - 1 });
        const winner = replies.find((r) => r.status === 200)!.body as { version: number; status: string };
        expect(winner.version).toBe(round + 1);
        const read = await as.alice('GET', `/sessions/${session.uid}`);
        expect(read.body).toMatchObject({ version: round + 1, status: winner.status });
      }
    }
  });

  it('keeps the version counter consistent under read-modify-write contention', async () => {
    const { body } = await as.alice('POST', '/sessions', { status: 'counter', visibility: 'public' });
    const uid = (body as { uid: string }).uid;
    const WORKERS = 25;
    const ATTEMPTS = 8;
    const won: number[] = [];
    let conflicts = 0;
    await Promise.all(Array.from({ length: WORKERS }, async (_, w) => {
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        const read = await as.alice('GET', `/sessions/${uid}`);
        const current = read.body as { version: number };
        const reply = await as.alice('PUT', `/sessions/${uid}`, { ...current, status: `worker-${w}-${attempt}` });
        if (reply.status === 200) won.push((reply.body as { version: number }).version);
        else if (reply.status === 409) conflicts++;
        else throw new Error(`unexpected ${reply.status} ${reply.bytes.toString()}`);
      }
    }));
    expect(won.length + conflicts).toBe(WORKERS * ATTEMPTS);
    // Every success produced a new version, each exactly once: 1, 2, ..., successes.
    expect([...won].sort((a, b) => a - b)).toEqual(Array.from({ length: won.length }, (_, i) => i + 1));
    const final = await as.alice('GET', `/sessions/${uid}`);
    expect((final.body as { version: number }).version).toBe(won.length);
  });
});

describe('make-sdk-connections under concurrent clients', () => {
  const CREATES = 500;
  const make = client('make-sdk-connections', 'alice');

  it(`generates ${CREATES} distinct names for parallel creates and loses nothing across interleaved reads, updates and deletes`, async () => {
    server.mounts.find((m) => m.contract.id === 'make-sdk-connections')!.instance.reset();
    const app = 'load-app';
    const created = await Promise.all(Array.from({ length: CREATES }, (_, i) =>
      make('POST', `/sdk/apps/${app}/connections`, { type: 'apikey', label: `label-${i}` })));
    expect(statuses(created)).toEqual({ 200: CREATES });
    const names = created.map((reply) => (reply.body as { appConnection: { name: string } }).appConnection.name);
    expect(new Set(names).size, 'unique names under concurrency').toBe(CREATES);
    const listed = (await make('GET', `/sdk/apps/${app}/connections`)).body as { appConnections: unknown[] };
    expect(listed.appConnections.length).toBe(CREATES);

    const fate = (i: number) => (['read', 'update', 'delete', 'update-and-delete race'] as const)[i % 4];
    const work: (() => Promise<void>)[] = [];
    names.forEach((name, i) => {
      const path = `/sdk/apps/connections/${encodeURIComponent(name)}`;
      if (fate(i) === 'read') work.push(async () => { expect((await make('GET', path)).status).toBe(200); });
      if (fate(i) === 'update') work.push(async () => { expect((await make('PATCH', path, { label: `patched-${i}` })).status).toBe(200); });
      if (fate(i) === 'delete') work.push(async () => { expect((await make('DELETE', path)).status).toBe(200); });
      if (fate(i) === 'update-and-delete race') {
        work.push(async () => { expect([200, 404]).toContain((await make('PATCH', path, { label: `patched-${i}` })).status); });
        work.push(async () => { expect((await make('DELETE', path)).status).toBe(200); });
      }
    });
    await Promise.all(shuffled(work, 7).map((job) => job()));

    const remaining = names.filter((_, i) => fate(i) === 'read' || fate(i) === 'update');
    const after = (await make('GET', `/sdk/apps/${app}/connections`)).body as { appConnections: { name: string; label: string }[] };
    expect(after.appConnections.map((c) => c.name).sort()).toEqual([...remaining].sort());
    const finalReads = await Promise.all(names.map((name) => make('GET', `/sdk/apps/connections/${encodeURIComponent(name)}`)));
    names.forEach((name, i) => {
      const read = finalReads[i];
      if (fate(i) === 'read') expect(read.body, name).toMatchObject({ appConnection: { name, label: `label-${i}` } });
      if (fate(i) === 'update') expect(read.body, name).toMatchObject({ appConnection: { name, label: `patched-${i}` } });
      if (fate(i) === 'delete' || fate(i) === 'update-and-delete race') expect(read.status, name).toBe(404);
    });
  });
});

describe('endgrate-sessions under concurrent clients', () => {
  const CREATES = 500;
  const endgrate = client('endgrate-sessions', 'alice');

  it(`keeps ${CREATES} parallel initiates readable until deleted by body id`, async () => {
    server.mounts.find((m) => m.contract.id === 'endgrate-sessions')!.instance.reset();
    const kinds = ['/api/session/initiate', '/api/pull/initiate', '/api/push/initiate'];
    const created = await Promise.all(Array.from({ length: CREATES }, (_, i) => endgrate('POST', kinds[i % 3], { session_label: `load ${i}` })));
    expect(statuses(created)).toEqual({ 200: CREATES });
    const ids = created.map((reply) => (reply.body as { session_id: string }).session_id);
    expect(new Set(ids).size).toBe(CREATES);

    const toDelete = new Set(ids.filter((_, i) => i % 2 === 0));
    const work = ids.flatMap((id) => [
      async () => { expect([200, 404]).toContain((await endgrate('GET', `/api/session/configuration?session_id=${id}`)).status); },
      ...(toDelete.has(id) ? [async () => { expect((await endgrate('POST', '/api/session/delete', { session_id: id })).status).toBe(200); }] : []),
    ]);
    await Promise.all(shuffled(work, 3).map((job) => job()));

    const finalReads = await Promise.all(ids.map((id) => endgrate('GET', `/api/session/configuration?session_id=${id}`)));
    ids.forEach((id, i) => expect(finalReads[i].status, id).toBe(toDelete.has(id) ? 404 : 200));
    const stored = server.mounts.find((m) => m.contract.id === 'endgrate-sessions')!.instance.state().session as { session_id: string }[];
    const storedIds = new Set(stored.map((s) => s.session_id));
    ids.forEach((id) => expect(storedIds.has(id), id).toBe(!toDelete.has(id)));
  });
});
