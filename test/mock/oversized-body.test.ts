import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../../src/contract/registry.ts';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';

/** Sends raw bytes on one connection; resolves with what came back and whether the server closed it. */
function exchange(port: number, head: string, body: Buffer): Promise<{ answer: string; closed: boolean; writeError?: string }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    let writeError: string | undefined;
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
      // The whole answer is in: wait a moment to see whether the server ends the connection.
      if (/\r\n\r\n[\s\S]*\}$/.test(answer)) setTimeout(() => { socket.destroy(); resolve({ answer, closed: false, writeError }); }, 300);
    });
    socket.on('end', () => resolve({ answer, closed: true, writeError }));
    socket.on('error', (error) => { writeError = error.message; });
    socket.write(head);
    socket.write(body);
  });
}

describe('a body over the limit', () => {
  let server: MockServer;
  const limit = 4096;
  beforeAll(async () => {
    server = await startMockServer({ contracts: [await loadContract('game-sessions')], port: 0, bodyLimit: limit });
  });
  afterAll(() => server.close());
  const port = () => Number(new URL(server.url).port);
  const head = (length: number) => `POST /game-sessions/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;

  it('of a bounded declared length is read to its end and answered 413 on a connection kept open (the client can finish sending)', async () => {
    const body = Buffer.alloc(limit * 3, 0x20);
    const { answer, closed, writeError } = await exchange(port(), head(body.length), body);
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(writeError).toBeUndefined();
    expect(closed).toBe(false);
  });

  it('of a declared length far past the limit is answered 413 and the connection closed', async () => {
    const { answer, closed } = await exchange(port(), head(limit * 5), Buffer.alloc(limit, 0x20));
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer.toLowerCase()).toContain('connection: close');
    expect(closed).toBe(true);
  });
});
