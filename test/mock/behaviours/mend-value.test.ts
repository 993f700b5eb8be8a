import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContractText } from '../../../src/contract/load-text.ts';
import { startMockServer } from '../../../src/mock/server.ts';

/** The create takes counts as text; the record shows them as integers (its read declares so). */
const DOCUMENT = `openapi: 3.0.3
info: {title: Counters, version: '1'}
paths:
  /counters:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              properties:
                name: {type: string}
                count: {type: string}
                limits: {type: object, properties: {daily: {type: string}}}
      responses:
        '201': {description: made, content: {application/json: {schema: {$ref: '#/components/schemas/Counter'}}}}
  /counters/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    get:
      responses:
        '200': {description: one, content: {application/json: {schema: {$ref: '#/components/schemas/Counter'}}}}
components:
  schemas:
    Counter:
      type: object
      required: [id]
      properties:
        id: {type: string, readOnly: true}
        name: {type: string}
        count: {type: integer}
        limits: {type: object, properties: {daily: {type: integer, minimum: 1}}}
`;

describe('a written scalar the record types otherwise', () => {
  let server: Awaited<ReturnType<typeof startMockServer>>;
  beforeAll(async () => {
    server = await startMockServer({ contracts: [loadContractText('counters.yaml', DOCUMENT)], port: 0, atRoot: true, seed: 1 });
  });
  afterAll(() => server.close());

  const create = (body: unknown) => fetch(`${server.mounts[0].url}/counters`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('is stored converted where nothing is lost ("42" for an integer), at the top level and nested', async () => {
    const answer = await create({ name: 'visits', count: '42', limits: { daily: '7' } });
    expect(answer.status).toBe(201);
    const counter = await answer.json() as { id: string; count: number; limits: { daily: number } };
    expect(counter).toMatchObject({ count: 42, limits: { daily: 7 } });
    const read = await (await fetch(`${server.mounts[0].url}/counters/${counter.id}`)).json();
    expect(read).toMatchObject({ count: 42, limits: { daily: 7 } });
  });

  it('is drawn anew where no conversion fits (a text that writes no integer, a number the schema refuses)', async () => {
    const counter = await (await create({ count: 'many', limits: { daily: '0' } })).json() as { count: unknown; limits: { daily: unknown } };
    expect(Number.isInteger(counter.count)).toBe(true);
    expect(Number.isInteger(counter.limits.daily) && (counter.limits.daily as number) >= 1).toBe(true);
  });
});
