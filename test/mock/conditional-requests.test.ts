import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { loadContractText } from '../../src/contract/load-text.ts';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';

/** Conditional requests (RFC 9110 §13) where the document gives a resource an ETag: etag-notes.yaml. */
const FILE = fileURLToPath(new URL('../data/openapi/etag-notes.yaml', import.meta.url));
let server: MockServer;
let base: string;

beforeAll(async () => {
  server = await startMockServer({ contracts: [await loadContractFile(FILE)], port: 0, atRoot: true });
  base = server.mounts[0].url;
});
afterAll(async () => server.close());

const json = { 'content-type': 'application/json' };
const send = (method: string, path: string, headers: Record<string, string> = {}, body?: unknown) =>
  fetch(`${base}${path}`, { method, headers: body === undefined ? headers : { ...json, ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });

let id: string;
let created: string;
beforeEach(async () => {
  const response = await send('POST', '/notes', {}, { title: 'First', body: 'one' });
  expect(response.status).toBe(201);
  id = (await response.json()).id;
  created = response.headers.get('etag')!;
});

describe('the ETag of a record', () => {
  it('is a strong tag, the same on every read while the record does not change, the create\'s included', async () => {
    expect(created).toMatch(/^"[0-9a-z]+-[0-9a-z]+"$/);
    const first = await send('GET', `/notes/${id}`);
    const second = await send('GET', `/notes/${id}`);
    expect(first.headers.get('etag')).toBe(created);
    expect(second.headers.get('etag')).toBe(created);
  });

  it('changes with an update, and the update answers the new one', async () => {
    const updated = await send('PATCH', `/notes/${id}`, {}, { title: 'Second' });
    expect(updated.status).toBe(200);
    const tag = updated.headers.get('etag');
    expect(tag).not.toBe(created);
    expect((await send('GET', `/notes/${id}`)).headers.get('etag')).toBe(tag);
  });

  it('is not sent for a resource whose operations document none', async () => {
    const tag = await send('POST', '/tags', {}, { label: 'x' });
    expect(tag.headers.get('etag')).toBeNull();
    expect((await send('GET', `/tags/${(await tag.json()).id}`)).headers.get('etag')).toBeNull();
  });
});

describe('If-Match on writes', () => {
  it('refuses a stale tag with 412 in the document\'s error shape, and the record is unchanged', async () => {
    await send('PATCH', `/notes/${id}`, {}, { title: 'Second' });
    const refused = await send('PATCH', `/notes/${id}`, { 'if-match': created }, { title: 'Third' });
    expect(refused.status).toBe(412);
    expect(await refused.json()).toEqual({ code: expect.any(String), message: expect.any(String) });
    expect((await (await send('GET', `/notes/${id}`)).json()).title).toBe('Second');
  });

  it('accepts the current tag, one of a list, and `*` on an existing record', async () => {
    expect((await send('PATCH', `/notes/${id}`, { 'if-match': created }, { title: 'Second' })).status).toBe(200);
    const current = (await send('GET', `/notes/${id}`)).headers.get('etag')!;
    expect((await send('PATCH', `/notes/${id}`, { 'if-match': `"other", ${current}` }, { title: 'Third' })).status).toBe(200);
    expect((await send('PATCH', `/notes/${id}`, { 'if-match': '*' }, { title: 'Fourth' })).status).toBe(200);
  });

  it('compares strongly: the weak form of the current tag does not match', async () => {
    expect((await send('PATCH', `/notes/${id}`, { 'if-match': `W/${created}` }, { title: 'Second' })).status).toBe(412);
  });

  it('guards a delete: a stale tag leaves the record in place, the current one deletes it', async () => {
    expect((await send('DELETE', `/notes/${id}`, { 'if-match': '"stale"' })).status).toBe(412);
    expect((await send('GET', `/notes/${id}`)).status).toBe(200);
    expect((await send('DELETE', `/notes/${id}`, { 'if-match': created })).status).toBe(204);
    expect((await send('GET', `/notes/${id}`)).status).toBe(404);
  });

  it('answers 404 for a record that does not exist, whatever the tag', async () => {
    expect((await send('PATCH', '/notes/nope', { 'if-match': '"stale"' }, { title: 'x' })).status).toBe(404);
    expect((await send('PATCH', '/notes/nope', { 'if-match': '*' }, { title: 'x' })).status).toBe(404);
  });

  it('a required If-Match left out is 428 where the operation documents it', async () => {
    const refused = await send('PUT', `/notes/${id}`, {}, { title: 'Replaced' });
    expect(refused.status).toBe(428);
    expect(await refused.json()).toEqual({ code: expect.any(String), message: expect.any(String) });
    expect((await send('PUT', `/notes/${id}`, { 'if-match': created }, { title: 'Replaced' })).status).toBe(200);
  });
});

describe('If-None-Match on reads', () => {
  it('answers 304 without a body while the tag is current (weak comparison), 200 once it is not', async () => {
    const unchanged = await send('GET', `/notes/${id}`, { 'if-none-match': `W/${created}` });
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers.get('etag')).toBe(created);
    expect(await unchanged.text()).toBe('');
    await send('PATCH', `/notes/${id}`, {}, { title: 'Second' });
    const changed = await send('GET', `/notes/${id}`, { 'if-none-match': created });
    expect(changed.status).toBe(200);
    expect((await changed.json()).title).toBe('Second');
  });
});

describe('an upsert (PUT at a key of the client\'s choosing)', () => {
  const text = `openapi: 3.0.3
info: {title: Keys, version: '1'}
paths:
  /keys/{name}:
    parameters:
      - {name: name, in: path, required: true, schema: {type: string}}
    get:
      operationId: getKey
      responses:
        '200': {description: ok, headers: {ETag: {schema: {type: string}}}, content: {application/json: {schema: {$ref: '#/components/schemas/Key'}}}}
        '404': {description: missing}
    put:
      operationId: putKey
      parameters:
        - {name: If-Match, in: header, schema: {type: string}}
        - {name: If-None-Match, in: header, schema: {type: string}}
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Key'}}}}
      responses:
        '200': {description: replaced, headers: {ETag: {schema: {type: string}}}, content: {application/json: {schema: {$ref: '#/components/schemas/Key'}}}}
        '201': {description: created, headers: {ETag: {schema: {type: string}}}, content: {application/json: {schema: {$ref: '#/components/schemas/Key'}}}}
        '412': {description: precondition failed}
    delete:
      operationId: deleteKey
      parameters:
        - {name: If-Match, in: header, required: true, schema: {type: string}}
      responses:
        '204': {description: deleted}
        '400': {description: bad request, content: {application/json: {schema: {type: object, required: [error], properties: {error: {type: string}}}}}}
        '412': {description: precondition failed}
components:
  schemas:
    Key: {type: object, required: [name, value], properties: {name: {type: string}, value: {type: string}}}
`;
  let keys: MockServer;
  beforeAll(async () => {
    keys = await startMockServer({ contracts: [loadContractText('keys.yaml', text)], port: 0, atRoot: true });
  });
  afterAll(async () => keys.close());
  const put = (name: string, headers: Record<string, string>) =>
    fetch(`${keys.mounts[0].url}/keys/${name}`, { method: 'PUT', headers: { ...json, ...headers }, body: JSON.stringify({ name, value: 'v' }) });

  it('If-None-Match: * creates only where no record is; If-Match names a record, so a free key refuses it', async () => {
    expect((await put('fresh', { 'if-match': '*' })).status).toBe(412);
    const created = await put('fresh', { 'if-none-match': '*' });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toMatch(/^"/);
    expect((await put('fresh', { 'if-none-match': '*' })).status).toBe(412);
    expect((await put('fresh', { 'if-match': created.headers.get('etag')! })).status).toBe(200);
  });

  it('a required If-Match left out is the invalid-input answer where 428 is not documented', async () => {
    await put('doomed', {});
    const refused = await fetch(`${keys.mounts[0].url}/keys/doomed`, { method: 'DELETE' });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: expect.any(String) });
    expect((await fetch(`${keys.mounts[0].url}/keys/doomed`, { method: 'DELETE', headers: { 'if-match': '*' } })).status).toBe(204);
  });
});
