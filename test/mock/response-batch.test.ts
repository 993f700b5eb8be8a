import type { ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContractText } from '../../src/contract/load-text.ts';
import type { EngineResponse } from '../../src/mock/engine/exchange.ts';
import type { NodeEngineRequest } from '../../src/mock/node-request.ts';
import { ResponseBatch } from '../../src/mock/response-batch.ts';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';

/** Just what writeNodeResponse touches of a ServerResponse, recording what was written. */
function fakeResponse(log: string[], name: string, failing = false) {
  const res = {
    headersSent: false,
    destroyed: false,
    writeHead(status: number) {
      if (failing) throw new Error(`cannot write ${name}`);
      log.push(`${name} ${status}`);
    },
    end() {},
    destroy() {
      res.destroyed = true;
      log.push(`${name} destroyed`);
    },
  };
  return res as unknown as ServerResponse;
}
const answer = (): EngineResponse => ({ status: 200, headers: {}, body: '{}' });
const request = { refusedBody: false } as NodeEngineRequest;
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('ResponseBatch', () => {
  it('writes the first answer of a turn at once and the ones after it, in order, at the end of the turn', async () => {
    const log: string[] = [];
    const batch = new ResponseBatch();
    batch.add(fakeResponse(log, 'a'), answer(), request);
    batch.add(fakeResponse(log, 'b'), answer(), request);
    batch.add(fakeResponse(log, 'c'), answer(), request);
    expect(log).toEqual(['a 200']);
    await nextTurn();
    expect(log).toEqual(['a 200', 'b 200', 'c 200']);

    batch.add(fakeResponse(log, 'd'), answer(), request);
    expect(log.at(-1)).toBe('d 200');
  });

  it('ends the connection of an answer that cannot be written and still writes the others', async () => {
    const log: string[] = [];
    const batch = new ResponseBatch();
    batch.add(fakeResponse(log, 'a', true), answer(), request);
    batch.add(fakeResponse(log, 'b', true), answer(), request);
    batch.add(fakeResponse(log, 'c'), answer(), request);
    await nextTurn();
    expect(log).toEqual(['a destroyed', 'b destroyed', 'c 200']);
  });
});

const contract = loadContractText('batched-notes.json', JSON.stringify({
  openapi: '3.1.0',
  info: { title: 'Notes', version: '1' },
  servers: [{ url: 'https://notes.test' }],
  paths: {
    '/notes': {
      post: {
        operationId: 'createNote',
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Note' } } } },
        responses: { 201: { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Note' } } } }, 400: { description: 'bad' } },
      },
    },
    '/notes/{noteId}': {
      get: {
        operationId: 'getNote',
        parameters: [{ name: 'noteId', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { 200: { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Note' } } } }, 404: { description: 'no' } },
      },
    },
  },
  components: { schemas: { Note: { type: 'object', required: ['id', 'text'], properties: { id: { type: 'string', readOnly: true }, text: { type: 'string' } } } } },
}));

describe('the node server under concurrent requests', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ contracts: [contract], port: 0, atRoot: true, seed: 3 });
  });
  afterAll(() => server.close());

  it('gives every one of many simultaneous creates its own answer', async () => {
    const texts = Array.from({ length: 200 }, (_, i) => `note ${i}`);
    const answers = await Promise.all(texts.map(async (text) => {
      const response = await fetch(`${server.url}/notes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
      return { status: response.status, body: (await response.json()) as { id: string; text: string } };
    }));
    expect(answers.map((a) => [a.status, a.body.text])).toEqual(texts.map((text) => [201, text]));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(texts.length);
    const reads = await Promise.all(answers.map(async ({ body }) => ((await (await fetch(`${server.url}/notes/${body.id}`)).json()) as { text: string }).text));
    expect(reads).toEqual(texts);
  });

  // node holds a later pipelined answer until the earlier one is written, so this shows every one is
  // answered; the order within a turn is the unit test's above.
  it('answers every request pipelined on one connection', async () => {
    const created = await (await fetch(`${server.url}/notes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"first"}' })).json() as { id: string };
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(server.url).port), '127.0.0.1');
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk.toString();
        if ((text.match(/HTTP\/1\.1 /g) ?? []).length === 3 && text.endsWith('}')) socket.end();
      });
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
      socket.write(`GET /notes/${created.id} HTTP/1.1\r\nhost: x\r\n\r\n`
        + 'GET /notes/missing HTTP/1.1\r\nhost: x\r\n\r\n'
        + `POST /notes HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 17\r\n\r\n{"text":"second"}`);
    });
    const statuses = [...raw.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]));
    expect(statuses).toEqual([200, 404, 201]);
  });
});
