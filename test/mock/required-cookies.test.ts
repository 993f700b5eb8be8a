import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { startMockServer } from '../../src/mock/server.ts';
import { checkWithDefect } from '../byo/support/defect-proxy.ts';
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

  it('probes a missing caller cookie where a 400 is documented, and nowhere else', async () => {
    const { results } = await checkAgainstOwnMock(FILE);
    const probes = [...new Set(results.filter((r) => r.title.startsWith('cookie ')).map((r) => `${r.operationId} ${r.title.split(' → ')[0]}`))];
    expect(probes).toEqual(['listReports cookie `tenant` missing']);
    expect(results.some((r) => r.title.startsWith('cookie `tenant` missing') && r.check === 'status_expected' && r.status === 'pass')).toBe(true);
  });

  it('a server that serves the request without the cookie is caught by the probe', async () => {
    const results = await checkWithDefect(await loadContractFile(FILE), {
      request: (_url, headers) => { if (!/(^|;\s*)tenant=/.test(headers.get('cookie') ?? '')) headers.set('cookie', `${headers.get('cookie') ?? ''}; tenant=filled`); },
    });
    const probe = results.find((r) => r.title.startsWith('cookie `tenant` missing') && r.check === 'status_expected');
    // Inferred behaviour (no x-harness): a warning, as for a missing header or query parameter.
    expect(probe?.status).toBe('warn');
    expect(probe?.message).toContain('got 200');
  });
});
