import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../../src/contract/registry.ts';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';

// The headers test's request timeout is far beyond the test's own (5 s), so only the headers timeout can cut
// that client off; the request test's client sends its headers at once.
let headersBound: MockServer;
let requestBound: MockServer;
beforeAll(async () => {
  const contracts = [await loadContract('game-sessions')];
  headersBound = await startMockServer({ contracts, port: 0, seed: 1, timeouts: { headersMs: 300, requestMs: 60_000 } });
  requestBound = await startMockServer({ contracts, port: 0, seed: 1, timeouts: { headersMs: 300, requestMs: 600 } });
});
afterAll(async () => {
  await headersBound.close();
  await requestBound.close();
});

/** Opens a connection, writes `start`, then one byte every 50 ms of `trickle` for as long as it stays open; resolves with what the server said once it closes. */
function trickle(server: MockServer, start: string, drip: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(server.url).port), '127.0.0.1');
    let answer = '';
    const timer = setInterval(() => {
      if (!socket.destroyed && socket.writable) socket.write(drip);
    }, 50);
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('close', () => {
      clearInterval(timer);
      resolve(answer);
    });
    socket.on('error', (error) => {
      clearInterval(timer);
      if ((error as NodeJS.ErrnoException).code === 'ECONNRESET' || (error as NodeJS.ErrnoException).code === 'EPIPE') resolve(answer);
      else reject(error);
    });
    socket.write(start);
  });
}

describe('clients that trickle their request', () => {
  it('are cut off once the headers take longer than the headers timeout, while others are answered', async () => {
    const slow = trickle(headersBound, 'GET /game-sessions/sessions HTTP/1.1\r\nhost: x\r\n', 'x');
    const other = await fetch(`${headersBound.url}/game-sessions/sessions`);
    expect(other.status).toBe(401);
    expect(await slow).toMatch(/^(HTTP\/1\.1 408|$)/);
  });

  it('are cut off once the whole request takes longer than the request timeout', async () => {
    const answer = await trickle(requestBound, 'POST /game-sessions/sessions HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n', ' ');
    expect(answer).toMatch(/^(HTTP\/1\.1 408|$)/);
    expect((await fetch(`${requestBound.url}/game-sessions/sessions`)).status).toBe(401);
  });
});
