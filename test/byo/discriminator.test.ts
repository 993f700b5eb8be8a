import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { loadContractText } from '../../src/contract/load-text.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

// A oneOf whose branches overlap as JSON Schema reads them; the discriminator tells them apart.
const FILE = fileURLToPath(new URL('../data/openapi/discriminated.yaml', import.meta.url));

describe('a oneOf with a discriminator', () => {
  it('accepts each branch under the discriminator value that names it, and no branch under another', async () => {
    const contract = await loadContractFile(FILE);
    const validate = contract.operations[0].responses.get('200')!.validate!;
    expect(validate({ id: 'r1', kind: 'document', pages: 3 })).toBe(true);
    expect(validate({ id: 'r2', kind: 'watch_report', hits: ['x'] })).toBe(true);
    expect(validate({ id: 'r3', kind: 'document', pages: 0 })).toBe(false);
    expect(validate({ id: 'r4', kind: 'watch_report', hits: 'x' })).toBe(false);
  });

  it('the mock answers a valid report and harness check against it is clean', async () => {
    const { summary, results } = await checkAgainstOwnMock(FILE);
    expect(failuresOf(results)).toEqual([]);
    expect(results.some((r) => r.operationId === 'getReport' && r.check === 'response_schema' && r.status === 'pass')).toBe(true);
    expect(summary.exitCode).toBe(0);
  });

  it('without a mapping, reads a branch that pins the property to values of its own (type: [message] in schema Message) by those values', () => {
    const contract = loadContractText('items.yaml', `openapi: 3.1.0
info: {title: Items, version: '1'}
paths:
  /items/{id}:
    get:
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                oneOf: [{$ref: '#/components/schemas/Message'}, {$ref: '#/components/schemas/ToolCall'}, {$ref: '#/components/schemas/Note'}]
                discriminator: {propertyName: type}
components:
  schemas:
    Base: {type: object, required: [id, type], properties: {id: {type: string}, type: {type: string}}}
    Message:
      allOf: [{$ref: '#/components/schemas/Base'}, {type: object, properties: {type: {enum: [message]}, text: {type: string}}}]
    ToolCall:
      type: object
      required: [type, call_id]
      properties: {type: {type: string, const: tool_call}, call_id: {type: string}}
    Note:
      allOf: [{$ref: '#/components/schemas/Base'}]
`);
    const validate = contract.operations[0].responses.get('200')!.validate!;
    expect(validate({ id: 'i1', type: 'message', text: 'hi' })).toBe(true);
    expect(validate({ type: 'tool_call', call_id: 'c1' })).toBe(true);
    expect(validate({ id: 'i3', type: 'Message' })).toBe(false);
    // A branch that pins nothing keeps its schema's name, as OpenAPI says.
    expect(validate({ id: 'i4', type: 'Note' })).toBe(true);
    expect(validate({ id: 'i5', type: 'note' })).toBe(false);
  });
});
