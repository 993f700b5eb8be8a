import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { startMockServer } from '../../src/mock/server.ts';
import { checkServer } from './support/check-server.ts';
import { listen, type Reply } from './support/http-kit.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

/**
 * An operation that documents only 401 and 404 as client errors: a bad query is still `invalid`, answered
 * 400 in the document's error shape, never 404 (a client would read "the collection is gone"). The runner
 * accepts 400 (a warning about the document, which omits it) or any documented 4xx.
 */
const file = fileURLToPath(new URL('../data/openapi/sparse-errors.yaml', import.meta.url));
const NOTES = [{ id: 1, text: 'one' }, { id: 2, text: 'two' }];

/** A correct implementation that refuses a bad `per_page` with `refusal` (a documented 404 or the undocumented 400). */
function startNotes(refusal: number) {
  const json = (status: number, body: unknown): Reply => ({ status, type: 'application/json', body: JSON.stringify(body) });
  const failure = (status: number, message: string) => json(status, { error: { message } });
  return listen('', async (req, url) => {
    if (req.headers['x-api-key'] !== 'key_a' && req.headers['x-api-key'] !== 'key_b') return failure(401, 'No valid key.');
    if (url.pathname === '/notes') {
      const perPage = url.searchParams.get('per_page') ?? '20';
      if (!/^\d+$/.test(perPage) || Number(perPage) < 1 || Number(perPage) > 50) return failure(refusal, '`per_page` is 1 to 50.');
      return json(200, NOTES.slice(0, Number(perPage)));
    }
    const note = NOTES.find((n) => url.pathname === `/notes/${n.id}`);
    if (note) return json(200, note);
    const code = /^\/codes\/([a-z]{3})$/.exec(url.pathname)?.[1];
    if (code === 'abc') return json(200, { code });
    return failure(url.pathname.startsWith('/codes/') ? 400 : 404, 'Nothing here.');
  }, () => failure(500, 'Crashed.') as Reply);
}

describe('sparse-errors.yaml: situations an operation documents no status for', () => {
  it('invalid input answers the conventional 400, undocumented, in the shape of a documented error; a generic 400 stands for not found', async () => {
    const contract = await loadContractFile(file);
    const list = contract.operations.find((op) => op.id === 'listNotes')!;
    expect(list.situations.invalid).toMatchObject({ status: 400, documented: false, inferred: true });
    expect(list.situations.invalid.response).toBe(list.responses.get('404'));
    expect(list.situations.notFound).toMatchObject({ status: 404, documented: true });
    expect(contract.operations.find((op) => op.id === 'getCode')!.situations.notFound).toMatchObject({ status: 400, documented: true });
  });

  it('the mock answers a bad query 400 with the document\'s error body', async () => {
    const server = await startMockServer({ contracts: [await loadContractFile(file)], port: 0, atRoot: true });
    try {
      const response = await fetch(`${server.mounts[0].url}/notes?per_page=51`, { headers: { 'x-api-key': 'key_a' } });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await response.json()).toEqual({ error: { message: 'A query parameter is invalid.', details: [{ field: 'per_page', issue: expect.any(String) }] } });
    } finally {
      await server.close();
    }
  });

  it('its own mock checks clean; the undocumented 400 is a warning about the document', async () => {
    const { summary, results } = await checkAgainstOwnMock(file);
    expect(failuresOf(results)).toEqual([]);
    expect(summary.exitCode).toBe(0);
    const warned = results.filter((r) => r.status === 'warn' && r.operationId === 'listNotes');
    expect(warned.map((r) => `${r.check}: ${r.message}`)).toEqual([expect.stringMatching(/^status_documented: .*status 400, which HTTP prescribes here/)]);
  });

  it.each([404, 400])('an implementation that refuses a bad per_page with %i gets no failure', async (refusal) => {
    const contract = await loadContractFile(file);
    const { summary, results } = await checkServer(contract, await startNotes(refusal), ['key_a', 'key_b']);
    expect(results.filter((r) => r.status === 'fail').map((r) => `${r.operationId} ${r.check} ${r.title}: ${r.message}`)).toEqual([]);
    expect(summary.exitCode).toBe(0);
    const probe = results.filter((r) => r.title.startsWith('list with per_page=51') && r.check === 'status_expected');
    expect(probe.map((r) => r.status)).toEqual(['pass']);
  });

  it('an implementation that answers a bad per_page 500 is reported (a warning: paging is read from parameter names)', async () => {
    const contract = await loadContractFile(file);
    const { results } = await checkServer(contract, await startNotes(500), ['key_a', 'key_b']);
    const probe = results.filter((r) => r.title.startsWith('list with per_page=51') && r.check === 'status_expected');
    expect(probe.map((r) => [r.status, r.expected])).toEqual([['warn', '200 (success) or 400 (invalid) or a documented 4xx']]);
  });
});
