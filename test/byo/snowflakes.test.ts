import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { startMockServer } from '../../src/mock/server.ts';
import { deriveMutations } from '../../src/runner/mutations.ts';
import { createSeededFaker } from '../../src/schema/faker.ts';
import { validatesAsSent, withFreshKey } from '../../src/runner/values.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

// Decimal-string ids whose pattern makes "0" a frequent sample, and a multipart-only update of optional fields.
const FILE = fileURLToPath(new URL('../data/openapi/snowflakes.yaml', import.meta.url));
const SNOWFLAKE = /^(0|[1-9][0-9]*)$/;

describe('ids drawn from a pattern, and form-only bodies', () => {
  it('the mock gives every created record an id that is new and still fits the pattern', async () => {
    const server = await startMockServer({ contracts: [await loadContractFile(FILE)], port: 0, atRoot: true, fixtureCount: 3 });
    try {
      const base = server.mounts[0].url;
      const headers = { 'content-type': 'application/json', authorization: 'key' };
      const ids: string[] = [];
      for (let n = 0; n < 12; n++) {
        const created = await fetch(`${base}/emojis`, { method: 'POST', headers, body: JSON.stringify({ name: `e${n}x` }) });
        const { id } = await created.json() as { id: string };
        ids.push(id);
        expect((await fetch(`${base}/emojis/${id}`, { headers })).status).toBe(200);
      }
      expect(ids.filter((id) => !SNOWFLAKE.test(id))).toEqual([]);
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      await server.close();
    }
  });

  it('the runner gives a client-chosen decimal key a fresh value that still fits the pattern', async () => {
    const contract = await loadContractFile(FILE);
    const create = contract.operations.find((op) => op.id === 'createStage')!;
    const fresh = withFreshKey(create, { channel_id: '0', topic: 'news' }, 'main') as { channel_id: string };
    expect(fresh.channel_id).not.toBe('0');
    expect(fresh.channel_id).toMatch(SNOWFLAKE);
  });

  it('no "wrong type" of a whole form body is planned: a form has fields, and the server reads an empty one', async () => {
    const contract = await loadContractFile(FILE);
    const update = contract.operations.find((op) => op.id === 'updateMedia')!;
    const mutations = deriveMutations(contract.schemas, update.body!.schema, { description: 'a cat' }, validatesAsSent(update), createSeededFaker(1));
    expect(mutations.filter((m) => m.path.length === 0)).toEqual([]);
  });

  it('harness check against the mock is clean', async () => {
    const { summary, results } = await checkAgainstOwnMock(FILE);
    expect(failuresOf(results)).toEqual([]);
    expect(summary.exitCode).toBe(0);
  });
});

describe('an unknown id shaped like a key whose shortest value is common', () => {
  it('is not the value records are most often given', async () => {
    const { unknownId } = await import('../../src/runner/values.ts');
    const contract = await loadContractFile(FILE);
    const ids = Array.from({ length: 6 }, (_, seed) => unknownId(contract.schemas, contract.resources.get('emoji')!, undefined, createSeededFaker(seed)));
    expect(ids.filter((id) => !SNOWFLAKE.test(id))).toEqual([]);
    expect(ids.filter((id) => id.length < 3)).toEqual([]);
  });

  it('is out of reach of the ids a counter gives the records of a run (12 digits, not `83`)', async () => {
    const { unknownId } = await import('../../src/runner/values.ts');
    const contract = await loadContractFile(FILE);
    const ids = Array.from({ length: 20 }, (_, seed) => unknownId(contract.schemas, contract.resources.get('emoji')!, undefined, createSeededFaker(seed)));
    expect(ids.filter((id) => !SNOWFLAKE.test(id) || id.length < 12)).toEqual([]);
  });
});
