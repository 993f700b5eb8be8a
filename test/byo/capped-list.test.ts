import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

const DOCUMENT = fileURLToPath(new URL('../data/openapi/capped-list.yaml', import.meta.url));

describe('a list whose answer documents maxItems (an account\'s one allow list)', () => {
  it('is full at that many items: a created record beyond it is not demanded, so a correct server passes', async () => {
    const { results } = await checkAgainstOwnMock(DOCUMENT);
    expect(failuresOf(results)).toEqual([]);
    expect(results.some((result) => result.check === 'list_includes_created' && result.status === 'skip' && /page is full/.test(result.message ?? ''))).toBe(true);
  });
});

describe('the mock\'s page of such a list', () => {
  it('holds no more records than the answer documents, however many are stored', async () => {
    const { loadContractFile } = await import('../../src/contract/load.ts');
    const { startMockServer } = await import('../../src/mock/server.ts');
    const server = await startMockServer({ contracts: [await loadContractFile(DOCUMENT)], port: 0, atRoot: true });
    try {
      const url = `${server.mounts[0].url}/allow_lists`;
      for (const cidr of ['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24']) {
        const answer = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ allow_list: { state: 'enabled', cidrs: [cidr] } }) });
        expect(answer.status).toBe(201);
      }
      const page = (await (await fetch(url)).json()) as { allow_lists: { id: string }[] };
      expect(page.allow_lists).toHaveLength(1);
      // A stored record, not a sample drawn in place of an answer over the cap.
      expect((await fetch(`${url}/${page.allow_lists[0].id}`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
