import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContractText } from '../../src/contract/load-text.ts';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';
import { createStandaloneAjv } from '../../src/schema/ajv.ts';
import { decimalTextOnly } from '../../src/schema/numeric-text.ts';

/**
 * ajv's coercion read parameter text with JavaScript's number syntax: `/pets/0x10` was the pet with id 16,
 * `?limit=1e400` the limit Infinity. Numeric parameters take decimal text only.
 */
const NOT_DECIMAL = ['0x10', '0b1', '0o7', ' 1', '1 ', '1e400', '-Infinity', 'Infinity', '.5', '+1', '1_000'];
const DECIMAL: [string, number][] = [['16', 16], ['-3', -3], ['007', 7], ['2.0', 2], ['2e1', 20], ['1.5E-3', 0.0015]];

describe('numeric parameter text', () => {
  const ajv = createStandaloneAjv(true);
  const validate = ajv.compile({ type: 'object', properties: { n: { type: 'number' }, i: { type: 'integer' } } });

  for (const text of NOT_DECIMAL) {
    it(`"${text}" is not a number`, () => {
      expect(validate({ n: text })).toBe(false);
      expect(validate({ i: text })).toBe(false);
    });
  }

  it('decimal text is read as its number', () => {
    for (const [text, value] of DECIMAL) {
      const data = { n: text };
      expect(validate(data)).toBe(true);
      expect(data.n).toBe(value);
    }
  });

  it('rewrites only the coercion test', () => {
    expect(decimalTextOnly('(dataType0 === "string" && data0 && data0 == +data0 && !(data0 % 1))')).toBe(
      '(dataType0 === "string" && data0 && data0 == +data0 && /^-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?$/.test(data0) && isFinite(+data0) && !(data0 % 1))',
    );
  });
});

describe('the mock routes numeric ids by their decimal text only', () => {
  let server: MockServer;
  beforeAll(async () => {
    const ref = { $ref: '#/components/schemas/Thing' };
    const document = {
      openapi: '3.1.0',
      info: { title: 'Things', version: '1' },
      paths: {
        '/things': { get: { operationId: 'listThings', parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer' } }], responses: { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'array', items: ref } } } }, 400: { description: 'bad' } } } },
        '/things/{id}': { get: { operationId: 'getThing', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }], responses: { 200: { description: 'ok', content: { 'application/json': { schema: ref } } }, 404: { description: 'none' } } } },
      },
      components: { schemas: { Thing: { type: 'object', required: ['id'], properties: { id: { type: 'integer' }, name: { type: 'string' } } } } },
    };
    server = await startMockServer({ contracts: [loadContractText('things.json', JSON.stringify(document))], port: 0, atRoot: true });
  });
  afterAll(() => server.close());

  it('/things/0x1 is not /things/1, and ?limit=0x1 is refused', async () => {
    expect((await fetch(`${server.url}/things/1`)).status).toBe(200);
    expect((await fetch(`${server.url}/things/0x1`)).status).toBe(404);
    expect((await fetch(`${server.url}/things/1e400`)).status).toBe(404);
    expect((await fetch(`${server.url}/things?limit=0x1`)).status).toBe(400);
    expect((await fetch(`${server.url}/things?limit=1`)).status).toBe(200);
  });
});
