import type { IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizationHeader, exampleToken } from '../../src/auth/example-token.ts';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';
import { rawRequest } from './support/http.ts';
import { expectAlive, loadBundledContracts, storeSnapshot } from './support/mock.ts';

/**
 * Clients that misbehave below HTTP semantics: they hang up mid-headers or mid-body, lie about the body
 * length, pipeline requests or send bytes that are not HTTP. The mock must neither crash nor store
 * anything from a request it never received whole.
 */
const contracts = await loadBundledContracts();
let server: MockServer;

beforeAll(async () => {
  server = await startMockServer({ contracts, port: 0, seed: 31 });
});
afterAll(() => server.close());

/**
 * When the client of `rawExchange` hangs up: right after its bytes are written, once the server has parsed
 * the request head (and waits for a body that will not come), or never (the server ends the connection).
 */
type HangUp = 'after-write' | 'after-request-head' | 'never';

/** Writes raw bytes on a fresh connection; resolves with what came back once the connection is closed. */
function rawExchange(bytes: Buffer | string, hangUp: HangUp): Promise<string> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve) => {
    let received = '';
    const socket = connect(Number(port), hostname, () => socket.write(bytes, () => {
      if (hangUp === 'after-write') socket.destroy();
    }));
    const onRequest = (request: IncomingMessage) => {
      if (request.socket.remotePort === socket.localPort) socket.destroy();
    };
    if (hangUp === 'after-request-head') server.server.on('request', onRequest);
    socket.on('data', (chunk) => { received += chunk.toString('latin1'); });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      server.server.off('request', onRequest);
      resolve(received);
    });
  });
}

describe('misbehaving connections', () => {
  it('survive hang-ups, lying lengths, pipelining and non-HTTP bytes without storing anything', async () => {
    const game = contracts.find((c) => c.id === 'game-sessions')!;
    const auth = authorizationHeader(game.security!, exampleToken(game.security!, 'alice'));
    const body = JSON.stringify({ status: 'half-sent', visibility: 'public' });
    const head = (length: number | string) => `POST /game-sessions/sessions HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;
    const before = storeSnapshot(server);

    const exchanges = await Promise.all([
      rawExchange(head(body.length).slice(0, 40), 'after-write'), // hang up mid-headers
      rawExchange(head(body.length) + body.slice(0, 10), 'after-request-head'), // hang up mid-body
      rawExchange(head(body.length + 500) + body, 'after-request-head'), // Content-Length larger than the body, then silence
      rawExchange(head(5 * 1024 * 1024) + body, 'never'), // announces 5 MB, sends a little
      rawExchange(head('abc') + body, 'never'), // unparseable Content-Length
      rawExchange(`${head(body.length).replace('Content-Length', 'Transfer-Encoding: chunked\r\nContent-Length')}${body}`, 'never'), // both framings
      rawExchange('POST /game-sessions/sessions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', 'never'), // broken chunk
      rawExchange(Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03]), 'never'), // a TLS hello
      rawExchange('\u0000\u0001\u0002 garbage\r\n\r\n', 'never'),
      // Pipelined; the last request asks the server to close once it has answered both.
      rawExchange(`GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /game-sessions/sessions/count HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth}\r\nConnection: close\r\n\r\n`, 'never'),
    ]);
    // Only whole requests are answered: the pipelined pair got two answers, the count among them.
    expect(exchanges[9].match(/HTTP\/1\.1 200/g)?.length).toBe(2);
    expect(exchanges[9]).toContain('"count"');
    for (const reply of exchanges) expect(reply.startsWith('HTTP/1.1 5'), reply.slice(0, 200)).toBe(false);

    expect(storeSnapshot(server), 'nothing half-received was stored').toBe(before);
    await expectAlive(server);
    const later = await rawRequest(server.url, { method: 'POST', path: '/game-sessions/sessions', headers: { authorization: auth, 'content-type': 'application/json' }, body: Buffer.from(body) });
    expect(later.status).toBe(201);
  });
});
