import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { startMockServer } from '../../src/mock/server.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

/** A read and a create documented by example only: the list's items are the one schema of the record. */
const DOCUMENT = fileURLToPath(new URL('../data/openapi/list-shows-record.yaml', import.meta.url));

describe('list-shows-record.yaml: the record schema only a list documents', () => {
  it('is the record: keyed by id, its required fields stored at create and shown the same on every read', async () => {
    const contract = await loadContractFile(DOCUMENT);
    expect(contract.operations.find((op) => op.id === 'getChannel')?.behaviour.resource.key).toBe('id');
    const server = await startMockServer({ contracts: [contract], port: 0, atRoot: true });
    try {
      const url = `${server.mounts[0].url}/channels`;
      const created = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Kiosk' }) });
      expect(created.status).toBe(201);
      const shown = async () => ((await (await fetch(`${url}?limit=100`)).json()) as { data: { name: string }[] }).data.find((c) => c.name === 'Kiosk');
      const first = await shown();
      expect(first).toMatchObject({ id: expect.any(String), access: expect.any(String), location_ids: expect.any(Array) });
      expect(await shown()).toEqual(first);
    } finally {
      await server.close();
    }
  });

  it('harness check against the mock is clean', async () => {
    const { results } = await checkAgainstOwnMock(DOCUMENT);
    expect(failuresOf(results)).toEqual([]);
  });
});
