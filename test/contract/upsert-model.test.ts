import { describe, expect, it } from 'vitest';
import { loadContractText } from '../../src/contract/load-text.ts';

const document = (putHarness: string) => `openapi: 3.1.0
info: {title: Upsert, version: '1'}
paths:
  /things/{thingId}:
    parameters: [{name: thingId, in: path, required: true, schema: {type: string}}]
    get:
      operationId: getThing
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
    put:
      operationId: putThing
      parameters: [{name: key, in: query, schema: {type: string}}]
      x-harness: ${putHarness}
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
      responses:
        '200': {description: replaced, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
        '201': {description: created, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
components:
  schemas:
    Thing: {type: object, properties: {name: {type: string}}}
`;

const putBehaviour = (putHarness: string) => loadContractText('upsert.yaml', document(putHarness)).operations.find((op) => op.id === 'putThing')!.behaviour;

describe('the model marks an upsert only where the record\'s key comes from the path (what the mock\'s create relies on)', () => {
  it('a replace keyed by the path may be an upsert', () => {
    const behaviour = putBehaviour("{kind: replace, resource: thing, upsert: true, id: '${path.thingId}'}");
    expect(behaviour.kind).toBe('replace');
    expect(behaviour.upsert).toBe(true);
  });

  it('a replace keyed by a query parameter is not, though it says upsert: true', () => {
    const behaviour = putBehaviour("{kind: replace, resource: thing, upsert: true, id: '${query.key}'}");
    expect(behaviour.kind).toBe('replace');
    expect(behaviour.id).toEqual({ from: 'query', name: 'key' });
    expect(behaviour.upsert).toBeUndefined();
  });
});
