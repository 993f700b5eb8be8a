import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { waitForTarget } from '../../src/cli/wait-for-target.ts';

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A port nothing listens on (bound, then released). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('waitForTarget', () => {
  it('keeps trying until the server starts, and takes any status as an answer', async () => {
    const port = await freePort();
    const result = await waitForTarget(`http://127.0.0.1:${port}/api`, {
      timeoutMs: 10_000,
      intervalMs: 10,
      // The server starts only once the first attempt has been refused.
      onRetry: async (attempt, reason) => {
        expect(reason).toBe('ECONNREFUSED');
        if (attempt !== 1) return;
        server = createServer((_req, res) => res.writeHead(503).end('starting'));
        await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
      },
    });
    expect(result).toEqual({ ok: true, attempts: 2, status: 503 });
  });

  it('gives up after the time allowed, saying why', async () => {
    const port = await freePort();
    const started = Date.now();
    const result = await waitForTarget(`http://127.0.0.1:${port}/`, { timeoutMs: 300, intervalMs: 50 });
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ reason: 'ECONNREFUSED' });
    expect(result.attempts).toBeGreaterThan(1);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
