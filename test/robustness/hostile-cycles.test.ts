import { describe, expect, it } from 'vitest';
import { loadContractText } from '../../src/contract/load.ts';
import { startMockServer } from '../../src/mock/server.ts';

/**
 * Schemas that apply themselves again to the same value (no `properties` or `items` between): validating
 * any value recursed until the stack overflowed, and the mock crashed while seeding. The real-world shape
 * is a parent listing its children in a discriminated `oneOf` while each child extends the parent by
 * `allOf`; hostile ones loop through `not` or `anyOf`.
 */
const petsDocument = (bodySchema: string) => `
openapi: 3.0.3
info: {title: pets, version: '1'}
paths:
  /pets:
    post:
      operationId: createPet
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/${bodySchema}'}}}}
      responses:
        '201': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/${bodySchema}'}}}}
        '400': {description: bad}
    get:
      operationId: listPets
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}}}}
  /pets/{id}:
    get:
      operationId: getPet
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}
        '404': {description: no}
components:
  schemas:
    Pet:
      type: object
      required: [petType]
      properties:
        id: {type: string, readOnly: true}
        petType: {type: string}
        name: {type: string}
      oneOf:
        - $ref: '#/components/schemas/Dog'
        - $ref: '#/components/schemas/Cat'
      discriminator:
        propertyName: petType
        mapping: {dog: '#/components/schemas/Dog', cat: Cat, loop: '#/components/schemas/Pet'}
    Dog:
      allOf:
        - $ref: '#/components/schemas/Pet'
        - {type: object, properties: {bark: {type: boolean}}}
    Cat:
      allOf:
        - $ref: '#/components/schemas/Pet'
        - {type: object, properties: {lives: {type: integer}}}
    Knot:
      type: object
      properties: {name: {type: string}}
      not: {$ref: '#/components/schemas/Tangle'}
    Tangle:
      anyOf:
        - {type: string}
        - $ref: '#/components/schemas/Knot'
`;

const JSON_BODY = { 'content-type': 'application/json' };

async function postStatuses(bodySchema: string, bodies: readonly unknown[]): Promise<number[]> {
  const contract = loadContractText('pets.yaml', petsDocument(bodySchema));
  expect(contract.warnings.some((w) => /never end/.test(w.message))).toBe(true);
  const server = await startMockServer({ contracts: [contract], port: 0, atRoot: true, seed: 3 });
  try {
    const base = server.mounts[0].url;
    const statuses: number[] = [];
    for (const body of bodies) statuses.push((await fetch(`${base}/pets`, { method: 'POST', headers: JSON_BODY, body: JSON.stringify(body) })).status);
    const listed = await fetch(`${base}/pets`);
    expect(listed.status).toBe(200);
    expect(Array.isArray(await listed.json())).toBe(true);
    return statuses;
  } finally {
    await server.close();
  }
}

describe('schemas that apply themselves to the same value', () => {
  it('a parent whose oneOf children extend it: a child has the parent\'s fields and its own, and the discriminator picks it', async () => {
    const statuses = await postStatuses('Pet', [
      { petType: 'dog', name: 'Rex', bark: true },
      { petType: 'cat', lives: 9 },
      { petType: 'dog', bark: 'loud' },
      { petType: 'cat', name: 7 },
      { petType: 'cow' },
    ]);
    expect(statuses).toEqual([201, 201, 400, 400, 400]);
  });

  it('the same when the operation reads the child first', async () => {
    expect(await postStatuses('Dog', [{ petType: 'dog', bark: true }, { petType: 'dog', name: 1 }])).toEqual([201, 400]);
  });

  it('a loop through not and anyOf loads with a warning and answers without a 5xx', async () => {
    const statuses = await postStatuses('Knot', [{ name: 'a' }, { name: 1 }, 'text', [], {}]);
    expect(statuses.every((status) => status < 500), statuses.join(' ')).toBe(true);
  });
});
