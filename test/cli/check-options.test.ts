import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveCheckArguments, type CheckArguments } from '../../src/cli/check-options.ts';
import { findConfigFile } from '../../src/cli/config-file.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'harness-check-options-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function resolved(args: string[], env: NodeJS.ProcessEnv = {}, cwd = dir): CheckArguments {
  const result = resolveCheckArguments(args, env, cwd);
  if (result === 'help') throw new Error('unexpected help');
  return result;
}

describe('check options', () => {
  it('flags win over the environment, which wins over the config file', async () => {
    await writeFile(join(dir, 'harness.config.yaml'), [
      'check:',
      '  contract: game-sessions',
      '  baseUrl: http://config.test/api',
      '  token: config-token',
      '  token2: config-token-2',
      '  reporters: [json, junit]',
      '  out: reports/ci',
      '  seed: 7',
      '  headers: { X-Tenant: config }',
    ].join('\n'));
    const fromConfig = resolved([]);
    expect(fromConfig).toMatchObject({
      contracts: ['game-sessions'], baseUrl: 'http://config.test/api', token: 'config-token', token2: 'config-token-2',
      reporters: ['json', 'junit'], out: join(dir, 'reports', 'ci'), seed: 7, headers: { 'x-tenant': 'config' }, configFile: join(dir, 'harness.config.yaml'),
    });
    const env = { HARNESS_BASE_URL: 'http://env.test/api', HARNESS_TOKEN: 'env-token', HARNESS_TOKEN_2: '' };
    expect(resolved([], env)).toMatchObject({ baseUrl: 'http://env.test/api', token: 'env-token', token2: 'config-token-2' });
    expect(resolved(['--base-url', 'http://flag.test', '--token', 'flag-token', '--seed', '3', '--header', 'x-tenant=flag'], env))
      .toMatchObject({ baseUrl: 'http://flag.test', token: 'flag-token', seed: 3, headers: { 'x-tenant': 'flag' } });
  });

  it('finds the config file in a folder above, and resolves its paths from there', async () => {
    const nested = join(dir, 'a', 'b');
    await mkdir(nested, { recursive: true });
    await writeFile(join(dir, 'mine.yaml'), 'openapi: 3.1.0\n');
    await writeFile(join(dir, 'harness.config.json'), JSON.stringify({ check: { contract: ['mine.yaml', 'game-sessions'], baseUrl: 'http://x.test' } }));
    expect(findConfigFile(nested)).toBe(join(dir, 'harness.config.json'));
    expect(resolved([], {}, nested).contracts).toEqual([join(dir, 'mine.yaml'), 'game-sessions']);
  });

  it('rejects an invalid config file naming the file and the key', async () => {
    const file = join(dir, 'harness.config.yaml');
    await writeFile(file, 'check:\n  baseUrl: ftp://nope\n  reporter: [json]\n  timeoutMs: soon\n');
    expect(() => resolved([])).toThrow(file);
    let message = '';
    try {
      resolved([]);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('check.reporter: unknown key');
    expect(message).toMatch(/check\.baseUrl: must match pattern/);
    expect(message).toMatch(/check\.timeoutMs: must be integer/);
  });

  it('refuses user:password in --base-url before any request, without printing the password', () => {
    let message = '';
    try {
      resolved(['--contract', 'game-sessions', '--base-url', 'http://bob:hunter2pass@x.test/api']);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('--base-url must not carry user:password ("http://[REDACTED]@x.test/api")');
    expect(() => resolved(['--contract', 'game-sessions', '--base-url', 'ftp://bob:hunter2pass@x.test'])).toThrow(/must be an http\(s\) URL, got "ftp:\/\/\[REDACTED\]@x\.test"/);
  });

  it('validates --header, --wait-for-target and --max-failures', () => {
    const base = ['--contract', 'game-sessions', '--base-url', 'http://x.test'];
    expect(resolved([...base, '--header', 'X-Api-Key=k=v', '--header', 'x-b=2']).headers).toEqual({ 'x-api-key': 'k=v', 'x-b': '2' });
    expect(() => resolved([...base, '--header', 'Authorization=Bearer x'])).toThrow(/set by the harness itself; use --token/);
    expect(() => resolved([...base, '--header', 'novalue'])).toThrow(/--header must be name=value/);
    expect(() => resolved([...base, '--header', 'bad name=1'])).toThrow(/not a valid header name/);
    expect(resolved([...base, '--wait-for-target', '1.5']).waitForTargetMs).toBe(1500);
    expect(() => resolved([...base, '--wait-for-target', '0'])).toThrow(/--wait-for-target must be a number of seconds/);
    expect(resolved([...base, '--max-failures', '3']).maxFailures).toBe(3);
    expect(() => resolved([...base, '--max-failures', '0'])).toThrow(/--max-failures must be an integer from 1/);
  });

  it('says where a base URL may come from when none is given', () => {
    expect(() => resolved(['--contract', 'game-sessions'])).toThrow(/--base-url is required \(or HARNESS_BASE_URL/);
  });
});
