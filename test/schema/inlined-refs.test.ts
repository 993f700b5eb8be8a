import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { SchemaDocument } from '../../src/schema/compiler.ts';
import { withRefsInlined } from '../../src/schema/inlined-refs.ts';
import { createSchemaCompiler } from '../../src/schema/compiler.ts';
import { fullValidatorOf, QUICK_CHECK_AFTER, quickTwinOf } from '../../src/schema/quick-check.ts';

const ID = 'https://harness.invalid/d0.json';
const ref = (name: string) => ({ $ref: `${ID}#/components/schemas/${name}` });

/** A document of our own: named schemas referencing each other, a recursive tree, a target with its own `$id`. */
const document: SchemaDocument = {
  id: ID,
  data: {
    openapi: '3.1.0',
    components: {
      schemas: {
        Order: {
          type: 'object', required: ['id', 'lines'], additionalProperties: false,
          properties: {
            id: ref('Id'), note: ref('Note'), lines: { type: 'array', minItems: 1, items: ref('Line') },
            category: ref('Category'), owner: { ...ref('Id'), description: 'a $ref with a sibling' },
            $ref: { type: 'string', description: 'a property named $ref' },
          },
        },
        Id: { type: 'string', pattern: '^[a-z]{2}_[0-9]+$' },
        Note: { type: ['string', 'null'], maxLength: 20 },
        Line: { type: 'object', required: ['sku', 'count'], properties: { sku: ref('Id'), count: { type: 'integer', minimum: 1 }, parts: { type: 'array', items: ref('Line') } } },
        Category: { $id: 'https://harness.invalid/category.json', type: 'string', enum: ['a', 'b'] },
      },
    },
  },
};

const root = ref('Order');
const VALUES: unknown[] = [
  { id: 'or_1', lines: [{ sku: 'sk_2', count: 1 }] },
  { id: 'or_1', lines: [{ sku: 'sk_2', count: 1, parts: [{ sku: 'pa_3', count: 2, parts: [{ sku: 'bad', count: 1 }] }] }] },
  { id: 'or_1', lines: [{ sku: 'sk_2', count: 1, parts: [{ sku: 'pa_3', count: 2 }] }], note: null, category: 'b', owner: 'us_9', $ref: 'x' },
  { id: 'or_1', lines: [] },
  { id: 'OR-1', lines: [{ sku: 'sk_2', count: 1 }] },
  { id: 'or_1', lines: [{ sku: 'sk_2', count: 0 }] },
  { id: 'or_1', lines: [{ sku: 'sk_2', count: 1 }], note: 'x'.repeat(21) },
  { id: 'or_1', lines: [{ sku: 'sk_2', count: 1 }], category: 'c' },
  { id: 'or_1', lines: [{ sku: 'sk_2', count: 1 }], owner: 7 },
  { id: 'or_1', lines: [{ sku: 'sk_2', count: 1 }], $ref: 3 },
  { id: 'or_1', lines: [{ sku: 'sk_2', count: 1 }], extra: true },
  null, [], 'or_1', {},
];

function validatorOf(schema: object): (value: unknown) => boolean {
  const ajv = new Ajv2020({ allErrors: false, strict: false });
  ajv.addSchema(document.data as object, document.id);
  const validate = ajv.compile(schema);
  return (value) => validate(value) === true;
}

describe('withRefsInlined: the yes/no twin reads referenced schemas where they stand', () => {
  const inlined = withRefsInlined(root, [document]) as Record<string, any>;

  it('replaces references that are all their schema says by their targets, recursively', () => {
    expect(inlined.type).toBe('object');
    expect(inlined.properties.id).toEqual({ type: 'string', pattern: '^[a-z]{2}_[0-9]+$' });
    expect(inlined.properties.lines.items.properties.sku).toEqual({ type: 'string', pattern: '^[a-z]{2}_[0-9]+$' });
  });

  it('keeps as references: a recursion, a target with its own $id, a $ref with siblings; a property named $ref stays a property', () => {
    expect(inlined.properties.lines.items.properties.parts.items).toEqual(ref('Line'));
    expect(inlined.properties.category).toEqual(ref('Category'));
    expect(inlined.properties.owner).toEqual({ ...ref('Id'), description: 'a $ref with a sibling' });
    expect(inlined.properties.$ref).toEqual({ type: 'string', description: 'a property named $ref' });
  });

  it('accepts and refuses every value as the schema it was made from does', () => {
    const original = validatorOf(root);
    const copy = validatorOf(inlined);
    const answers = VALUES.map((value) => [original(value), copy(value)]);
    expect(answers.every(([a, b]) => a === b)).toBe(true);
    expect(answers.filter(([a]) => a).length).toBe(2);
  });

  it('leaves the documents as they were, and gives the root back unchanged when nothing can be inlined', () => {
    expect((document.data as any).components.schemas.Order.properties.id).toEqual(ref('Id'));
    const outside = { $ref: 'https://elsewhere.invalid/x.json#/a' };
    expect(withRefsInlined(outside, [document])).toBe(outside);
  });

  it('leaves documents that use unevaluatedProperties as they are', () => {
    const withUnevaluated: SchemaDocument = { id: ID, data: { components: { schemas: { A: { unevaluatedProperties: false, allOf: [ref('B')] }, B: { properties: { b: { type: 'string' } } } } } } };
    const top = ref('A');
    expect(withRefsInlined(top, [withUnevaluated])).toBe(top);
  });

  it('gives the root back when the copy would be too large (a schema referencing one target many times over)', () => {
    const wide: SchemaDocument = { id: ID, data: { components: { schemas: {
      Leaf: { type: 'object', properties: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`p${i}`, { type: 'string' }])) },
      Mid: { type: 'object', properties: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`m${i}`, ref('Leaf')])) },
    } } } };
    const top = ref('Mid');
    expect(withRefsInlined(top, [wide])).toBe(top);
  });

  it('is what the compiler\'s twin of a hot body validator compiles: it answers as the full validator', () => {
    const compiler = createSchemaCompiler({ documents: [document], origins: new WeakMap() });
    const validate = compiler.compile(root);
    for (let call = 0; call <= QUICK_CHECK_AFTER; call++) validate(VALUES[0]);
    expect(quickTwinOf(validate)).toBeDefined();
    const full = fullValidatorOf(validate);
    for (const value of VALUES) expect(validate(value)).toBe(full(value));
  });
});
