import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContractText } from '../../src/contract/load-text.ts';
import { createHandlers } from '../../src/mock/handlers.ts';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';

const pet = { $ref: '#/components/schemas/Pet' };
const idParam = [{ name: 'petId', in: 'path', required: true, schema: { type: 'string' } }];
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const contract = loadContractText('hostile-pets.json', JSON.stringify({
  openapi: '3.1.0',
  info: { title: 'Pets', version: '1' },
  servers: [{ url: 'https://pets.test/api' }],
  paths: {
    '/pets': {
      get: { operationId: 'listPets', responses: { 200: { description: 'ok', ...json({ type: 'array', items: pet }) } } },
      post: {
        operationId: 'createPet',
        requestBody: { required: true, content: { 'application/json': { schema: pet }, 'application/x-www-form-urlencoded': { schema: pet } } },
        responses: { 201: { description: 'ok', ...json(pet) }, 400: { description: 'bad' } },
      },
    },
    '/pets/{petId}': {
      get: { operationId: 'getPet', parameters: idParam, responses: { 200: { description: 'ok', ...json(pet) }, 404: { description: 'no' } } },
      patch: { operationId: 'updatePet', parameters: idParam, requestBody: json({ type: 'object', properties: { name: { type: 'string' }, tags: { type: 'object' } } }), responses: { 200: { description: 'ok', ...json(pet) }, 400: { description: 'bad' }, 404: { description: 'no' } } },
    },
  },
  components: { schemas: { Pet: { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string' }, name: { type: 'string' }, tags: { type: 'object' } } } } },
}));

let server: MockServer;
let base: string;
beforeAll(async () => {
  server = await startMockServer({ contracts: [contract], port: 0, atRoot: true, seed: 5 });
  base = server.mounts[0].url;
});
afterAll(() => server.close());

const send = (method: string, path: string, body?: string, type = 'application/json') => fetch(`${base}${path}`, { method, body, headers: { 'content-type': type } });

describe('HEAD on a GET route', () => {
  it('answers the GET status and length without a body, over node:http and msw', async () => {
    const get = await fetch(`${base}/pets`);
    const getLength = Buffer.byteLength(await get.text());
    const head = await fetch(`${base}/pets`, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-length'), await head.text()]).toEqual([200, String(getLength), '']);
    expect((await fetch(`${base}/pets/nobody`, { method: 'HEAD' })).status).toBe(404);

    const msw = setupServer(...createHandlers(contract, { seed: 5 }).handlers);
    msw.listen({ onUnhandledRequest: 'error' });
    try {
      const viaMsw = await fetch('https://pets.test/api/pets', { method: 'HEAD' });
      expect([viaMsw.status, await viaMsw.text()]).toEqual([200, '']);
    } finally {
      msw.close();
    }
  });
});

describe('prototype keys in requests', () => {
  it('never reach Object.prototype and never corrupt the store', async () => {
    const seeded = await (await fetch(`${base}/pets`)).json() as { id: string }[];
    const target = seeded[0].id;
    const attacks: [string, string, string?, string?][] = [
      ['POST', '/pets', '{"id":"p1","name":"a","__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}}}'],
      ['PATCH', `/pets/${target}`, '{"__proto__":{"polluted":3},"name":"renamed","tags":{"__proto__":{"polluted":4}}}'],
      ['POST', '/pets', 'id=p2&name=a&__proto__[polluted]=5&constructor[prototype][polluted]=6', 'application/x-www-form-urlencoded'],
      ['GET', '/pets?__proto__[polluted]=7&constructor.prototype.polluted=8&__proto__=x'],
      ['POST', '/pets', '{"id":"__proto__","name":"proto"}'],
      ['POST', '/pets', '{"id":"constructor","name":"ctor"}'],
    ];
    for (const [method, path, body, type] of attacks) expect((await send(method, path, body, type)).status, `${method} ${path}`).toBeLessThan(500);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);

    const after = await (await fetch(`${base}/pets`)).json() as { id: string; name: string }[];
    expect(after.map((p) => p.id)).toEqual(expect.arrayContaining([...seeded.map((p) => p.id), 'p1', '__proto__', 'constructor']));
    expect(await (await fetch(`${base}/pets/__proto__`)).json()).toEqual({ id: '__proto__', name: 'proto' });
    expect(await (await fetch(`${base}/pets/hasOwnProperty`)).json()).toMatchObject({ status: 404 });
    expect((await (await fetch(`${base}/pets/${target}`)).json() as { name: string }).name).toBe('renamed');
  });
});
