import { describe, expect, it } from 'vitest';
import { loadContractText } from '../../src/contract/load-text.ts';
import { createMockInstance } from '../../src/mock/instance.ts';
import { createSeededFaker, sampleFromSchema } from '../../src/schema/sample.ts';

/**
 * Key schemas whose values cannot be counted up: the seeder bumped a colliding numeric key by one until it
 * was free, and NaN + 1, Infinity + 1 and 1e300 + 1 are the same number again (start-up never ended).
 */
function documentWithKey(key: object): string {
  const thing = { type: 'object', required: ['id'], properties: { id: key, name: { type: 'string' } } };
  const ref = { $ref: '#/components/schemas/Thing' };
  return JSON.stringify({
    openapi: '3.1.0',
    info: { title: 'Keys', version: '1' },
    paths: {
      '/things': {
        get: { operationId: 'listThings', responses: { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'array', items: ref } } } } } },
        post: { operationId: 'createThing', requestBody: { content: { 'application/json': { schema: ref } } }, responses: { 201: { description: 'ok', content: { 'application/json': { schema: ref } } } } },
      },
      '/things/{id}': {
        get: { operationId: 'getThing', parameters: [{ name: 'id', in: 'path', required: true, schema: key }], responses: { 200: { description: 'ok', content: { 'application/json': { schema: ref } } }, 404: { description: 'none' } } },
      },
    },
    components: { schemas: { Thing: thing } },
  });
}

const KEYS: [string, object][] = [
  ['integer, multipleOf 1e-300', { type: 'integer', multipleOf: 1e-300 }],
  ['integer, minimum 1e300', { type: 'integer', minimum: 1e300 }],
  ['number, exactly 1e300', { type: 'number', minimum: 1e300, maximum: 1e300 }],
  ['integer, exactly 2^53', { type: 'integer', minimum: 2 ** 53, maximum: 2 ** 53 }],
];

describe('seeding records whose keys cannot be counted up', () => {
  for (const [name, key] of KEYS) {
    it(`${name}: start-up ends, and every seeded key is distinct`, () => {
      const instance = createMockInstance(loadContractText('keys.json', documentWithKey(key)), { seed: 1 });
      const things = Object.values(instance.state({ includeHidden: true })).flat() as { id: unknown }[];
      expect(things.length).toBeGreaterThan(0);
      expect(new Set(things.map((thing) => String(thing.id))).size).toBe(things.length);
    });
  }

  it('an integer with a fractional step too small to round is still a number', () => {
    const value = sampleFromSchema({ type: 'integer', multipleOf: 1e-300 }, createSeededFaker(1));
    expect(Number.isInteger(value)).toBe(true);
  });
});
