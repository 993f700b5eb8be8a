import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizationHeader, exampleToken } from '../../src/auth/example-token.ts';
import type { ContractModel } from '../../src/contract/model.ts';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';
import { waitFor } from '../helpers/wait.ts';
import { rawRequest, type RawReply, type RawRequest } from './support/http.ts';
import { loadBundledContracts } from './support/mock.ts';

/**
 * The mock's request log (`harness mock` prints it) must never carry credentials or one-time URLs: not the
 * tokens or JWTs of Authorization headers, not query strings (where clients put `?token=` and API keys),
 * not fragments, and not the Gigs session `url` (it holds a session token), however a client sends them.
 */
const contracts = await loadBundledContracts();
const byId = (id: string): ContractModel => contracts.find((c) => c.id === id)!;
const lines: string[] = [];
let server: MockServer;

beforeAll(async () => {
  server = await startMockServer({ contracts, port: 0, seed: 9, log: (line) => lines.push(line) });
});
afterAll(() => server.close());

const JWT = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/;

describe('the request log', () => {
  it('never contains tokens, JWTs, query strings or Gigs session urls, across a burst of varied requests', async () => {
    const secrets = new Set<string>();
    const auth = (id: string, principal: string) => {
      const security = byId(id).security!;
      const token = exampleToken(security, principal);
      secrets.add(token);
      return authorizationHeader(security, token);
    };
    const gameJwt = exampleToken(byId('game-sessions').security, 'alice');
    const opaque = 'sk_live_0123456789abcdefSECRET';
    secrets.add(opaque);
    const json = (body: unknown) => Buffer.from(JSON.stringify(body));
    const jsonHeaders = (authorization: string) => ({ authorization, 'content-type': 'application/json' });

    // Gigs sessions first: their create (and user-setting update) responses carry the one-time url.
    const gigsAuth = auth('gigs-connect-sessions', 'alice');
    const gigsCreates = await Promise.all(Array.from({ length: 20 }, () => rawRequest(server.url, {
      method: 'POST', path: '/gigs-connect-sessions/projects/demo/connectSessions', headers: jsonHeaders(gigsAuth),
      body: json({ intent: { type: 'viewSubscriptions' }, callbackUrl: 'https://example.com/back' }),
    })));
    const gigsIds = gigsCreates.map((reply) => (reply.body as { id: string }).id);
    const gigsUpdates = await Promise.all(gigsIds.map((id) => rawRequest(server.url, {
      method: 'PATCH', path: `/gigs-connect-sessions/projects/demo/connectSessions/${id}`, headers: jsonHeaders(gigsAuth),
      body: json({ userDetails: { email: 'someone@example.com', fullName: 'Some One' } }),
    })));
    const urls = [...gigsCreates, ...gigsUpdates].map((reply) => (reply.body as { url?: string | null }).url).filter((url): url is string => typeof url === 'string');
    expect(urls.length, 'creates and user-setting updates return urls').toBeGreaterThanOrEqual(gigsCreates.length);
    for (const url of urls) {
      secrets.add(url);
      secrets.add(new URL(url).searchParams.get('token')!);
    }

    const requests: RawRequest[] = [];
    const games = auth('game-sessions', 'alice');
    const make = auth('make-sdk-connections', 'alice');
    const endgrate = `Bearer ${opaque}`;
    for (let i = 0; i < 10; i++) {
      requests.push(
        { method: 'POST', path: '/game-sessions/sessions', headers: jsonHeaders(games), body: json({ status: `s${i}`, password: `pw-${opaque}` }) },
        { method: 'GET', path: `/game-sessions/sessions?token=${gameJwt}&access_token=${opaque}&limit=5`, headers: { authorization: games } },
        { method: 'GET', path: `/game-sessions/sessions/count#access_token=${gameJwt}`, headers: { authorization: games } },
        { method: 'GET', path: `/game-sessions/sessions/${gameJwt}`, headers: { authorization: games } },
        { method: 'GET', path: `/game-sessions/sessions/${gameJwt}/join`, headers: { authorization: `jwt ${gameJwt}x.broken` } },
        { method: 'GET', path: `/game-sessions/sessions/%65${gameJwt.slice(1)}/leave`, headers: { authorization: games } },
        { method: 'GET', path: `/game-sessions/sessions/Bearer%20${gameJwt}`, headers: { authorization: games } },
        { method: 'GET', path: `http://user:${opaque}@mock.local/game-sessions/sessions`, headers: { authorization: games } },
        { method: 'GET', path: '/game-sessions/sessions', headers: { authorization: `Bearer ${gameJwt}` } },
        { method: 'DELETE', path: `/game-sessions/sessions/x?api_key=${opaque}`, headers: { authorization: games } },
        { method: 'GET', path: `/gigs-connect-sessions/projects/demo/connectSessions/${gigsIds[i]}?url=${encodeURIComponent(urls[i])}`, headers: { authorization: gigsAuth } },
        { method: 'PATCH', path: `/gigs-connect-sessions/projects/demo/connectSessions/${gigsIds[i]}`, headers: jsonHeaders(gigsAuth), body: json({ callbackUrl: urls[i] }) },
        { method: 'POST', path: '/gigs-connect-sessions/projects/demo/connectSessions', headers: jsonHeaders(gigsAuth), body: json({ intent: { type: 'viewSubscriptions' } }) },
        { method: 'GET', path: `/make-sdk-connections/sdk/apps/my-app/connections?key=${opaque}`, headers: { authorization: make } },
        { method: 'POST', path: '/make-sdk-connections/sdk/apps/my-app/connections', headers: jsonHeaders(make), body: json({ type: 'apikey', label: opaque }) },
        { method: 'GET', path: '/make-sdk-connections/sdk/apps/my-app/connections', headers: { authorization: `Token ${opaque}` } },
        { method: 'POST', path: '/endgrate-sessions/api/session/initiate', headers: jsonHeaders(endgrate), body: json({ session_label: opaque }) },
        { method: 'GET', path: `/endgrate-sessions/api/session/configuration?session_id=${opaque}`, headers: { authorization: endgrate } },
        { method: 'GET', path: '/endgrate-sessions/api/session/configuration?session_id=0', headers: { authorization: `Basic ${Buffer.from(`user:${opaque}`).toString('base64')}` } },
        { method: 'GET', path: `/no-such-contract/x?token=${opaque}`, headers: { authorization: endgrate } },
        { method: 'GET', path: `http://mock.local/game-sessions/sessions?token=${gameJwt}`, headers: { authorization: games } },
        { method: 'GET', path: `//game-sessions/sessions?token=${gameJwt}`, headers: { authorization: games } },
        { method: 'OPTIONS', path: `/game-sessions/sessions?token=${gameJwt}`, headers: { 'access-control-request-method': 'POST', origin: 'https://app.example' } },
        { method: 'GET', path: `/__harness/state?token=${opaque}` },
        { method: 'POST', path: `/game-sessions/__harness/clock?token=${opaque}`, headers: { 'content-type': 'application/json' }, body: json({ advance: '1s' }) },
        { method: 'PROPFIND', path: `/gigs-connect-sessions/${gameJwt}?token=${opaque}`, headers: { authorization: gigsAuth } },
      );
    }
    lines.length = 0;
    const replies: RawReply[] = await Promise.all(requests.map((request) => rawRequest(server.url, request)));
    expect(replies.every((reply) => reply.status < 500), 'no request of the burst failed the mock').toBe(true);
    await waitFor(() => lines.length >= requests.length, `${requests.length} log lines`);

    expect(lines.length, 'one line per request').toBe(requests.length);
    const log = lines.join('\n');
    for (const line of lines) {
      expect(line, 'method, path, status, duration').toMatch(/^[A-Z]+ \S+ \d{3} \d+(\.\d+)?ms$/);
      expect(line, 'no query string or fragment').not.toMatch(/[?#]/);
      expect(line, 'no JWT').not.toMatch(JWT);
      expect(decodeURIComponent(line), 'no JWT, even percent-encoded').not.toMatch(JWT);
    }
    for (const secret of secrets) expect(log.includes(secret), `the log holds a secret: ${secret.slice(0, 20)}...`).toBe(false);
    expect(log).not.toContain('connect.gigs.com');
    expect(log).not.toContain('session=');
  });
});
