import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleToken } from '../../src/auth/example-token.ts';
import { runCheckCommand } from '../../src/cli/check.ts';
import type { ContractModel } from '../../src/contract/model.ts';
import { loadContract } from '../../src/contract/registry.ts';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';
import { createReporters } from '../../src/report/index.ts';
import { runConformance } from '../../src/runner/engine.ts';
import { json, startProxy, withJson, type Proxy } from './support/proxy.ts';

/**
 * Tokens, JWTs and Gigs session URLs (secret: they let anyone act as the user) never reach a report,
 * even in failures that show the exchange, and even in verbose console output that prints headers.
 */
let mock: MockServer;
let gigs: ContractModel;
let game: ContractModel;
let out: string;

const JWT = /eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/;
const GIGS_TOKENS = ['sk_live_alice_4f9a8b7c6d5e', 'sk_live_bob_0a1b2c3d4e5f'];

beforeAll(async () => {
  gigs = await loadContract('gigs-connect-sessions');
  game = await loadContract('game-sessions');
  mock = await startMockServer({ contracts: [gigs, game], port: 0 });
  out = await mkdtemp(join(tmpdir(), 'harness-secrets-'));
});
afterAll(async () => {
  await mock.close();
  await rm(out, { recursive: true, force: true });
});

/** Every value of a `url` field the upstream sent through the proxy. */
function urlsSeen(proxy: Proxy): string[] {
  const urls: string[] = [];
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if (key === 'url' && typeof child === 'string') urls.push(child);
      else visit(child);
    }
  };
  for (const response of proxy.seen) visit(json(response));
  return urls;
}

function collect(stream: PassThrough): () => string {
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return () => Buffer.concat(chunks).toString('utf8');
}

function expectClean(text: string, secrets: readonly string[], where: string): void {
  for (const secret of secrets) expect(text.includes(secret), `${where} contains a secret (${secret.slice(0, 12)}...)`).toBe(false);
  expect(JWT.test(text), `${where} contains a JWT`).toBe(false);
}

describe('secrets in reports', () => {
  it('gigs: tokens and session urls appear in no report, also when failures show the exchanges', async () => {
    // The defect returns the url on reads too: failures then carry responses holding it.
    const proxy = await startProxy(mock.url, {
      response: (req, res) => (req.method === 'GET' && res.status === 200 ? withJson(res, { ...json(res), url: `https://connect.gigs.com/checkout/entry?session=${json(res).id}&token=LeakedOnRead0123456789abcdef` }) : undefined),
    });
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const output = collect(stdout);
    try {
      const code = await runCheckCommand([
        '--contract', 'gigs-connect-sessions', '--base-url', `${proxy.url}/gigs-connect-sessions`,
        '--token', GIGS_TOKENS[0], '--token-2', GIGS_TOKENS[1], '--path-param', 'project=demo',
        '--reporter', 'console', '--reporter', 'json', '--reporter', 'junit', '--out', join(out, 'gigs'),
      ], { stdout, stderr });
      expect(code).toBe(1);
      const urls = urlsSeen(proxy);
      expect(urls.length).toBeGreaterThan(1);
      const secrets = [...GIGS_TOKENS, ...urls, ...urls.map((u) => new URL(u).searchParams.get('token')!)];
      const report = await readFile(join(out, 'gigs', 'conformance.json'), 'utf8');
      expectClean(output(), secrets, 'console output');
      expectClean(report, secrets, 'JSON report');
      expectClean(await readFile(join(out, 'gigs', 'junit.xml'), 'utf8'), secrets, 'JUnit report');
      expect(report).toContain('[REDACTED]');
      expect(output()).toContain('`url` must only be returned on create, set:user, but a read returned it');
    } finally {
      await proxy.close();
    }
  });

  it('game: JWTs appear in no report, even in verbose console output with request headers', async () => {
    const tokens = [exampleToken(game.security, 'alice'), exampleToken(game.security, 'bob')];
    // Not-found answered 500, echoing the caller's token: failures print those exchanges, headers and all.
    const proxy = await startProxy(mock.url, {
      response: (req, res) => (res.status === 404 ? withJson({ ...res, status: 500 }, { ...json(res), message: `No session for ${req.headers.authorization}` }) : undefined),
    });
    const stream = new PassThrough();
    const output = collect(stream);
    const reporter = createReporters(['console', 'json', 'junit'], { outDir: join(out, 'game'), stream, color: false, verbose: true });
    try {
      const summary = await runConformance(game, {
        baseUrl: `${proxy.url}/game-sessions`, token: tokens[0], token2: tokens[1], pathParams: {},
        allowDestructive: false, timeoutMs: 5000, seed: 3, only: [],
      }, (event) => reporter.onEvent(event));
      await reporter.close();
      expect(summary.counts.fail).toBeGreaterThan(0);
      expect(output()).toMatch(/authorization: jwt \[REDACTED\]/);
      expectClean(output(), tokens, 'console output');
      expectClean(await readFile(join(out, 'game', 'conformance.json'), 'utf8'), tokens, 'JSON report');
      expectClean(await readFile(join(out, 'game', 'junit.xml'), 'utf8'), tokens, 'JUnit report');
    } finally {
      await proxy.close();
    }
  });
});
