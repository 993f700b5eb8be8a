import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { startMockServer } from '../../src/mock/server.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

// A record of several shapes (a oneOf of credential types, each with the server's id).
const FILE = fileURLToPath(new URL('../data/openapi/polymorphic.yaml', import.meta.url));

describe('a record of several shapes', () => {
  it('the mock gives a created record the key its shapes carry, and answers one valid shape', async () => {
    const contract = await loadContractFile(FILE);
    const server = await startMockServer({ contracts: [contract], port: 0, atRoot: true });
    try {
      const base = server.mounts[0].url;
      const headers = { 'content-type': 'application/json', authorization: 'Bearer t' };
      const created = await fetch(`${base}/credentials`, { method: 'POST', headers, body: JSON.stringify({ name: 'prod', key_id: 'AKIA1' }) });
      expect(created.status).toBe(201);
      const body = await created.json() as { id: string };
      expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(contract.operations.find((op) => op.id === 'createCredentials')!.responses.get('201')!.validate!(body)).toBe(true);
      expect((await fetch(`${base}/credentials/${body.id}`, { headers })).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('harness check against the mock is clean', async () => {
    const { summary, results } = await checkAgainstOwnMock(FILE);
    expect(failuresOf(results)).toEqual([]);
    expect(summary.exitCode).toBe(0);
  });
});
