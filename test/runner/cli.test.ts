import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheckCommand } from '../../src/cli/check.ts';
import { loadContract } from '../../src/contract/registry.ts';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';

let mock: MockServer;
let dir: string;

beforeAll(async () => {
  mock = await startMockServer({ contracts: [await loadContract('make-sdk-connections'), await loadContract('endgrate-sessions')], port: 0 });
  dir = await mkdtemp(join(tmpdir(), 'harness-check-cli-'));
});
afterAll(async () => {
  await mock.close();
  await rm(dir, { recursive: true, force: true });
});

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
  stdout.on('data', (c: Buffer) => chunks.stdout.push(c));
  stderr.on('data', (c: Buffer) => chunks.stderr.push(c));
  const code = await runCheckCommand(args, { stdout, stderr });
  return { code, stdout: Buffer.concat(chunks.stdout).toString('utf8'), stderr: Buffer.concat(chunks.stderr).toString('utf8') };
}

describe('harness check', () => {
  it('--help lists every flag and an example against the mock', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    for (const flag of ['--contract', '--base-url', '--token', '--token-2', '--path-param', '--allow-destructive', '--reporter', '--out', '--timeout', '--seed', '--only', '--dry-run', '--help']) {
      expect(stdout).toContain(flag);
    }
    expect(stdout).toMatch(/harness mock/);
    expect(stdout).toMatch(/harness check --contract .* \\\n\s+--base-url http:\/\/127\.0\.0\.1:4010\//);
  });

  it.each([
    [[], /--contract is required/],
    [['--contract', 'game-sessions'], /--base-url is required/],
    [['--contract', 'game-sessions', '--base-url', 'ftp://x'], /--base-url must be an http\(s\) URL/],
    [['--contract', 'game-sessions', '--base-url', 'http://x', '--reporter', 'pdf'], /unknown reporter "pdf"; known: console, json, junit, github, html/],
    [['--contract', 'game-sessions', '--base-url', 'http://x', '--timeout', 'soon'], /--timeout must be an integer/],
    [['--contract', 'game-sessions', '--base-url', 'http://x', '--seed', '1.5'], /--seed must be an integer/],
    [['--contract', 'game-sessions', '--base-url', 'http://x', '--path-param', 'project'], /--path-param must be name=value/],
    [['--contract', 'game-sessions', '--base-url', 'http://x', '--colour'], /Unknown option '--colour'/],
  ])('usage error %j: exit 2', async (args, message) => {
    const { code, stderr } = await run(args as string[]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain('harness check --help');
  });

  it('a bad contract: exit 2 with the contract error, no stack', async () => {
    const file = join(dir, 'broken.yaml');
    await writeFile(file, 'openapi: 3.1.0\ninfo: {title: Broken, version: "1"}\npaths: {}\nx-harness: {errors: nope}\n');
    const { code, stderr } = await run(['--contract', file, '--base-url', 'http://127.0.0.1:9']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/Failed to load contract .*broken\.yaml/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('an unknown contract id: exit 2', async () => {
    const { code, stderr } = await run(['--contract', 'no-such-api', '--base-url', 'http://127.0.0.1:9']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/no-such-api/);
  });

  it('an unreachable target: exit 2, said in the console report', async () => {
    const { code, stdout } = await run(['--contract', 'endgrate-sessions', '--base-url', 'http://127.0.0.1:9/api', '--timeout', '1000']);
    expect(code).toBe(2);
    expect(stdout).toMatch(/could not be reached/);
  });

  it('several contracts with {contract} in the base URL, json and junit reports', async () => {
    const out = join(dir, 'reports');
    const { code, stdout } = await run([
      '--contract', 'make-sdk-connections', '--contract', 'endgrate-sessions', '--base-url', `${mock.url}/{contract}`,
      '--token', 'tok_alice_123456', '--token-2', 'tok_bob_654321', '--path-param', 'SDK_appName=my-app',
      '--reporter', 'console', '--reporter', 'json', '--reporter', 'junit', '--out', out, '--seed', '5', '--timeout', '5000',
    ]);
    expect(code, stdout).toBe(0);
    const report = JSON.parse(await readFile(join(out, 'conformance.json'), 'utf8'));
    expect(report.runs.map((r: { summary: { contractId: string } }) => r.summary.contractId)).toEqual(['make-sdk-connections', 'endgrate-sessions']);
    expect(report.runs.every((r: { summary: { exitCode: number } }) => r.summary.exitCode === 0)).toBe(true);
    const junit = await readFile(join(out, 'junit.xml'), 'utf8');
    expect(junit).toContain('<testsuites');
    expect(stdout).toContain(`report written: ${join(out, 'junit.xml')}`);
  });

  it('--only restricts the report to one operation', async () => {
    const out = join(dir, 'only');
    const { code } = await run(['--contract', 'endgrate-sessions', '--base-url', `${mock.url}/endgrate-sessions`, '--only', 'deleteSession', '--reporter', 'json', '--out', out]);
    expect(code).toBe(0);
    const report = JSON.parse(await readFile(join(out, 'conformance.json'), 'utf8'));
    const operations = new Set(report.runs[0].checks.map((c: { operationId: string }) => c.operationId));
    expect(operations).toEqual(new Set(['(run)', 'deleteSession']));
  });
});
