import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { startMockServer } from '../../src/mock/server.ts';
import { checkServer, describeResults } from './support/check-server.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

/**
 * Records that only a PUT at a client-chosen name creates (no POST anywhere): the PUT creates or replaces,
 * the GET, the list and the DELETE see it. A PUT that documents 404 and no 201 only replaces.
 */
const DOCUMENT = fileURLToPath(new URL('../data/openapi/put-created.yaml', import.meta.url));
const json = (body: unknown) => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('the mock, for a resource only a PUT creates', () => {
  let server: Awaited<ReturnType<typeof startMockServer>>;
  beforeAll(async () => {
    server = await startMockServer({ contracts: [await loadContractFile(DOCUMENT)], port: 0, atRoot: true });
  });
  afterAll(() => server.close());

  it('creates at the path name, reads, lists, replaces and deletes it', async () => {
    const url = server.mounts[0].url;
    const put = await fetch(`${url}/labels/urgent`, { method: 'PUT', ...json({ colour: 'red', description: 'now' }) });
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ name: 'urgent', colour: 'red', description: 'now' });
    expect(await (await fetch(`${url}/labels/urgent`)).json()).toEqual({ name: 'urgent', colour: 'red', description: 'now' });
    const listed = await (await fetch(`${url}/labels`)).json() as { name: string }[];
    expect(listed.filter((label) => label.name === 'urgent')).toHaveLength(1);

    const replaced = await fetch(`${url}/labels/urgent`, { method: 'PUT', ...json({ colour: 'blue' }) });
    expect(await replaced.json()).toEqual({ name: 'urgent', colour: 'blue' });
    expect((await fetch(`${url}/labels/urgent`, { method: 'DELETE' })).status).toBe(200);
    expect((await fetch(`${url}/labels/urgent`)).status).toBe(404);
  });

  it('refuses a body naming another key than the path', async () => {
    const put = await fetch(`${server.mounts[0].url}/labels/calm`, { method: 'PUT', ...json({ name: 'other', colour: 'green' }) });
    expect(put.status).toBe(400);
  });

  it('does not create where the PUT documents 404 and no 201 (it only replaces)', async () => {
    const put = await fetch(`${server.mounts[0].url}/flags/brand-new`, { method: 'PUT', ...json({ key: 'brand-new', enabled: true }) });
    expect(put.status).toBe(404);
  });
});

describe('the runner, for a resource only a PUT creates', () => {
  it('follows PUT -> GET -> list -> DELETE -> GET 404, clean against the mock', async () => {
    const { results } = await checkAgainstOwnMock(DOCUMENT);
    expect(failuresOf(results)).toEqual([]);
    const passed = (operationId: string, title: string) => {
      const step = results.filter((r) => r.operationId === operationId && r.title.startsWith(`${title} →`));
      return step.length > 0 && step.every((r) => r.status === 'pass');
    };
    expect(passed('putLabel', 'create')).toBe(true);
    expect(passed('getLabel', 'read')).toBe(true);
    expect(passed('listLabels', 'list')).toBe(true);
    expect(passed('deleteLabel', 'delete')).toBe(true);
    expect(passed('deleteLabel', 'read after delete')).toBe(true);
    expect(results.filter((r) => r.operationId === 'putLabel' && r.title.startsWith('unknown id'))).toEqual([]);
  });

  it('catches a server whose PUT answers but stores nothing', async () => {
    const http = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const name = /^\/labels\/([a-z0-9-]+)$/.exec(req.url ?? '')?.[1];
        const answer = (status: number, body: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        };
        if (req.method === 'GET' && req.url === '/labels') return answer(200, []);
        if (req.method === 'PUT' && name) {
          try {
            return answer(200, { ...JSON.parse(Buffer.concat(chunks).toString('utf8')), name });
          } catch {
            return answer(400, { message: 'malformed' });
          }
        }
        return answer(404, { message: 'not found' });
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const contract = await loadContractFile(DOCUMENT);
    const run = await checkServer(contract, { url, close: () => new Promise<void>((resolve) => http.close(() => resolve())) }, ['tok_alice', 'tok_bob']);
    const failures = describeResults(run.results.filter((r) => r.status === 'fail'));
    expect(failures.some((f) => f.startsWith('fail getLabel status_expected read →'))).toBe(true);
    expect(failures.some((f) => f.startsWith('fail listLabels') && f.includes('list_includes_created'))).toBe(true);
  });
});
