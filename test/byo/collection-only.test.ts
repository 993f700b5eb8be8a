import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { startMockServer } from '../../src/mock/server.ts';
import { checkServer } from './support/check-server.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

/**
 * A collection with a create and a list but no item path (`POST /notes`, `GET /notes`): what the create
 * stores, the list shows. An operation's own `x-harness` naming the resource refines it (no warning).
 */
const DOCUMENT = fileURLToPath(new URL('../data/openapi/collection-only.yaml', import.meta.url));
const post = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('the mock, for a collection with no item path', () => {
  let server: Awaited<ReturnType<typeof startMockServer>>;
  beforeAll(async () => {
    server = await startMockServer({ contracts: [await loadContractFile(DOCUMENT)], port: 0, atRoot: true });
  });
  afterAll(() => server.close());

  it('lists what a create stored', async () => {
    const url = server.mounts[0].url;
    const created = await post(`${url}/notes`, { text: 'buy milk', colour: 'pink' });
    expect(created.status).toBe(201);
    const note = await created.json() as { id: string; text: string };
    expect(note).toMatchObject({ text: 'buy milk', colour: 'pink' });
    const { items } = await (await fetch(`${url}/notes?limit=100`)).json() as { items: { id: string }[] };
    expect(items).toContainEqual(note);
  });

  it('keeps records apart by the scope their path names', async () => {
    const url = server.mounts[0].url;
    const pin = await (await post(`${url}/boards/kitchen/pins`, { label: 'recipes' })).json() as { pinId: number };
    const kitchen = await (await fetch(`${url}/boards/kitchen/pins`)).json() as { pinId: number }[];
    const garage = await (await fetch(`${url}/boards/garage/pins`)).json() as { pinId: number }[];
    expect(kitchen).toContainEqual(pin);
    expect(garage.map((p) => p.pinId)).not.toContain(pin.pinId);
  });

  it('takes the resource an operation names in its own x-harness, without a warning', async () => {
    const contract = await loadContractFile(DOCUMENT);
    expect(contract.warnings.filter((w) => /Unknown resource/.test(w.message))).toEqual([]);
    expect(contract.operations.find((op) => op.id === 'pin')?.behaviour.resource.name).toBe('pin');
  });
});

describe('the runner, for a collection with no item path', () => {
  it('checks that the list shows what the create made, clean against the mock', async () => {
    const { results } = await checkAgainstOwnMock(DOCUMENT);
    expect(failuresOf(results)).toEqual([]);
    const listed = (operationId: string) => results.some((r) => r.operationId === operationId && r.check === 'list_includes_created' && r.status === 'pass');
    expect(listed('listNotes')).toBe(true);
    expect(listed('listPins')).toBe(true);
  });

  it('catches a server whose list never shows what was created', async () => {
    let next = 1;
    const http = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const answer = (status: number, body: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        };
        let body: Record<string, unknown>;
        try {
          body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
        } catch {
          return answer(400, { message: 'malformed' });
        }
        const path = (req.url ?? '').split('?')[0];
        if (path === '/notes' && req.method === 'GET') return answer(200, { items: [] });
        if (path === '/notes' && req.method === 'POST') {
          return answer(201, { ...body, id: `00000000-0000-4000-8000-${String(next++).padStart(12, '0')}`, createdAt: new Date().toISOString() });
        }
        return answer(404, { message: 'not here' });
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const run = await checkServer(await loadContractFile(DOCUMENT), { url, close: () => new Promise<void>((resolve) => http.close(() => resolve())) }, ['tok_alice', 'tok_bob']);
    expect(run.results.some((r) => r.operationId === 'listNotes' && r.check === 'list_includes_created' && r.status === 'fail')).toBe(true);
  });
});
