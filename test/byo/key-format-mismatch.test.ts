import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { startMockServer } from '../../src/mock/server.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

/**
 * An item path whose key parameter claims a format the record's key does not have (Lago's billing
 * entities: `{code}` typed `format: uuid`, the code free text such as `acme_corp`). Clients send the code
 * they stored; the mock refused it as "not found" before looking, so a record it had just created could
 * never be read.
 */
const DOCUMENT = fileURLToPath(new URL('../data/openapi/key-format-mismatch.yaml', import.meta.url));

describe('a key whose path parameter claims a format it does not have', () => {
  let server: Awaited<ReturnType<typeof startMockServer>>;
  beforeAll(async () => {
    server = await startMockServer({ contracts: [await loadContractFile(DOCUMENT)], port: 0, atRoot: true });
  });
  afterAll(() => server.close());

  it('finds the record by the key it holds; a key that names none is still not found', async () => {
    const url = `${server.mounts[0].url}/ledgers`;
    const created = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'north_books', name: 'North' }) });
    expect(created.status).toBe(200);
    const read = await fetch(`${url}/north_books`);
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ code: 'north_books', name: 'North' });
    expect((await fetch(`${url}/no_such_code`)).status).toBe(404);
  });

  it('passes the runner against its own mock', async () => {
    const { results } = await checkAgainstOwnMock(DOCUMENT);
    expect(failuresOf(results)).toEqual([]);
  });
});
