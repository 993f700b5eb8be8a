import { describe, expect, it } from 'vitest';
import { loadContractText } from '../../src/contract/load.ts';
import { startMockServer } from '../../src/mock/server.ts';

/**
 * A schema pasted from a draft-04 JSON Schema file: its `id` made ajv refuse the whole document, and its
 * `dependencies` were silently ignored (2020-12 split the keyword in two).
 */
const DOCUMENT = `
openapi: 3.1.0
info: {title: dialects, version: '1'}
paths:
  /items:
    post:
      operationId: createItem
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}}
      responses:
        '201': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}}
        '4xx': {description: refused}
  /items/{id}:
    get:
      operationId: getItem
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}}, '404': {description: no}}
components:
  schemas:
    Item:
      $schema: http://json-schema.org/draft-04/schema#
      id: http://example.com/item
      type: object
      dependencies: {card: [expiry], gift: {required: [message]}}
      properties:
        id: {type: string, readOnly: true}
        card: {type: string}
        expiry: {type: string}
        gift: {type: boolean}
        message: {type: string, id: inner}
`;

describe('a draft-04 schema', () => {
  it('loads with a warning per older keyword, and its dependencies hold in the mock', async () => {
    const contract = loadContractText('dialects.yaml', DOCUMENT);
    const warned = contract.warnings.map((w) => w.pointer);
    expect(warned).toEqual(expect.arrayContaining(['/components/schemas/Item/id', '/components/schemas/Item/dependencies']));
    const server = await startMockServer({ contracts: [contract], port: 0, atRoot: true });
    try {
      const post = async (body: unknown) => (await fetch(`${server.mounts[0].url}/items`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).status;
      expect(await post({ card: '4111', expiry: '12/30' })).toBe(201);
      expect(await post({ card: '4111' })).toBe(400);
      expect(await post({ gift: true, message: 'hi' })).toBe(201);
      expect(await post({ gift: true })).toBe(400);
    } finally {
      await server.close();
    }
  });
});
