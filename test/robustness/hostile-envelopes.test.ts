import { describe, expect, it } from 'vitest';
import { loadContractText } from '../../src/contract/load.ts';

/**
 * An operation's declared `bodyEnvelope` must name an object its body schema declares: an array, a
 * string, or a key every object inherits (`__proto__`) holds no record's fields, and was taken (the mock
 * then stored nothing of any body).
 */
const documentWith = (envelope: string) => `
openapi: 3.1.0
info: {title: envelopes, version: '1'}
paths:
  /projects:
    post:
      operationId: createProject
      x-harness: {kind: create, resource: project, bodyEnvelope: '${envelope}'}
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Wrapper'}}}}
      responses:
        '201': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Project'}}}}
  /projects/{id}:
    get:
      operationId: getProject
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Project'}}}}
        '404': {description: no}
components:
  schemas:
    Wrapper:
      type: object
      properties:
        data: {$ref: '#/components/schemas/Project'}
        list: {type: array, items: {$ref: '#/components/schemas/Project'}}
    Project:
      type: object
      properties: {id: {type: string, readOnly: true}, name: {type: string}}
`;

describe('a declared bodyEnvelope', () => {
  it('naming the object a body carries is taken', () => {
    const contract = loadContractText('envelopes.yaml', documentWith('/data'));
    expect(contract.operations.find((op) => op.id === 'createProject')!.behaviour.bodyEnvelope).toBe('/data');
  });

  it.each(['/list', '/data/name', '/__proto__', '/constructor', '/nowhere'])('naming %s is refused with its place', (envelope) => {
    expect(() => loadContractText('envelopes.yaml', documentWith(envelope))).toThrow(/bodyEnvelope: ".*" names no object/);
  });
});
