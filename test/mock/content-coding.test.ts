import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContractText } from '../../src/contract/load-text.ts';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';

/** A coded request body (Content-Encoding) is refused by name: it was parsed as its compressed bytes, or stored as plain text. */
let server: MockServer;
beforeAll(async () => {
  const ref = { $ref: '#/components/schemas/Thing' };
  const document = {
    openapi: '3.1.0',
    info: { title: 'Things', version: '1' },
    paths: {
      '/things': {
        get: { operationId: 'listThings', responses: { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'array', items: ref } } } } } },
        post: { operationId: 'createThing', requestBody: { required: true, content: { 'application/json': { schema: ref } } }, responses: { 201: { description: 'ok', content: { 'application/json': { schema: ref } } }, 400: { description: 'bad' } } },
      },
    },
    components: { schemas: { Thing: { type: 'object', required: ['name'], properties: { id: { type: 'integer', readOnly: true }, name: { type: 'string' } } } } },
  };
  server = await startMockServer({ contracts: [loadContractText('things.json', JSON.stringify(document))], port: 0, atRoot: true, fixtureCount: 0 });
});
afterAll(() => server.close());

const post = (body: Buffer | string, coding?: string) => fetch(`${server.url}/things`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(coding === undefined ? {} : { 'content-encoding': coding }) },
  body: typeof body === 'string' ? body : new Blob([new Uint8Array(body)]),
});

describe('request bodies with a Content-Encoding', () => {
  it('gzip, or a plain body labelled gzip, is refused naming the coding, and nothing is stored', async () => {
    for (const body of [gzipSync('{"name":"zipped"}'), '{"name":"plain"}']) {
      const answer = await post(body, 'gzip');
      expect(answer.status).toBe(400);
      expect(await answer.text()).toContain('Content-Encoding gzip is not supported: send the body uncompressed.');
    }
    expect(await (await fetch(`${server.url}/things`)).json()).toEqual([]);
  });

  it('identity, or no coding, is read as before', async () => {
    expect((await post('{"name":"a"}', 'identity')).status).toBe(201);
    expect((await post('{"name":"b"}')).status).toBe(201);
  });
});
