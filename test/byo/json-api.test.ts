import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { startMockServer } from '../../src/mock/server.ts';
import { checkServer } from './support/check-server.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

/**
 * JSON:API documents (`application/vnd.api+json`, `{data: {type, id, attributes}}`): a PATCH sends only the
 * attributes it changes, and the others keep their values (jsonapi.org/format/#crud-updating).
 */
const DOCUMENT = fileURLToPath(new URL('../data/openapi/json-api.yaml', import.meta.url));
const TYPE = 'application/vnd.api+json';
type Article = { type: string; id: string; attributes: Record<string, unknown> };

describe('the mock, for a JSON:API document', () => {
  let server: Awaited<ReturnType<typeof startMockServer>>;
  beforeAll(async () => {
    server = await startMockServer({ contracts: [await loadContractFile(DOCUMENT)], port: 0, atRoot: true });
  });
  afterAll(() => server.close());
  const send = (method: string, path: string, body?: unknown) => fetch(`${server.mounts[0].url}${path}`, {
    method, headers: { 'content-type': TYPE, accept: TYPE }, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

  it('creates, reads, patches one attribute keeping the others, and lists the record as read', async () => {
    const created = await send('POST', '/articles', { data: { type: 'articles', attributes: { title: 'Tides', body: 'High and low', status: 'draft' } } });
    expect(created.status).toBe(201);
    const { data } = await created.json() as { data: Article };
    expect(data).toMatchObject({ type: 'articles', attributes: { title: 'Tides', body: 'High and low', status: 'draft' } });

    const patched = await send('PATCH', `/articles/${data.id}`, { data: { type: 'articles', id: data.id, attributes: { title: 'Neap tides' } } });
    expect(patched.status).toBe(200);
    const after = (await patched.json() as { data: Article }).data;
    expect(after.attributes).toEqual({ title: 'Neap tides', body: 'High and low', status: 'draft' });
    expect((await (await send('GET', `/articles/${data.id}`)).json() as { data: Article }).data).toEqual(after);
    const listed = (await (await send('GET', '/articles')).json() as { data: Article[] }).data;
    expect(listed.find((article) => article.id === data.id)).toEqual(after);
  });
});

describe('the runner, for a JSON:API document', () => {
  it('is clean against the mock', async () => {
    const { results } = await checkAgainstOwnMock(DOCUMENT);
    expect(failuresOf(results)).toEqual([]);
  });

  it('catches a server whose PATCH drops the attributes it was not sent', async () => {
    const articles = new Map<string, Article>();
    let next = 1;
    const http = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const answer = (status: number, body?: unknown) => {
          res.writeHead(status, body === undefined ? {} : { 'content-type': TYPE });
          res.end(body === undefined ? undefined : JSON.stringify(body));
        };
        let body: { data?: { attributes?: Record<string, unknown> } } = {};
        try {
          if (chunks.length) body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return answer(400, { errors: [{ status: '400' }] });
        }
        const path = (req.url ?? '').split('?')[0];
        const id = /^\/articles\/([^/]+)$/.exec(path)?.[1];
        const attributes = body.data?.attributes;
        if (path === '/articles' && req.method === 'GET') return answer(200, { data: [...articles.values()] });
        if (path === '/articles' && req.method === 'POST') {
          if (typeof attributes?.title !== 'string') return answer(422, { errors: [{ status: '422' }] });
          const article = { type: 'articles', id: String(next++), attributes: { status: 'draft', ...attributes } };
          articles.set(article.id, article);
          return answer(201, { data: article });
        }
        const article = id === undefined ? undefined : articles.get(id);
        if (!article) return answer(404, { errors: [{ status: '404' }] });
        if (req.method === 'GET') return answer(200, { data: article });
        if (req.method === 'DELETE') return answer(204, articles.delete(article.id) ? undefined : undefined);
        if (req.method !== 'PATCH' || (attributes !== undefined && typeof attributes !== 'object')) return answer(422, { errors: [{ status: '422' }] });
        // The defect: the attributes sent replace the stored ones whole.
        article.attributes = { ...attributes };
        return answer(200, { data: article });
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const run = await checkServer(await loadContractFile(DOCUMENT), { url, close: () => new Promise<void>((resolve) => http.close(() => resolve())) }, ['tok_alice', 'tok_bob']);
    const dropped = run.results.filter((r) => r.operationId === 'updateArticle' && r.check === 'read_back' && r.status === 'fail');
    expect(dropped.length).toBeGreaterThan(0);
  });
});
