import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { startMockServer } from '../../src/mock/server.ts';
import { generateSeedRecords } from '../../src/seeder/generate.ts';

/**
 * A field the schema gives a `default` (the record's, or only the create body's) holds it when nothing else
 * set it: in a record the mock's create stores, and in a seeded record alike (rules/stored.ts#applyDefaults).
 */
const DOCUMENT = fileURLToPath(new URL('../data/openapi/seed-defaults.yaml', import.meta.url));
const NOW = new Date('2026-03-01T00:00:00Z');

describe('documented defaults', () => {
  it('every seeded record holds a value where the schema gives a default, the default where nothing else was drawn', async () => {
    const contract = await loadContractFile(DOCUMENT);
    const records = generateSeedRecords(contract, undefined, { seed: 7, now: NOW, count: 60, lenient: true }).get('task')!;
    expect(records.length).toBe(60);
    for (const { data } of records) {
      expect(['todo', 'doing', 'done']).toContain(data.status);
      expect(Number.isInteger(data.reminderMinutes)).toBe(true);
    }
    expect(records.some(({ data }) => data.status === 'todo' && data.reminderMinutes === 15)).toBe(true);
  });

  it('the mock stores the same defaults for a create that leaves the fields out', async () => {
    const contract = await loadContractFile(DOCUMENT);
    const server = await startMockServer({ contracts: [contract], port: 0, atRoot: true });
    try {
      const created = await fetch(`${server.mounts[0].url}/tasks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'water plants' }) });
      expect(await created.json()).toMatchObject({ title: 'water plants', status: 'todo', reminderMinutes: 15 });
    } finally {
      await server.close();
    }
  });
});
