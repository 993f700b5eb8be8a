import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { startMockServer } from '../../src/mock/server.ts';
import { checkWithDefect } from './support/defect-proxy.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

// `X-Tenant` is the caller's to send; `X-Api-Key` is the credential, `Accept-Language` the client's own;
// `ping` requires `X-Trace` but documents no answer to invalid input.
const FILE = fileURLToPath(new URL('../data/openapi/required-headers.yaml', import.meta.url));
const KEY = { 'x-api-key': 'k1' };

describe('required header parameters', () => {
  it('the mock refuses a missing caller header with the documented 400, and nothing else it does not demand', async () => {
    const server = await startMockServer({ contracts: [await loadContractFile(FILE)], port: 0, atRoot: true });
    try {
      const base = server.mounts[0].url;
      const missing = await fetch(`${base}/reports`, { headers: KEY });
      expect(missing.status).toBe(400);
      expect(await missing.text()).toContain('X-Tenant');
      expect((await fetch(`${base}/reports`, { headers: { ...KEY, 'x-tenant': 'acme' } })).status).toBe(200);
      expect((await fetch(`${base}/reports`, { headers: { ...KEY, 'x-tenant': 'ac' } })).status).toBe(400);
      expect((await fetch(`${base}/reports`, { headers: { 'x-tenant': 'acme' } })).status).toBe(401);
      expect((await fetch(`${base}/pings`, { headers: KEY })).status).toBe(200);
      const preflight = await fetch(`${base}/reports`, { method: 'OPTIONS', headers: { origin: 'http://app.test', 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-tenant' } });
      expect(preflight.status).toBeLessThan(300);
    } finally {
      await server.close();
    }
  });

  it('the runner sends the caller header, probes its absence where a 400 is documented, and the check is clean', async () => {
    const { summary, results } = await checkAgainstOwnMock(FILE);
    expect(failuresOf(results)).toEqual([]);
    expect(summary.exitCode).toBe(0);
    const probes = [...new Set(results.filter((r) => r.title.startsWith('header ')).map((r) => `${r.operationId} ${r.title.split(' → ')[0]}`))];
    expect(probes).toEqual(['listReports header `X-Tenant` missing']);
    expect(results.some((r) => r.title.startsWith('header `X-Tenant` missing') && r.check === 'status_expected' && r.status === 'pass')).toBe(true);
  });

  it('a server that serves the request without the header is caught by the probe', async () => {
    const results = await checkWithDefect(await loadContractFile(FILE), {
      request: (_url, headers) => { if (!headers.has('x-tenant')) headers.set('x-tenant', 'filled'); },
    }, 'k1');
    const probe = results.find((r) => r.title.startsWith('header `X-Tenant` missing') && r.check === 'status_expected');
    // Without x-harness the operation's behaviour is inferred: the finding is a warning, as for a missing query parameter.
    expect(probe?.status).toBe('warn');
    expect(probe?.message).toContain('got 200');
  });
});
