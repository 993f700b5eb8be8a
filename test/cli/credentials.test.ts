import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheckCommand } from '../../src/cli/check.ts';
import { resolveCheckArguments } from '../../src/cli/check-options.ts';
import { loadContract } from '../../src/contract/registry.ts';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';
import { startProxy, type ProxiedRequest } from '../runner/support/proxy.ts';

const DOCUMENT = fileURLToPath(new URL('../data/openapi/two-schemes.yaml', import.meta.url));

let mock: MockServer;
let dir: string;

beforeAll(async () => {
  mock = await startMockServer({ contracts: [await loadContract(DOCUMENT)], port: 0, atRoot: true });
  dir = await mkdtemp(join(tmpdir(), 'harness-credentials-'));
});
afterAll(async () => {
  await mock.close();
  await rm(dir, { recursive: true, force: true });
});

async function check(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
  stdout.on('data', (c: Buffer) => chunks.stdout.push(c));
  stderr.on('data', (c: Buffer) => chunks.stderr.push(c));
  const code = await runCheckCommand(args, { stdout, stderr, env: {}, cwd: dir });
  return { code, stdout: Buffer.concat(chunks.stdout).toString(), stderr: Buffer.concat(chunks.stderr).toString() };
}

describe('--credential scheme=value', () => {
  it('is parsed per scheme, from flags over the config, and refuses an empty value', () => {
    const parsed = resolveCheckArguments(['--contract', 'x', '--base-url', 'http://h.test', '--credential', 'tenantKey=k=1', '--credential-2', 'userToken=t2'], {}, dir);
    expect(parsed).toMatchObject({ credentials: { tenantKey: 'k=1' }, credentials2: { userToken: 't2' } });
    expect(() => resolveCheckArguments(['--contract', 'x', '--base-url', 'http://h.test', '--credential', 'tenantKey= '], {}, dir)).toThrow(/--credential tenantKey: the credential must not be empty/);
    expect(() => resolveCheckArguments(['--contract', 'x', '--base-url', 'http://h.test', '--credential', 'tenantKey'], {}, dir)).toThrow(/--credential must be name=value/);
  });

  it('sends each scheme its own credential when an operation needs two at once, and keeps both out of the reports', async () => {
    const seen: ProxiedRequest[] = [];
    const proxy = await startProxy(mock.url, { request: (request) => void seen.push(request) });
    try {
      const out = join(dir, 'both');
      const { code, stderr } = await check([
        '--contract', DOCUMENT, '--base-url', `${proxy.url}/v1`, '--reporter', 'json', '--out', out,
        '--credential', 'tenantKey=tenant-secret-7', '--credential', 'userToken=user-secret-9',
      ]);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const authorised = seen.filter((request) => request.headers['x-tenant-key'] !== undefined);
      expect(authorised.length).toBeGreaterThan(0);
      for (const request of authorised) {
        expect(request.headers['x-tenant-key']).toBe('tenant-secret-7');
        expect(request.headers.authorization).toBe('Bearer user-secret-9');
      }
      const report = await readFile(join(out, 'conformance.json'), 'utf8');
      expect(report).not.toContain('tenant-secret-7');
      expect(report).not.toContain('user-secret-9');
      // Per-scheme credentials are credentials: no "no --token given" warning.
      expect(report).not.toContain('No --token given');
    } finally {
      await proxy.close();
    }
  });

  it('gives a scheme without its own credential the --token', async () => {
    const seen: ProxiedRequest[] = [];
    const proxy = await startProxy(mock.url, { request: (request) => void seen.push(request) });
    try {
      const { code } = await check(['--contract', DOCUMENT, '--base-url', `${proxy.url}/v1`, '--reporter', 'console', '--out', join(dir, 'partial'), '--token', 'shared-tok', '--credential', 'tenantKey=tenant-only']);
      expect(code).toBe(0);
      const authorised = seen.filter((request) => request.headers['x-tenant-key'] !== undefined);
      expect(authorised.length).toBeGreaterThan(0);
      expect(authorised.every((request) => request.headers['x-tenant-key'] === 'tenant-only' && request.headers.authorization === 'Bearer shared-tok')).toBe(true);
    } finally {
      await proxy.close();
    }
  });

  it('refuses a scheme name the contract does not declare, naming the ones it does (exit 2, nothing sent)', async () => {
    const { code, stderr } = await check(['--contract', DOCUMENT, '--base-url', 'http://127.0.0.1:9', '--credential', 'tenantkey=x']);
    expect(code).toBe(2);
    expect(stderr).toContain('--credential tenantkey: no security scheme of that name in two-schemes; known: "tenantKey", "userToken".');
  });
});
