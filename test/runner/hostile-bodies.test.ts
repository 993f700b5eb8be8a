import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractModel } from '../../src/contract/model.ts';
import { loadContract } from '../../src/contract/registry.ts';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';
import { check } from './support/run.ts';

/** Bodies built to break reports: answers nested thousands of levels deep; credentials in --base-url. */
let contract: ContractModel;
let mock: MockServer;

beforeAll(async () => {
  contract = await loadContract('game-sessions');
  mock = await startMockServer({ contracts: [contract], port: 0 });
});
afterAll(() => mock.close());

async function deepTarget(depth: number): Promise<{ url: string; server: Server }> {
  const text = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('reports are bounded by construction', () => {
  it('a 300-level JSON answer is parsed, and reports keep 32 levels of it', async () => {
    const target = await deepTarget(300);
    try {
      const outcome = await check(contract, target.url, { timeoutMs: 2000 });
      expect(outcome.summary.exitCode).toBe(1);
      const withBody = outcome.failures.filter((r) => r.exchange?.response?.body !== undefined);
      expect(withBody.length).toBeGreaterThan(0);
      const report = JSON.stringify(outcome.events);
      expect(report).toContain('[cut: nested deeper than 32 levels]');
      // Each exchange keeps at most 32 levels: far below the 6 bytes per level the answer has.
      expect(report.length / withBody.length).toBeLessThan(2_000);
    } finally {
      target.server.closeAllConnections();
      await new Promise((resolve) => target.server.close(resolve));
    }
  });

  // Parsed, half a million levels were as many objects per answer that every check walked again (seconds and
  // hundreds of megabytes per request); past MAX_JSON_DEPTH the text is not parsed at all.
  for (const depth of [1_000, 500_000]) {
    it(`a ${depth}-level JSON answer is not parsed: each body check fails saying why, and no stack overflow`, async () => {
      const target = await deepTarget(depth);
      try {
        const outcome = await check(contract, target.url, { timeoutMs: 5000 });
        expect(outcome.summary.exitCode).toBe(1);
        const deep = outcome.failures.filter((r) => /could not be checked: the JSON body is nested more than 512 levels deep; not parsed/.test(r.message ?? ''));
        expect(deep.length).toBeGreaterThan(0);
        expect(JSON.stringify(outcome.events).length / outcome.failures.length).toBeLessThan(4_000);
      } finally {
        target.server.closeAllConnections();
        await new Promise((resolve) => target.server.close(resolve));
      }
    });
  }

  it('credentials in --base-url reach no event: user-info and query values', async () => {
    const url = new URL(`${mock.url}/game-sessions`);
    url.username = 'bob';
    url.password = 'hunter2pass';
    url.searchParams.set('api_key', 'k3y');
    const outcome = await check(contract, url.toString(), { timeoutMs: 2000 });
    const everything = JSON.stringify(outcome.events);
    expect(everything).not.toMatch(/hunter2pass|api_key=k3y|Ym9iOmh1bnRlcjJwYXNz/);
    expect(everything).toContain('[REDACTED]@');
  });

  it('a query in --base-url is sent after each path and reaches no event', async () => {
    const outcome = await check(contract, `${mock.url}/game-sessions?api_key=k3y`, { timeoutMs: 2000 });
    expect(outcome.summary.exitCode, JSON.stringify(outcome.failures.slice(0, 2))).toBe(0);
    const everything = JSON.stringify(outcome.events);
    expect(everything).not.toContain('k3y');
    expect(everything).toContain(`/game-sessions?api_key=[REDACTED]`);
  });
});
