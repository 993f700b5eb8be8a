import { describe, expect, it } from 'vitest';
import { createSchemaCompiler, type SchemaDocument } from '../../src/schema/compiler.ts';
import { fullValidatorOf, QUICK_CHECK_AFTER, quickTwinOf } from '../../src/schema/quick-check.ts';
import { withTaggedUnions } from '../../src/schema/tagged-unions.ts';

const ID = 'https://harness.invalid/d0.json';
const ref = (name: string) => ({ $ref: `${ID}#/components/schemas/${name}` });
const branch = (tag: string, payload: object) => ({
  type: 'object', required: ['kind', tag], additionalProperties: false,
  properties: { kind: { type: 'string', const: tag }, [tag]: payload },
});

/** A document of our own: a request body that is one of several shapes, told apart by `kind`. */
function documentWith(union: Record<string, unknown>): SchemaDocument {
  return {
    id: ID,
    data: {
      openapi: '3.1.0',
      components: {
        schemas: {
          Union: union,
          Mail: branch('mail', { type: 'object', required: ['to'], properties: { to: { type: 'string', format: 'email' } } }),
          Call: branch('call', { type: 'object', required: ['number'], properties: { number: { type: 'string', pattern: '^\\+[0-9]{6,15}$' } } }),
          Visit: branch('visit', { type: 'object', properties: { at: { type: 'string', format: 'date-time' } } }),
        },
      },
    },
  };
}

const tagged = { type: 'object', oneOf: [ref('Mail'), ref('Call'), ref('Visit')] };
const unionOf = (documents: SchemaDocument[]) => (documents[0].data as { components: { schemas: { Union: Record<string, unknown> } } }).components.schemas.Union;

describe('withTaggedUnions: which oneOfs the yes/no twin reads by their tag', () => {
  it('marks a oneOf of $ref branches that each require a distinct const tag, on a copy', () => {
    const document = documentWith(tagged);
    const [copy] = withTaggedUnions([document]);
    expect((copy.data as { components: { schemas: { Union: unknown } } }).components.schemas.Union).toMatchObject({ discriminator: { propertyName: 'kind' } });
    expect(tagged).not.toHaveProperty('discriminator');
  });

  it.each([
    ['the union is not declared an object (a non-object would skip the keyword)', { oneOf: tagged.oneOf }],
    ['the union may be null', { type: ['object', 'null'], oneOf: tagged.oneOf }],
    ['two branches share a tag', { type: 'object', oneOf: [ref('Mail'), branch('mail', { type: 'string' })] }],
    ['a branch does not require the tag', { type: 'object', oneOf: [ref('Mail'), { type: 'object', properties: { kind: { const: 'call' } } }] }],
    ['a tag is not a string', { type: 'object', oneOf: [ref('Mail'), { type: 'object', required: ['kind'], properties: { kind: { enum: [1, 2] } } }] }],
    ['a tag is a name every object has', { type: 'object', oneOf: [ref('Mail'), { type: 'object', required: ['kind'], properties: { kind: { const: 'constructor' } } }] }],
    ['a branch $ref leads nowhere', { type: 'object', oneOf: [ref('Mail'), ref('Missing')] }],
  ])('leaves it alone when %s', (_why, union) => {
    expect(unionOf(withTaggedUnions([documentWith(union)]))).not.toHaveProperty('discriminator');
  });

  it('leaves documents that use unevaluatedProperties as they are', () => {
    const document = documentWith({ ...tagged, unevaluatedProperties: false });
    expect(withTaggedUnions([document])[0]).toBe(document);
  });

  it("drops declared discriminators (ajv's keyword refuses their mapping), never a property or data of that name", () => {
    const union = {
      ...tagged, discriminator: { propertyName: 'kind', mapping: { mail: '#/components/schemas/Mail' } },
      properties: { discriminator: { type: 'object', properties: { propertyName: { type: 'string' } } } },
      default: { type: 'object', oneOf: [{ required: ['kind'], properties: { kind: { const: 'a' } } }, { required: ['kind'], properties: { kind: { const: 'b' } } }] },
    };
    const copy = unionOf(withTaggedUnions([documentWith(union)]));
    expect(copy.discriminator).toEqual({ propertyName: 'kind' });
    expect(copy.properties).toEqual(union.properties);
    expect(copy.default).toEqual(union.default);
  });
});

describe('a tagged union validated through its twin', () => {
  const values = [
    { kind: 'mail', mail: { to: 'a@example.com' } }, { kind: 'mail', mail: { to: 'nope' } }, { kind: 'mail', call: { number: '+4412345678' } },
    { kind: 'call', call: { number: '+4412345678' } }, { kind: 'call', call: { number: '12' } }, { kind: 'visit', visit: {} },
    { kind: 'visit', visit: { at: 'yesterday' } }, { kind: 'visit', visit: {}, extra: 1 }, { kind: 'fax', fax: {} }, { kind: 3 },
    { kind: null }, { mail: { to: 'a@example.com' } }, {}, { kind: 'constructor' }, { kind: 'toString' }, null, 'mail', 7, [], [{ kind: 'mail' }],
  ];

  it.each([
    ['a oneOf that is a tagged union', tagged, true],
    ['the same union with a declared discriminator and mapping', { ...tagged, discriminator: { propertyName: 'kind', mapping: { mail: '#/components/schemas/Mail' } } }, true],
    ['a oneOf whose schema allows null too', { type: ['object', 'null'], oneOf: tagged.oneOf }, false],
  ])('answers as the full validator for %s', (_name, union, marked) => {
    const document = documentWith(union);
    expect(unionOf(withTaggedUnions([document])).discriminator !== undefined).toBe(marked);
    const compiler = createSchemaCompiler({ documents: [document], origins: new WeakMap([[unionOf([document]), `${ID}#/components/schemas/Union`]]) });
    const validate = compiler.compile(unionOf([document]));
    const full = fullValidatorOf(validate);
    for (let i = 0; i <= QUICK_CHECK_AFTER; i++) validate(values[0]);
    expect(quickTwinOf(validate)).toBeDefined();
    let refused = 0;
    for (const value of values) {
      const answer = validate(value);
      expect(answer, JSON.stringify(value)).toBe(full(value));
      expect(validate.errors).toEqual(full.errors);
      if (!answer) refused++;
    }
    expect(refused).toBeGreaterThan(10);
    expect(refused).toBeLessThan(values.length);
  });
});
