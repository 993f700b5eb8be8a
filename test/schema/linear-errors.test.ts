import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadContractText } from '../../src/contract/load-text.ts';
import { startMockServer } from '../../src/mock/server.ts';
import { appendErrorsInPlace } from '../../src/schema/linear-errors.ts';
import { createStandaloneAjv } from '../../src/schema/ajv.ts';
import { hasAtLeast, MANY_VALUES } from '../../src/schema/quick-check.ts';

/**
 * ajv gathers a `$ref`'d schema's errors by copying every error found so far (`concat`): quadratic in the
 * number of failing items. A 300 KB array of `{}` held the mock's only thread for 80 s.
 */
const DOCUMENT = JSON.stringify({
  openapi: '3.1.0',
  info: { title: 'Bulk', version: '1' },
  paths: {
    '/items/bulk': {
      post: {
        operationId: 'bulkItems',
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Item' } } } } },
        responses: {
          200: { description: 'ok', content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Item' } } } } },
          400: { description: 'bad', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        },
      },
    },
    '/items': { get: { operationId: 'listItems', responses: { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Item' } } } } } } } },
  },
  components: {
    schemas: {
      Item: { type: 'object', required: ['name', 'sku'], properties: { name: { type: 'string' }, sku: { type: 'string' } } },
      Error: { type: 'object', properties: { message: { type: 'string' } } },
    },
  },
});

afterEach(() => vi.restoreAllMocks());

describe('errors gathered through $ref', () => {
  it('are appended in place: no copy of the list per failing item, the same errors in the same order', () => {
    const contract = loadContractText('bulk.json', DOCUMENT);
    const validate = contract.operations.find((operation) => operation.id === 'listItems')!.responses.get('200')!.validate!;
    const concat = vi.spyOn(Array.prototype, 'concat');
    expect(validate(Array.from({ length: 1000 }, () => ({})))).toBe(false);
    expect(concat).not.toHaveBeenCalled();
    expect(validate.errors).toHaveLength(2000);
    expect(validate.errors!.slice(0, 3).map((error) => `${error.instancePath} ${error.params.missingProperty}`)).toEqual(['/0 name', '/0 sku', '/1 name']);
    expect(validate.errors!.at(-1)!.instancePath).toBe('/999');
  });

  it('a refused value of MANY_VALUES or more keeps the first error only; a valid one is still valid', () => {
    const contract = loadContractText('bulk.json', DOCUMENT);
    const validate = contract.operations.find((operation) => operation.id === 'listItems')!.responses.get('200')!.validate!;
    expect(validate(Array.from({ length: MANY_VALUES }, () => ({})))).toBe(false);
    expect(validate.errors!.map((error) => `${error.instancePath} ${error.keyword}`)).toEqual(['/0 required']);
    expect(validate(Array.from({ length: MANY_VALUES }, (_, i) => ({ name: `n${i}`, sku: `s${i}` })))).toBe(true);
    const late = Array.from({ length: MANY_VALUES }, (_, i) => ({ name: `n${i}`, sku: `s${i}` }));
    late[MANY_VALUES - 1] = { name: 'last' } as never;
    expect(validate(late)).toBe(false);
    expect(validate.errors!.map((error) => error.instancePath)).toEqual([`/${MANY_VALUES - 1}`]);
  });

  it('the same for schemas written in code, and nested references still report each level', () => {
    const ajv = createStandaloneAjv();
    ajv.addSchema({ $id: 'https://t.invalid/s.json', $defs: { leaf: { type: 'string' }, pair: { type: 'object', properties: { a: { $ref: 'https://t.invalid/s.json#/$defs/leaf' }, b: { $ref: 'https://t.invalid/s.json#/$defs/leaf' } } } } });
    const validate = ajv.compile({ type: 'array', items: { $ref: 'https://t.invalid/s.json#/$defs/pair' } });
    const concat = vi.spyOn(Array.prototype, 'concat');
    expect(validate([{ a: 1, b: 2 }, { a: 'ok', b: 3 }])).toBe(false);
    expect(concat).not.toHaveBeenCalled();
    expect(validate.errors!.map((error) => error.instancePath)).toEqual(['/0/a', '/0/b', '/1/b']);
  });

  it('rewrites only the statement ajv writes for a reference', () => {
    const code = 'if(!(validate4(x))){vErrors = vErrors === null ? validate4.errors : vErrors.concat(validate4.errors);errors = vErrors.length;}other.concat(y);';
    expect(appendErrorsInPlace(code)).toBe('if(!(validate4(x))){if (vErrors === null) vErrors = validate4.errors; else for (let i = 0, e = validate4.errors; i < e.length; i++) vErrors.push(e[i]);errors = vErrors.length;}other.concat(y);');
  });

  it('a mock given 100,000 failing items answers 400 and keeps answering others (80 s per request before)', async () => {
    const server = await startMockServer({ contracts: [loadContractText('bulk.json', DOCUMENT)], port: 0, atRoot: true });
    try {
      const body = `[${Array(100_000).fill('{}').join(',')}]`;
      const bulk = fetch(`${server.url}/items/bulk`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const [refused, list] = await Promise.all([bulk, fetch(`${server.url}/items`)]);
      expect(refused.status).toBe(400);
      expect(list.status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('hasAtLeast', () => {
  it('counts values without recursion, wide or deep', () => {
    expect(hasAtLeast(1, 1)).toBe(true);
    expect(hasAtLeast({ a: [1, 2, { b: 3 }] }, 6)).toBe(true);
    expect(hasAtLeast({ a: [1, 2, { b: 3 }] }, 7)).toBe(false);
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(hasAtLeast(deep, 50_000)).toBe(true);
    expect(hasAtLeast(Array(MANY_VALUES).fill(0), MANY_VALUES)).toBe(true);
  });
});
