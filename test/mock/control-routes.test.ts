import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizationHeader, exampleToken } from '../../src/auth/example-token.ts';
import type { ContractModel } from '../../src/contract/model.ts';
import { loadContract } from '../../src/contract/registry.ts';
import { loadContractText } from '../../src/contract/load-text.ts';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';
import { rawRequest, type RawReply } from '../robustness/support/http.ts';

/** Control routes are for the developer's own tools: a page on another origin must not reach them. */
let game: ContractModel;
let mock: MockServer;
let guarded: MockServer;
const TOKEN = 'ctl-7d1c2e';

beforeAll(async () => {
  game = await loadContract('game-sessions');
  mock = await startMockServer({ contracts: [game], port: 0, fixtureCount: 0, jwtSecret: 'shh' });
  guarded = await startMockServer({ contracts: [game], port: 0, fixtureCount: 0, controlToken: TOKEN });
});
afterAll(async () => {
  await mock.close();
  await guarded.close();
});

const port = (server: MockServer) => new URL(server.url).port;
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

function send(server: MockServer, method: string, path: string, headers: Record<string, string> = {}, body?: Buffer): Promise<RawReply> {
  return rawRequest(server.url, { method, path, headers: { host: `127.0.0.1:${port(server)}`, ...headers }, body });
}

async function createSession(server: MockServer, fields: Record<string, unknown> = {}): Promise<string> {
  const auth = authorizationHeader(game.security!, exampleToken(game.security!, 'alice', 'shh'));
  const created = await send(server, 'POST', '/game-sessions/sessions', { authorization: auth, 'content-type': 'application/json' }, json({ name: 'x', ...fields }));
  expect(created.status, created.bytes.toString()).toBe(201);
  return (created.body as { uid: string }).uid;
}

const sessions = (reply: RawReply) => (reply.body as Record<string, { session: Record<string, unknown>[] }>)['game-sessions'].session;

describe('control routes refuse other origins', () => {
  it('send no CORS headers and answer no preflight, while API routes stay open', async () => {
    const state = await send(mock, 'GET', '/__harness/state', { origin: 'https://evil.example' });
    expect(state.status).toBe(200);
    expect(state.headers['access-control-allow-origin']).toBeUndefined();
    for (const path of ['/__harness/reset', '/game-sessions/__harness/clock', '/game-sessions//__harness/clock']) {
      const preflight = await send(mock, 'OPTIONS', path, { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' });
      expect(preflight.status, path).toBe(403);
      expect(preflight.headers['access-control-allow-origin'], path).toBeUndefined();
      expect(preflight.headers['access-control-allow-methods'], path).toBeUndefined();
    }
    const apiPreflight = await send(mock, 'OPTIONS', '/game-sessions/sessions', { origin: 'https://app.example', 'access-control-request-method': 'POST' });
    expect(apiPreflight.status).toBe(204);
    expect(apiPreflight.headers['access-control-allow-origin']).toBe('*');
  });

  it('refuse a POST a page can send without a preflight (no JSON content type, no custom header)', async () => {
    const uid = await createSession(mock);
    for (const [path, body] of [['/__harness/reset', undefined], ['/game-sessions/__harness/clock', Buffer.from('{"advance":"72h"}')]] as const) {
      const simple = await send(mock, 'POST', path, { 'content-type': 'text/plain' }, body);
      expect(simple.status, path).toBe(415);
      expect((simple.body as { error: string }).error).toMatch(/^Failed to run the control request: .*application\/json/);
    }
    expect(sessions(await send(mock, 'GET', '/__harness/state')).map((s) => s.uid)).toContain(uid);
    expect((await send(mock, 'POST', '/__harness/reset', { 'x-harness-control': '1' })).status).toBe(200);
    expect(sessions(await send(mock, 'GET', '/__harness/state'))).toEqual([]);
    expect((await send(mock, 'POST', '/game-sessions/__harness/clock', { 'content-type': 'application/json' }, json({ advance: '1s' }))).status).toBe(200);
  });

  it('refuse a Host that is not this mock (DNS rebinding) but accept loopback names and IPs', async () => {
    for (const host of [`evil.example:${port(mock)}`, 'localhost:1', 'evil.example']) {
      const reply = await send(mock, 'GET', '/__harness/state', { host });
      expect(reply.status, host).toBe(403);
      expect(reply.bytes.toString()).not.toContain('game-sessions');
      expect((await send(mock, 'POST', '/game-sessions/__harness/clock', { host, 'content-type': 'application/json' }, json({ advance: '1h' }))).status, host).toBe(403);
    }
    for (const host of [`localhost:${port(mock)}`, `127.0.0.1:${port(mock)}`, `[::1]:${port(mock)}`]) {
      expect((await send(mock, 'GET', '/__harness/state', { host })).status, host).toBe(200);
    }
    expect((await send(mock, 'GET', '/game-sessions/sessions/count', { host: `evil.example:${port(mock)}` })).status).toBe(401);
  });

  it('require the control token when one is set', async () => {
    expect((await send(guarded, 'GET', '/__harness/state')).status).toBe(401);
    expect((await send(guarded, 'GET', '/__harness/state', { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await send(guarded, 'GET', '/game-sessions/__harness/clock')).status).toBe(401);
    expect((await send(guarded, 'GET', '/__harness/state', { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    expect((await send(guarded, 'POST', '/__harness/reset', { 'x-harness-control-token': TOKEN, 'content-type': 'application/json' })).status).toBe(200);
  });
});

describe('the state dump', () => {
  it('leaves out fields the API hides (owner-only password) unless ?include=hidden', async () => {
    await send(mock, 'POST', '/__harness/reset', { 'x-harness-control': '1' });
    await createSession(mock, { password: 'hunter2-table' });
    const dumped = await send(mock, 'GET', '/__harness/state');
    expect(dumped.bytes.toString()).not.toContain('hunter2-table');
    expect(sessions(dumped)[0]).not.toHaveProperty('password');
    const everything = await send(mock, 'GET', '/__harness/state?include=hidden');
    expect(sessions(everything)[0]).toMatchObject({ password: 'hunter2-table' });
  });
});

describe('the clock and JWT expiry', () => {
  it('moving the clock back does not make an expired JWT valid again under --jwt-secret', async () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const signed = (exp: number) => {
      const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ uid: 'alice', exp })}`;
      return `${unsigned}.${createHmac('sha256', 'shh').update(unsigned).digest('base64url')}`;
    };
    const expired = signed(Math.floor(Date.now() / 1000) - 3600);
    // The same token with a future expiry is accepted: the 401 below is the expiry, not the signature.
    expect((await send(mock, 'GET', '/game-sessions/sessions/count', { authorization: `jwt ${signed(Math.floor(Date.now() / 1000) + 3600)}` })).status).toBe(200);
    const moved = await send(mock, 'POST', '/game-sessions/__harness/clock', { 'content-type': 'application/json' }, json({ set: '2000-01-01T00:00:00Z' }));
    expect(moved.status).toBe(200);
    const reply = await send(mock, 'GET', '/game-sessions/sessions/count', { authorization: `jwt ${expired}` });
    expect(reply.status).toBe(401);
  });
});

describe('one contract served at the root (harness mock <file>)', () => {
  it('its clock is /__harness/clock (the server\'s reset and state stay beside it)', async () => {
    const document = { openapi: '3.1.0', info: { title: 'Root', version: '1' }, paths: { '/ping': { get: { operationId: 'ping', responses: { 204: { description: 'ok' } } } } } };
    const root = await startMockServer({ contracts: [loadContractText('root.json', JSON.stringify(document))], port: 0, atRoot: true });
    try {
      // The server's root routes answered it with their 404 ("per contract /<id>/__harness/clock"), and no /<id> exists here.
      const moved = await send(root, 'POST', '/__harness/clock', { 'content-type': 'application/json' }, json({ set: '2030-01-01T00:00:00Z' }));
      expect(moved.status, moved.bytes.toString()).toBe(200);
      expect((await send(root, 'GET', '/__harness/clock')).body).toEqual({ now: expect.stringMatching(/^2030-01-01T00:00/) });
      expect((await send(root, 'POST', '/__harness/reset', { 'content-type': 'application/json' })).body).toEqual({ reset: true, contracts: ['root'] });
      expect((await send(root, 'GET', '/__harness/state')).status).toBe(200);
    } finally {
      await root.close();
    }
  });
});
