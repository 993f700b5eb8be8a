import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { checkAgainstOwnMock } from './support/self-check.ts';
import { checkServer } from './support/check-server.ts';
import { listen } from './support/http-kit.ts';

/** An operation whose only documented outcome is a redirect (an OAuth authorize or logout endpoint). */
const file = fileURLToPath(new URL('../data/openapi/redirects.yaml', import.meta.url));

describe('redirects.yaml: an operation that documents only a 3xx as its outcome', () => {
  it('the documented redirect is the success: the own mock passes without a warning about it', async () => {
    const { results } = await checkAgainstOwnMock(file);
    const login = results.filter((r) => r.operationId === 'startLogin' && r.status !== 'pass');
    expect(login.map((r) => `${r.check}: ${r.message}`)).toEqual([]);
  });

  it('a server answering another redirect than the documented one is still reported', async () => {
    const server = await listen('', async (_req, url) => url.pathname === '/login'
      ? { status: 307, type: 'text/plain', body: '', headers: { location: '/elsewhere' } }
      : { status: 200, type: 'application/json', body: '{"ok":true}' }, () => ({ status: 500 }));
    const { results } = await checkServer(await loadContractFile(file), server, ['tok_a', 'tok_b']);
    const login = results.filter((r) => r.operationId === 'startLogin' && r.check === 'status_expected' && r.status !== 'pass');
    expect(login.map((r) => r.message)).toEqual([expect.stringMatching(/expected 302 \(success\).*, got 307/)]);
  });
});
