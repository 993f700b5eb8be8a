import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { startMockServer } from '../../src/mock/server.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

// An update body whose fields may all be null, over a record whose fields may not: null is "not given".
const FILE = fileURLToPath(new URL('../data/openapi/nullable-updates.yaml', import.meta.url));
const JSON_BODY = { 'content-type': 'application/json' };

describe('updates that write null where the record holds no null', () => {
  it('the mock leaves those fields as they were, and a check against it is clean', async () => {
    const server = await startMockServer({ contracts: [await loadContractFile(FILE)], port: 0, atRoot: true });
    try {
      const base = server.mounts[0].url;
      const created = await (await fetch(`${base}/teams`, { method: 'POST', headers: JSON_BODY, body: JSON.stringify({ level: 'gold', tags: ['a'] }) })).json() as { id: string };
      const changed = await fetch(`${base}/teams/${created.id}`, { method: 'POST', headers: JSON_BODY, body: JSON.stringify({ level: null, tags: null }) });
      expect(changed.status).toBe(200);
      expect(await changed.json()).toMatchObject({ level: 'gold', tags: ['a'] });
      const set = await fetch(`${base}/teams/${created.id}`, { method: 'POST', headers: JSON_BODY, body: JSON.stringify({ level: 'silver', tags: null }) });
      expect(await set.json()).toMatchObject({ level: 'silver', tags: ['a'] });
      expect(await (await fetch(`${base}/teams/${created.id}`)).json()).toMatchObject({ level: 'silver', tags: ['a'] });
    } finally {
      await server.close();
    }
  });

  it('harness check against the mock reads back the values the nulls left in place', async () => {
    const { summary, results } = await checkAgainstOwnMock(FILE);
    expect(failuresOf(results)).toEqual([]);
    expect(summary.exitCode).toBe(0);
    expect(results.some((r) => r.operationId === 'modifyTeam' && r.check === 'read_back' && r.status === 'pass')).toBe(true);
  });
});
