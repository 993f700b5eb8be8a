import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCheckCommand } from '../../src/cli/check.ts';
import { runCli } from '../../src/cli/main.ts';
import type { CommandIO } from '../../src/cli/io.ts';
import { loadContract } from '../../src/contract/registry.ts';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';
import type { JsonReport } from '../../src/report/json.ts';
import { splitPath, startProxy, type Proxy, type ProxiedRequest } from '../runner/support/proxy.ts';
import { tokensFor } from '../runner/support/run.ts';

let mock: MockServer;
let dir: string;
let tokens: { token: string; token2: string };

beforeAll(async () => {
  const contract = await loadContract('game-sessions');
  tokens = tokensFor(contract);
  mock = await startMockServer({ contracts: [contract], port: 0 });
  dir = await mkdtemp(join(tmpdir(), 'harness-check-cli-habits-'));
});
afterAll(async () => {
  await mock.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await fetch(`${mock.url}/__harness/reset`, { method: 'POST' });
});

async function run(args: string[], extra: Partial<CommandIO> = {}, command = runCheckCommand): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
  stdout.on('data', (c: Buffer) => chunks.stdout.push(c));
  stderr.on('data', (c: Buffer) => chunks.stderr.push(c));
  const code = await command(args, { stdout, stderr, env: {}, cwd: dir, ...extra });
  return { code, stdout: Buffer.concat(chunks.stdout).toString('utf8'), stderr: Buffer.concat(chunks.stderr).toString('utf8') };
}

/** A proxy in front of the mock that answers 200 where the contract documents 201 for a create. */
function brokenCreate(seen: ProxiedRequest[] = []): Promise<Proxy> {
  return startProxy(mock.url, {
    request: (request) => {
      seen.push(request);
    },
    response: (request, response) =>
      request.method === 'POST' && splitPath(request.path).pathname === '/game-sessions/sessions' && response.status === 201 ? { ...response, status: 200 } : undefined,
  });
}

describe('harness habits', () => {
  it('--version and -v print the version from package.json', async () => {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      const { code, stdout } = await run([flag], {}, runCli);
      expect(code).toBe(0);
      expect(stdout).toBe(`${pkg.version}\n`);
    }
  });

  it('--help names the new flags and the environment variables', async () => {
    const { stdout } = await run(['--help']);
    for (const text of ['--header', '--wait-for-target', '--max-failures', '--verbose', '--config', 'HARNESS_TOKEN', 'HARNESS_TOKEN_2', 'HARNESS_BASE_URL', 'harness.config.yaml']) {
      expect(stdout).toContain(text);
    }
  });
});

describe('harness check against a target', () => {
  it('sends --header on every request and keeps its value out of the reports', async () => {
    const seen: ProxiedRequest[] = [];
    const proxy = await startProxy(mock.url, { request: (request) => void seen.push(request) });
    try {
      const out = join(dir, 'header');
      const { code } = await run(['--contract', 'game-sessions', '--reporter', 'json', '--out', out, '--header', 'X-Gateway-Key=gw-secret-123', '--only', 'getSession'], {
        env: { HARNESS_BASE_URL: `${proxy.url}/game-sessions`, HARNESS_TOKEN: tokens.token, HARNESS_TOKEN_2: tokens.token2 },
      });
      expect(code).toBe(0);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((request) => request.headers['x-gateway-key'] === 'gw-secret-123')).toBe(true);
      // The environment's tokens were used: the mock saw alice's JWT.
      expect(seen.some((request) => request.headers.authorization === `jwt ${tokens.token}`)).toBe(true);
      const text = await readFile(join(out, 'conformance.json'), 'utf8');
      expect(text).not.toContain('gw-secret-123');
    } finally {
      await proxy.close();
    }
  });

  it('refuses a --header that carries a credential of the contract: the checks without credentials would send it', async () => {
    const contract = fileURLToPath(new URL('../data/openapi/notebook-3.1.yaml', import.meta.url));
    const { code, stderr } = await run(['--contract', contract, '--base-url', 'http://127.0.0.1:9', '--header', 'Cookie=session=abc']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--header cookie carries the credential of notebook-3\.1's "apiKeyCookie" scheme; give it with --token instead/);
  });

  it('reads its options from harness.config.yaml', async () => {
    const project = await mkdtemp(join(dir, 'project-'));
    await writeFile(join(project, 'harness.config.yaml'), `check:\n  contract: game-sessions\n  baseUrl: ${mock.url}/game-sessions\n  reporters: [json]\n  out: ci-reports\n  only: [countSessions]\n`);
    const { code, stdout } = await run(['--token', tokens.token], { cwd: project });
    expect(code).toBe(0);
    expect(stdout).toContain(`report written: ${join(project, 'ci-reports', 'conformance.json')}`);
  });

  it('--max-failures stops the run and the report says so', async () => {
    const proxy = await brokenCreate();
    try {
      const out = join(dir, 'max-failures');
      const { code, stdout } = await run(['--contract', 'game-sessions', '--base-url', `${proxy.url}/game-sessions`, '--token', tokens.token, '--max-failures', '1', '--reporter', 'json', '--reporter', 'console', '--out', out]);
      expect(code).toBe(1);
      const report = JSON.parse(await readFile(join(out, 'conformance.json'), 'utf8')) as JsonReport;
      const { summary, checks } = report.runs[0];
      expect(summary.stopped).toMatch(/^Stopped after \d+ failed checks \(--max-failures 1\); \d+ of \d+ steps were not run\.$/);
      expect(summary.counts.fail).toBeGreaterThanOrEqual(1);
      // Fewer checks than a whole run, which judges every operation.
      expect(new Set(checks.map((c) => c.operationId)).size).toBeLessThan(5);
      expect(stdout).toMatch(/stopped\s+Stopped after/);
    } finally {
      await proxy.close();
    }
  });

  it('prints one line per operation as it goes on a console that is not a terminal, failures in full', async () => {
    const proxy = await brokenCreate();
    try {
      const { code, stdout } = await run(['--contract', 'game-sessions', '--base-url', `${proxy.url}/game-sessions`, '--token', tokens.token, '--token-2', tokens.token2]);
      expect(code).toBe(1);
      const lines = stdout.split('\n');
      const operationLines = lines.filter((line) => /^[✓✗!-] \S+ {2}/.test(line));
      expect(operationLines.some((line) => /^✗ createSession {2}\d+ passed, \d+ failed/.test(line))).toBe(true);
      expect(operationLines.some((line) => /^✓ getSession {2}\d+ passed/.test(line))).toBe(true);
      // Failures in full; passes only counted.
      expect(stdout).toContain('createSession does not document status 200.');
      expect(stdout).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/game-sessions\/sessions/);
      expect(stdout).not.toMatch(/^ {2}✓ /m);
      expect(stdout).toContain('FAILED');
      const verbose = await run(['--contract', 'game-sessions', '--base-url', `${proxy.url}/game-sessions`, '--token', tokens.token, '--verbose', '--only', 'countSessions']);
      expect(verbose.stdout).toMatch(/^ {2}✓ /m);
    } finally {
      await proxy.close();
    }
  });

  it('--wait-for-target: exit 2 with a clear message when nothing answers', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const { code, stderr, stdout } = await run(['--contract', 'game-sessions', '--base-url', `http://127.0.0.1:${port}/game-sessions`, '--wait-for-target', '0.5']);
    expect(code).toBe(2);
    expect(stderr).toMatch(new RegExp(`Failed to reach http://127\\.0\\.0\\.1:${port}/game-sessions within \\d+ ms \\(\\d+ attempts, last: ECONNREFUSED\\)\\. Is the server started`));
    expect(stdout).toBe('');
  });

  it('--wait-for-target: runs at once against a target that answers', async () => {
    const { code } = await run(['--contract', 'game-sessions', '--base-url', `${mock.url}/game-sessions`, '--token', tokens.token, '--wait-for-target', '5', '--only', 'countSessions']);
    expect(code).toBe(0);
  });
});
