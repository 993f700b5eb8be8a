import { fileURLToPath } from 'node:url';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';
import { createHandlers } from '../../src/mock/handlers.ts';

// PATCH bodies read by their media type (rules/patch-media.ts): merge-patch merges, JSON Patch applies operations.
const FILE_30 = fileURLToPath(new URL('../data/openapi/patch-media-3.0.yaml', import.meta.url));
const FILE_31 = fileURLToPath(new URL('../data/openapi/patch-media-3.1.yaml', import.meta.url));
const MERGE = 'application/merge-patch+json';
const JSON_PATCH = 'application/json-patch+json';

type Json = Record<string, unknown>;

async function send(url: string, method: string, type: string, body: unknown): Promise<{ status: number; body: Json }> {
  const response = await fetch(url, { method, headers: { 'content-type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, body: await response.json() as Json };
}

async function created(base: string, collection: string, body: Json): Promise<string> {
  const answer = await send(`${base}/${collection}`, 'POST', 'application/json', body);
  expect(answer.status).toBe(201);
  return `${base}/${collection}/${String(answer.body.id)}`;
}

const read = async (url: string) => (await fetch(url)).json() as Promise<Json>;

describe('PATCH media types in the mock (3.0: one type per resource)', () => {
  let server: MockServer;
  let base: string;
  beforeAll(async () => {
    server = await startMockServer({ contracts: [await loadContractFile(FILE_30)], port: 0, atRoot: true });
    base = server.mounts[0].url;
  });
  afterAll(() => server.close());

  it('merge-patch merges nested objects and removes members sent as null', async () => {
    const note = await created(base, 'notes', { title: 't', body: 'b', labels: ['x', 'y'], address: { street: 's', city: 'c', zip: '1' } });
    const answer = await send(note, 'PATCH', MERGE, { address: { city: 'd', zip: null }, body: null, labels: ['z'] });
    expect(answer.status).toBe(200);
    const expected = { title: 't', labels: ['z'], address: { street: 's', city: 'd' } };
    expect(answer.body).toMatchObject(expected);
    const stored = await read(note);
    expect(stored).toMatchObject(expected);
    expect(stored).not.toHaveProperty('body');
    expect(stored.address).not.toHaveProperty('zip');
  });

  it('merge-patch null removes a field whose schema takes no null (the patch reuses the record schema)', async () => {
    const note = await created(base, 'notes', { title: 't', labels: ['x'], address: { street: 's', city: 'c' } });
    const answer = await send(note, 'PATCH', MERGE, { labels: null, address: { street: null } });
    expect(answer.status).toBe(200);
    const stored = await read(note);
    expect(stored).not.toHaveProperty('labels');
    expect(stored.address).toEqual({ city: 'c' });
    // A value of the wrong type is still refused against the documented schema.
    expect((await send(note, 'PATCH', MERGE, { labels: 'x' })).status).toBe(422);
  });

  it('JSON Patch applies its operations, the key and unknown members aside', async () => {
    const board = await created(base, 'boards', { name: 'n', color: 'red', owner: { name: 'o', email: 'o@x.test' } });
    const id = board.split('/').pop();
    const answer = await send(board, 'PATCH', JSON_PATCH, [
      { op: 'replace', path: '/owner/name', value: 'p' }, { op: 'remove', path: '/color' },
      { op: 'copy', from: '/name', path: '/owner/email' }, { op: 'replace', path: '/id', value: 'other' },
      { op: 'add', path: '/__proto__', value: { polluted: true } },
    ]);
    expect(answer.status).toBe(200);
    const stored = await read(board);
    expect(stored).toEqual({ id, name: 'n', owner: { name: 'p', email: 'n' } });
    expect(({} as Json).polluted).toBeUndefined();
  });

  it('a JSON Patch that cannot be applied is refused whole, in the documented error shape, and changes nothing', async () => {
    const board = await created(base, 'boards', { name: 'n', color: 'red' });
    const before = await read(board);
    const refusals: [unknown, number][] = [
      [[{ op: 'replace', path: '/name', value: 'm' }, { op: 'test', path: '/color', value: 'blue' }], 422],
      [[{ op: 'replace', path: '/name', value: 'm' }, { op: 'remove', path: '/owner/name' }], 422],
      [[{ op: 'remove', path: '/name' }], 422],
      [[{ op: 'replace', path: '/name', value: 'm' }, { op: 'jump', path: '/name' }], 400],
      [{ op: 'remove', path: '/color' }, 400],
    ];
    for (const [patch, status] of refusals) {
      const answer = await send(board, 'PATCH', JSON_PATCH, patch);
      expect(answer.status, JSON.stringify(patch)).toBe(status);
      expect(typeof answer.body.error).toBe('string');
    }
    expect(await read(board)).toEqual(before);
  });

  it('a hostile JSON Patch (the record copied into itself forty times, prototype paths) is refused or kept as data', async () => {
    const board = await created(base, 'boards', { name: 'n', owner: { name: 'o' } });
    const before = await read(board);
    const doubling = Array.from({ length: 40 }, (_, i) => ({ op: 'copy', from: '', path: `/owner/c${i}` }));
    const grown = await send(board, 'PATCH', JSON_PATCH, doubling);
    expect(grown.status).toBe(422);
    expect(await read(board)).toEqual(before);
    const proto = await send(board, 'PATCH', JSON_PATCH, [{ op: 'add', path: '/owner/__proto__', value: { admin: true } }, { op: 'test', path: '/owner/constructor', value: 1 }]);
    expect(proto.status).toBe(422);
    expect(({} as Json).admin).toBeUndefined();
    expect(await read(board)).toEqual(before);
  });

  it('a merge-patch that leaves the record invalid is refused and changes nothing', async () => {
    const note = await created(base, 'notes', { title: 't', address: { street: 's' } });
    const answer = await send(note, 'PATCH', MERGE, { title: null });
    expect([400, 422]).toContain(answer.status);
    expect(typeof answer.body.error).toBe('string');
    expect(await read(note)).toMatchObject({ title: 't', address: { street: 's' } });
  });
});

describe('PATCH media types in the mock (3.1: merge-patch, JSON Patch and JSON on one operation)', () => {
  let server: MockServer;
  let base: string;
  beforeAll(async () => {
    server = await startMockServer({ contracts: [await loadContractFile(FILE_31)], port: 0, atRoot: true });
    base = server.mounts[0].url;
  });
  afterAll(() => server.close());

  it('the Content-Type picks the semantics; plain JSON still replaces a nested object', async () => {
    const widget = await created(base, 'widgets', { name: 'w', dimensions: { width: 1, height: 2, unit: 'mm' } });
    expect((await send(widget, 'PATCH', MERGE, { dimensions: { width: 3 } })).body.dimensions).toEqual({ width: 3, height: 2, unit: 'mm' });
    expect((await send(widget, 'PATCH', JSON_PATCH, [{ op: 'replace', path: '/dimensions/height', value: 4 }])).body.dimensions).toEqual({ width: 3, height: 4, unit: 'mm' });
    expect((await send(widget, 'PATCH', 'application/json', { dimensions: { width: 5 } })).body.dimensions).toEqual({ width: 5 });
    expect((await read(widget)).dimensions).toEqual({ width: 5 });
  });

  it('a failed test answers the documented 409; operations against their documented schema are still validated', async () => {
    const widget = await created(base, 'widgets', { name: 'w', tags: ['a'] });
    const failed = await send(widget, 'PATCH', JSON_PATCH, [{ op: 'add', path: '/tags/-', value: 'b' }, { op: 'test', path: '/name', value: 'v' }]);
    expect(failed.status).toBe(409);
    expect(typeof failed.body.title).toBe('string');
    const unknownOp = await send(widget, 'PATCH', JSON_PATCH, [{ op: 'jump', path: '/name' }]);
    expect(unknownOp.status).toBe(422);
    expect(await read(widget)).toMatchObject({ name: 'w', tags: ['a'] });
  });

  it('a merge-patch null on a nullable field removes it rather than storing null', async () => {
    const widget = await created(base, 'widgets', { name: 'w', note: 'n' });
    expect((await send(widget, 'PATCH', MERGE, { note: null })).status).toBe(200);
    expect(await read(widget)).not.toHaveProperty('note');
  });
});

describe('PATCH media types through the msw handlers', () => {
  it('read as the HTTP server reads them: a merge, a JSON Patch and a refused one', async () => {
    const contract = await loadContractFile(FILE_31);
    const msw = setupServer(...createHandlers(contract, { seed: 1 }).handlers);
    msw.listen({ onUnhandledRequest: 'bypass' });
    try {
      const widget = await created(contract.serverUrl, 'widgets', { name: 'w', tags: ['a'], dimensions: { width: 1, height: 2 } });
      expect((await send(widget, 'PATCH', MERGE, { dimensions: { width: 3 } })).body.dimensions).toEqual({ width: 3, height: 2 });
      expect((await send(widget, 'PATCH', JSON_PATCH, [{ op: 'remove', path: '/tags/0' }])).body.tags).toEqual([]);
      expect((await send(widget, 'PATCH', JSON_PATCH, [{ op: 'test', path: '/name', value: 'v' }])).status).toBe(409);
    } finally {
      msw.close();
    }
  });
});
