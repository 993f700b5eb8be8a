import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { startMockServer } from '../../src/mock/server.ts';

/**
 * A record of several kinds told apart by an enum inside an object field (PagerDuty's cache variables:
 * `configuration.type` is `recent_value`, `trigger_event_count` or `external_data`). Every kind declares
 * `configuration`, so the top-level fields tied and the first kind was taken: the mock stored an external
 * data variable as the first kind, its `configuration.type` rewritten to fit it.
 */
const DOCUMENT = fileURLToPath(new URL('../data/openapi/nested-kind.yaml', import.meta.url));

describe('a record kind told apart by a nested enum', () => {
  let server: Awaited<ReturnType<typeof startMockServer>>;
  beforeAll(async () => {
    server = await startMockServer({ contracts: [await loadContractFile(DOCUMENT)], port: 0, atRoot: true });
  });
  afterAll(() => server.close());

  it('is stored as the kind written', async () => {
    const configuration = { type: 'external_data', data_type: 'boolean' };
    const created = await fetch(`${server.mounts[0].url}/variables`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'flag', configuration }) });
    expect(created.status).toBe(201);
    const { id } = await created.json() as { id: string };
    const read = await fetch(`${server.mounts[0].url}/variables/${id}`);
    expect(await read.json()).toMatchObject({ name: 'flag', configuration });
  });
});
