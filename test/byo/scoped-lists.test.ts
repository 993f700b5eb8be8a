import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { startMockServer } from '../../src/mock/server.ts';
import { checkWithDefect } from './support/defect-proxy.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

// Lists that require a query parameter naming an owner: `?board=` where a card shows its board as a
// compact reference, and `?owner=&shelf=` where the create body is wrapped and `shelf` is no field.
const FILE = fileURLToPath(new URL('../data/openapi/scoped-lists.yaml', import.meta.url));
const JSON_BODY = { 'content-type': 'application/json' };

describe('lists filtered by a required query parameter', () => {
  it('the runner creates its records in one scope and lists that scope: the check is clean and pages through them', async () => {
    const { summary, results } = await checkAgainstOwnMock(FILE);
    expect(failuresOf(results)).toEqual([]);
    expect(summary.exitCode).toBe(0);
    const passed = (check: string) => results.some((r) => r.operationId === 'listCards' && r.check === check && r.status === 'pass');
    expect(passed('list_includes_created')).toBe(true);
    expect(passed('list_skip')).toBe(true);
  });

  it('the mock filters by a field the records hold (a bare id matches the reference written with it), not by a parameter that names none', async () => {
    const server = await startMockServer({ contracts: [await loadContractFile(FILE)], port: 0, atRoot: true });
    try {
      const base = server.mounts[0].url;
      const created = await fetch(`${base}/cards`, { method: 'POST', headers: JSON_BODY, body: JSON.stringify({ board: 'b1', title: 'first' }) });
      const card = (await created.json() as { data: { id: string; board: { id: string } } }).data;
      expect(card.board.id).toBe('b1');
      const ids = async (url: string) => ((await (await fetch(url)).json()) as { data: { id: string }[] }).data.map((item) => item.id);
      expect(await ids(`${base}/cards?board=b1`)).toEqual([card.id]);
      expect(await ids(`${base}/cards?board=b2`)).not.toContain(card.id);
      await fetch(`${base}/stickers`, { method: 'POST', headers: JSON_BODY, body: JSON.stringify({ data: { owner: 'o1', label: 'x' } }) });
      const before = await ids(`${base}/stickers?owner=o1&shelf=s1`);
      const sticker = await fetch(`${base}/stickers`, { method: 'POST', headers: JSON_BODY, body: JSON.stringify({ owner: 'o1', label: 'y' }) });
      expect(sticker.status).toBe(400);
      expect(await ids(`${base}/stickers?owner=o1&shelf=s2`)).toEqual(before);
    } finally {
      await server.close();
    }
  });

  it('a server whose filtered list leaves out a record of the scope fails list_includes_created', async () => {
    const results = await checkWithDefect(await loadContractFile(FILE), {
      response: (method, url, status, text) => {
        if (method !== 'GET' || !url.startsWith('/cards?') || status !== 200) return text;
        const body = JSON.parse(text) as { data: unknown[] };
        return JSON.stringify({ ...body, data: body.data.slice(0, -1) });
      },
    });
    expect(results.some((r) => r.operationId === 'listCards' && r.check === 'list_includes_created' && r.status === 'fail')).toBe(true);
  });
});
