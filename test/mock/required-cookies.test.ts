import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { startMockServer } from '../../src/mock/server.ts';
import { checkAgainstOwnMock, failuresOf } from '../byo/support/self-check.ts';

// `tenant` is the caller's cookie to send; `session` is the credential; `ping` requires `trace` but
// documents no answer to invalid input.
const FILE = fileURLToPath(new URL('../data/openapi/required-cookies.yaml', import.meta.url));

describe('required cookie parameters', () => {
  it('the mock refuses a missing caller cookie with the documented 400, and nothing else it does not demand', async () => {
    const server = await startMockServer({ contracts: [await loadContractFile(FILE)], port: 0, atRoot: true });
    try {
      const base = server.mounts[0].url;
      const get = (cookie?: string) => fetch(`${base}/reports`, { headers: cookie === undefined ? {} : { cookie } });
      const missing = await get('session=s1');
      expect(missing.status).toBe(400);
      expect(await missing.text()).toContain('tenant');
      expect((await get('session=s1; theme=dark')).status).toBe(400);
      expect((await get('session=s1; tenant=acme')).status).toBe(200);
      expect((await get('tenant=acme; session=s1; theme=dark')).status).toBe(200);
      expect((await get('session=s1; tenant=ac')).status).toBe(400);
      // The credential cookie is the security scheme's to demand: its absence is a 401, not a missing parameter.
      expect((await get('tenant=acme')).status).toBe(401);
      expect((await fetch(`${base}/pings`, { headers: { cookie: 'session=s1' } })).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('required cookie parameters, checked by the runner', () => {
  it('the runner sends the caller cookie, not a generated credential cookie, and the check against the mock is clean', async () => {
    const { summary, results } = await checkAgainstOwnMock(FILE);
    expect(failuresOf(results)).toEqual([]);
    expect(summary.exitCode).toBe(0);
    expect(results.some((r) => r.operationId === 'listReports' && r.title.startsWith('no credentials') && r.status === 'pass')).toBe(true);
  });
});
