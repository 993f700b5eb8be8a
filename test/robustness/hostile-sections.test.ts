import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContractText } from '../../src/contract/load.ts';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';

/**
 * Sections whose names come from the path (`/things/{id}/{section}`, any string): names that objects
 * inherit (`constructor`, `toString`, `__proto__`) are names like any other, never the store's own
 * machinery (a 500, or one write changing what every other unwritten section reads).
 */
const DOCUMENT = `
openapi: 3.0.3
info: {title: sections, version: '1'}
paths:
  /things:
    post:
      operationId: createThing
      x-harness: {kind: create, resource: thing}
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
      responses:
        '201': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
        '413': {description: too large}
  /things/{id}:
    get:
      operationId: getThing
      x-harness: {kind: read, resource: thing, id: '\${path.id}'}
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
        '404': {description: no}
  /things/{id}/{section}:
    parameters:
      - {name: id, in: path, required: true, schema: {type: string}}
      - {name: section, in: path, required: true, schema: {type: string}}
    get:
      operationId: getSection
      x-harness: {kind: readSection, resource: thing, id: '\${path.id}', section: '\${path.section}', default: {unset: true}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object, additionalProperties: true}}}}
        '404': {description: no}
    put:
      operationId: putSection
      x-harness: {kind: writeSection, resource: thing, id: '\${path.id}', section: '\${path.section}'}
      requestBody: {required: true, content: {application/json: {schema: {type: object}}}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object, additionalProperties: true}}}}
        '404': {description: no}
        '413': {description: too large}
components:
  schemas:
    Thing:
      type: object
      properties:
        id: {type: string, readOnly: true}
        name: {type: string}
`;

const JSON_BODY = { 'content-type': 'application/json' };
let server: MockServer;
let base: string;

beforeAll(async () => {
  server = await startMockServer({ contracts: [loadContractText('sections.yaml', DOCUMENT)], port: 0, atRoot: true, maxStoreBytes: 4 * 1024 * 1024 });
  base = server.mounts[0].url;
});
afterAll(() => server.close());

async function createThing(): Promise<string> {
  const created = await fetch(`${base}/things`, { method: 'POST', headers: JSON_BODY, body: JSON.stringify({ name: 'a' }) });
  expect(created.status).toBe(201);
  return (await created.json() as { id: string }).id;
}

const section = (id: string, name: string, body?: unknown) =>
  fetch(`${base}/things/${id}/${name}`, body === undefined ? {} : { method: 'PUT', headers: JSON_BODY, body: JSON.stringify(body) });

describe('sections named as what objects inherit', () => {
  it('a section never written reads as its default, whatever its name', async () => {
    const id = await createThing();
    for (const name of ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf']) {
      const read = await section(id, name);
      expect(read.status, name).toBe(200);
      expect(await read.json(), name).toEqual({ unset: true });
    }
  });

  it('a section named __proto__ is stored as itself and changes no other section', async () => {
    const id = await createThing();
    const written = await section(id, '__proto__', { polluted: 1, toString: 2 });
    expect(written.status).toBe(200);
    expect(await (await section(id, '__proto__')).json()).toEqual({ polluted: 1, toString: 2 });
    expect(await (await section(id, 'polluted')).json()).toEqual({ unset: true });
    expect(await (await section(id, 'toString')).json()).toEqual({ unset: true });
  });
});

describe('one record grown a section at a time', () => {
  it('is refused with tooLarge once the store holds its cap (4 MiB here), and keeps every section it took', async () => {
    const id = await createThing();
    const body = { value: 'x'.repeat(900_000) };
    const statuses: number[] = [];
    for (let index = 0; index < 10; index++) statuses.push((await section(id, `part${index}`, body)).status);
    const taken = statuses.filter((status) => status === 200).length;
    expect(statuses.slice(taken).every((status) => status === 413), statuses.join(' ')).toBe(true);
    expect(taken).toBeGreaterThan(0);
    expect(taken).toBeLessThanOrEqual(5);
    for (let index = 0; index < taken; index++) expect((await (await section(id, `part${index}`)).json() as typeof body).value.length).toBe(900_000);
  });
});
