import { afterEach, describe, expect, it } from 'vitest';
import { authorizationHeader, exampleToken } from '../../src/auth/example-token.ts';
import { loadContract } from '../../src/contract/registry.ts';
import { createMockInstance } from '../../src/mock/instance.ts';
import { startMockServer, type MockServer, type MockServerOptions } from '../../src/mock/server.ts';
import { expectDocumented } from '../helpers/mock-client.ts';
import { rawRequest, type RawReply } from '../robustness/support/http.ts';

/** The store is bounded (records per resource, stored bytes) and no answer is too large to send. */
const game = await loadContract('game-sessions');
const auth = authorizationHeader(game.security!, exampleToken(game.security!, 'alice'));
let mock: MockServer | undefined;
afterEach(() => mock?.close());

async function start(options: Partial<MockServerOptions>): Promise<MockServer> {
  mock = await startMockServer({ contracts: [game], port: 0, fixtureCount: 0, ...options });
  return mock;
}

function send(method: string, path: string, body?: unknown): Promise<RawReply> {
  const headers: Record<string, string> = { authorization: auth };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return rawRequest(mock!.url, { method, path: `/game-sessions${path}`, headers, body: body === undefined ? undefined : Buffer.from(JSON.stringify(body)) });
}

const stored = () => mock!.mounts[0].instance.state({ includeHidden: true }).session as { uid: string; status: string }[];
const asReply = (reply: RawReply) => ({ status: reply.status, headers: new Headers(), body: reply.body });

describe('bounded store', () => {
  it('refuses a create past --max-records in the API\'s own error shape, losing nothing', async () => {
    await start({ maxRecords: 3 });
    for (let i = 0; i < 3; i++) expect((await send('POST', '/sessions', { status: `s${i}` })).status).toBe(201);
    const before = JSON.stringify(stored());
    const refused = await send('POST', '/sessions', { status: 'one too many' });
    expect(refused.status).toBe(413);
    expectDocumented(game, 'createSession', asReply(refused));
    expect(JSON.stringify(stored())).toBe(before);
    // A delete makes room again.
    expect((await send('DELETE', `/sessions/${stored()[0].uid}`)).status).toBeLessThan(300);
    expect((await send('POST', '/sessions', { status: 'fits again' })).status).toBe(201);
  });

  it('refuses writes past --max-store-bytes, counting the bodies that wrote the records', async () => {
    await start({ maxStoreBytes: 8 * 1024 });
    const big = 'x'.repeat(3000);
    expect((await send('POST', '/sessions', { status: `a${big}` })).status).toBe(201);
    expect((await send('POST', '/sessions', { status: `b${big}` })).status).toBe(201);
    const refused = await send('POST', '/sessions', { status: `c${big}` });
    expect(refused.status).toBe(413);
    expect(stored().map((s) => s.status[0])).toEqual(['a', 'b']);
    // Growing a record in place is refused too, and leaves it as it was.
    const [first] = stored();
    const grown = await send('PUT', `/sessions/${first.uid}`, { uid: first.uid, status: 'y'.repeat(7000), version: 0 });
    expect(grown.status).toBe(413);
    expect(stored()[0].status).toBe(first.status);
    // Rewriting a record with a body of the same size fits.
    expect((await send('PUT', `/sessions/${first.uid}`, { uid: first.uid, status: `z${big}`, version: 0 })).status).toBe(200);
  });
});

describe('answers too large to send', () => {
  it('a list larger than the response limit is a client error in the API\'s shape, not a 500', async () => {
    await start({ maxResponseChars: 20_000 });
    for (let i = 0; i < 10; i++) expect((await send('POST', '/sessions', { status: `${i}${'n'.repeat(3000)}` })).status).toBe(201);
    const list = await send('GET', '/sessions?limit=10');
    expect(list.status).toBe(400);
    expectDocumented(game, 'listSessions', asReply(list));
    expect((await send('GET', '/sessions?limit=2')).status).toBe(200);
  });

  it('a list or a state dump that cannot be serialised at all ("Invalid string length") is a client error', async () => {
    await start({});
    expect((await send('POST', '/sessions', { status: 'huge' })).status).toBe(201);
    // Stands for records whose JSON would pass V8's ~512 MiB string limit, without allocating it.
    const [record] = mock!.mounts[0].instance.context.store.table('session').values();
    record.data.status = { toJSON: () => { throw new RangeError('Invalid string length'); } };
    const list = await send('GET', '/sessions');
    expect(list.status).toBe(400);
    expectDocumented(game, 'listSessions', asReply(list));
    const state = await rawRequest(mock!.url, { method: 'GET', path: '/__harness/state' });
    expect(state.status).toBe(413);
    expect((state.body as { error: string }).error).toMatch(/^Failed to dump the state: it is too large/);
    const contractState = await rawRequest(mock!.url, { method: 'GET', path: '/game-sessions/__harness/state' });
    expect(contractState.status).toBe(413);
  });
});

describe('the process-wide heap guard (the store caps are per contract; a mock serves several)', () => {
  const body = new TextEncoder().encode(JSON.stringify({ status: 'open' }));
  const post = { method: 'POST', header: (name: string) => (name === 'authorization' ? auth : name === 'content-type' ? 'application/json' : null), bytes: async () => body, body };
  const create = game.operations.find((operation) => operation.id === 'createSession')!;
  const url = new URL('http://mock/sessions');

  it('refuses a create in the API\'s own shape while the heap is past maxHeapBytes, and takes it with room', async () => {
    const tight = createMockInstance(game, { fixtureCount: 0, maxHeapBytes: 1 });
    const refused = await tight.handle(create, post, url, {});
    expect(refused.status).toBe(413);
    expectDocumented(game, 'createSession', { status: refused.status, headers: new Headers(), body: refused.body });
    expect(tight.state().session).toEqual([]);
    const roomy = createMockInstance(game, { fixtureCount: 0 });
    expect((await roomy.handle(create, post, url, {})).status).toBe(201);
  });
});
