import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { startMockServer } from '../../src/mock/server.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

/**
 * A record whose key the path types as an integer and the answer as a string (Sentry's external users: the
 * request body's `id: integer`, the answer's `id: string`): the mock shows the key as its text, so what the
 * create answers names the record for the replace and the delete; it drew a random string instead, and
 * both answered 400 "No record matches".
 */
const DOCUMENT = fileURLToPath(new URL('../data/openapi/key-as-text.yaml', import.meta.url));

describe('a key the answer declares as text', () => {
  let server: Awaited<ReturnType<typeof startMockServer>>;
  beforeAll(async () => {
    server = await startMockServer({ contracts: [await loadContractFile(DOCUMENT)], port: 0, atRoot: true });
  });
  afterAll(() => server.close());

  it('is answered as the stored key, which the item path then finds', async () => {
    const url = `${server.mounts[0].url}/teams/core/linked-accounts`;
    const created = await fetch(`${url}/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ account_name: 'octo', provider: 'github' }) });
    expect(created.status).toBe(201);
    const link = await created.json() as { id: string };
    expect(link.id).toMatch(/^\d+$/);
    const replaced = await fetch(`${url}/${link.id}/`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ account_name: 'cat', provider: 'gitlab' }) });
    expect(replaced.status).toBe(200);
    expect(await replaced.json()).toMatchObject({ id: link.id });
    expect((await fetch(`${url}/${link.id}/`, { method: 'DELETE' })).status).toBe(204);
  });

  it('passes the runner against its own mock', async () => {
    const { results } = await checkAgainstOwnMock(DOCUMENT);
    expect(failuresOf(results)).toEqual([]);
    // The integer key shown as its text is well-formed: no warning either.
    expect(results.filter((r) => r.check === 'generated_fields' && r.status !== 'pass').map((r) => r.message)).toEqual([]);
  });
});
