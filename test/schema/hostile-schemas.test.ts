import { describe, expect, it } from 'vitest';
import { loadContractText } from '../../src/contract/load-text.ts';
import { MAX_PATTERN_OUTPUT, stringForPattern } from '../../src/schema/pattern.ts';
import { createSeededFaker, sampleFromSchema } from '../../src/schema/sample.ts';

/** Sizes no value can reach in reasonable time or memory: the sampler must give up, not run for minutes. */
const HUGE_BOUNDS: [string, object][] = [
  ['minLength: 1e9', { type: 'string', minLength: 1e9 }],
  ['minItems: 1e9', { type: 'array', minItems: 1e9, items: { type: 'string' } }],
  ['minProperties: 1e9', { type: 'object', minProperties: 1e9 }],
  ['nested minItems: 1e4 x 1e4 x minLength 1e3', { type: 'array', minItems: 10_000, items: { type: 'array', minItems: 10_000, items: { type: 'string', minLength: 1000 } } }],
  ['a pattern of a million characters', { type: 'string', pattern: '^(a{1000}){1000}$' }],
];

describe('the sampler against hostile schemas', () => {
  for (const [name, schema] of HUGE_BOUNDS) {
    it(`${name}: a small value, at once`, () => {
      const value = sampleFromSchema({ type: 'object', required: ['v'], properties: { v: schema } }, createSeededFaker(1));
      expect(JSON.stringify(value).length).toBeLessThan(2_000_000);
    });
  }

  it('bounds that fit are still met', () => {
    const value = sampleFromSchema({ type: 'object', required: ['s', 'a'], properties: { s: { type: 'string', minLength: 5000 }, a: { type: 'array', minItems: 300, items: { type: 'integer' } } } }, createSeededFaker(1)) as { s: string; a: unknown[] };
    expect(value.s.length).toBeGreaterThanOrEqual(5000);
    expect(value.a.length).toBeGreaterThanOrEqual(300);
  });
});

describe('strings for patterns', () => {
  it('a pattern whose shortest match is past the limit gives no string', () => {
    expect(stringForPattern('^(a{1000}){1000}$', createSeededFaker(1))).toBeUndefined();
    expect(stringForPattern(`^\\d{${MAX_PATTERN_OUTPUT + 1}}$`, createSeededFaker(1))).toBeUndefined();
    expect(stringForPattern('^\\d{1000000000}$', createSeededFaker(1))).toBeUndefined();
  });

  it('an open-ended repetition is cut at the limit, the rest of the pattern still generated', () => {
    const text = stringForPattern('^x[a-z]{3,1000000000}$', createSeededFaker(1));
    expect(text === undefined || (text.length <= MAX_PATTERN_OUTPUT && /^x[a-z]{3,}$/.test(text))).toBe(true);
    expect(stringForPattern('^[A-Z]{2}-\\d{4}$', createSeededFaker(1))).toMatch(/^[A-Z]{2}-\d{4}$/);
  });
});

describe('documents with keys named like Object.prototype members', () => {
  it('a "__proto__" key at the top of a document loads (ajv cannot take it as an annotation)', () => {
    const text = JSON.stringify({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {} }).replace('{', '{"__proto__":{"polluted":1},');
    expect(loadContractText('proto.json', text).operations).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('formats named like Object.prototype members', () => {
  for (const format of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
    it(`format "${format}" samples a plain string`, () => {
      expect(typeof sampleFromSchema({ type: 'string', format }, createSeededFaker(1))).toBe('string');
    });
  }
});

describe('boolean schemas (JSON Schema 2020-12, OpenAPI 3.1)', () => {
  function documentWithThing(thing: boolean): string {
    const ref = { $ref: '#/components/schemas/Thing' };
    return JSON.stringify({
      openapi: '3.1.0',
      info: { title: 'Booleans', version: '1' },
      paths: { '/things': { post: { operationId: 'createThing', requestBody: { content: { 'application/json': { schema: ref } } }, responses: { 201: { description: 'ok', content: { 'application/json': { schema: ref } } } } } } },
      components: { schemas: { Thing: thing } },
    });
  }

  // Both were refused: "Invalid JSON Schema: Invalid value used as weak map key".
  for (const thing of [true, false]) {
    it(`a body and an answer whose schema is ${thing} load; the body validates as ${thing} says`, () => {
      const operation = loadContractText('booleans.json', documentWithThing(thing)).operations[0];
      expect(operation.body!.validate({ any: 'value' })).toBe(thing);
      expect(operation.responses.get('201')!.validate?.(42) ?? true).toBe(true);
    });
  }
});
