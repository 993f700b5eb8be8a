import { describe, expect, it } from 'vitest';
import { createSchemaCompiler, type SchemaDocument } from '../../src/schema/compiler.ts';
import { directedDocuments } from '../../src/schema/directional.ts';
import { fullValidatorOf, QUICK_CHECK_AFTER, quickTwinOf } from '../../src/schema/quick-check.ts';

const ID = 'https://harness.invalid/d0.json';
const at = (name: string) => `${ID}#/components/schemas/${name}`;
const ref = (name: string) => ({ $ref: at(name) });

/** A document of our own: a tagged union whose branches require the server's readOnly id and a writeOnly pin. */
function document(): SchemaDocument {
  const branch = (tag: string, extra: string) => ({
    type: 'object', required: ['id', 'kind', 'pin', extra],
    properties: { id: ref('Id'), kind: { type: 'string', const: tag }, pin: { type: 'string', writeOnly: true }, [extra]: { type: 'integer' } },
  });
  return {
    id: ID,
    data: {
      openapi: '3.1.0',
      components: {
        schemas: {
          Id: { type: 'string', readOnly: true },
          Union: { type: 'object', oneOf: [ref('Cat'), ref('Dog')] },
          Cat: branch('cat', 'lives'),
          Dog: branch('dog', 'barks'),
          Plain: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
        },
      },
    },
  };
}
const schemasOf = (documents: readonly SchemaDocument[]) => (documents[0].data as { components: { schemas: Record<string, Record<string, unknown>> } }).components.schemas;

describe('directedDocuments: the documents as one direction reads them', () => {
  it('drops readOnly properties from required for requests and writeOnly ones for responses, on copies sharing the rest', () => {
    const original = document();
    const request = directedDocuments([original], new WeakMap(), 'request')!;
    const response = directedDocuments([original], new WeakMap(), 'response')!;
    expect(request.documents[0].id).toBe(ID);
    expect(schemasOf(request.documents).Cat.required).toEqual(['kind', 'pin', 'lives']);
    expect(schemasOf(response.documents).Dog.required).toEqual(['id', 'kind', 'barks']);
    expect(schemasOf([original]).Cat.required).toEqual(['id', 'kind', 'pin', 'lives']);
    expect(schemasOf(request.documents).Plain).toBe(schemasOf([original]).Plain);
    expect(schemasOf(request.documents).Cat.properties).toBe(schemasOf([original]).Cat.properties);
  });

  it('leaves required alone under not and if, where dropping a name would refuse more', () => {
    const original = document();
    const schemas = schemasOf([original]);
    schemas.Fresh = { type: 'object', properties: { id: ref('Id') }, not: { required: ['id'] }, if: { required: ['id'] }, then: { required: ['id'] } };
    const request = directedDocuments([original], new WeakMap(), 'request')!;
    const fresh = schemasOf(request.documents).Fresh as Record<string, Record<string, unknown>>;
    expect(fresh.not.required).toEqual(['id']);
    expect(fresh.if.required).toEqual(['id']);
    expect(fresh.then.required).toEqual([]);
  });

  it('reads a property an allOf part requires from the schemas it is part of, through cycles of allOf', () => {
    const original = document();
    const schemas = schemasOf([original]);
    schemas.Loop = { allOf: [ref('Part'), { properties: { id: ref('Id') } }] };
    schemas.Part = { type: 'object', required: ['id', 'note'], allOf: [ref('Loop')] };
    const request = directedDocuments([original], new WeakMap(), 'request')!;
    expect(schemasOf(request.documents).Part.required).toEqual(['note']);
  });

  it('makes no copies when no required property is readOnly (or writeOnly)', () => {
    const original = document();
    delete (schemasOf([original]).Id as Record<string, unknown>).readOnly;
    expect(directedDocuments([original], new WeakMap(), 'request')).toBeUndefined();
    expect(directedDocuments([{ id: ID, data: { openapi: '3.1.0' } }], new WeakMap(), 'response')).toBeUndefined();
  });

  it('rewrites an inlined schema by its origin, and leaves keys named __proto__ keys', () => {
    const original = document();
    const inlined = JSON.parse('{"type":"object","required":["id","kind","pin","lives"],"properties":{"__proto__":{"type":"string"}}}') as object;
    const request = directedDocuments([original], new WeakMap([[inlined, at('Cat')]]), 'request')!;
    const rewritten = request.inlined(inlined) as Record<string, unknown>;
    expect(rewritten.required).toEqual(['kind', 'pin', 'lives']);
    expect(Object.keys(rewritten.properties as object)).toEqual(['__proto__']);
    expect(request.inlined(inlined)).toBe(rewritten);
  });
});

describe('the compiler by direction', () => {
  const compilerOf = (original: SchemaDocument) => {
    const union = schemasOf([original]).Union;
    return { union, compiler: createSchemaCompiler({ documents: [original], origins: new WeakMap([[union, at('Union')]]) }) };
  };

  it('validates a union in each direction, with errors that point into the document', () => {
    const { union, compiler } = compilerOf(document());
    const request = compiler.compile(union, 'request');
    expect(request({ kind: 'cat', pin: '1234', lives: 9 })).toBe(true);
    const value = { kind: 'cat', lives: 9 };
    expect(request(value)).toBe(false);
    expect(request.errors).toContainEqual(expect.objectContaining({ keyword: 'required', params: { missingProperty: 'pin' } }));
    const plain = compiler.compile(union);
    expect(plain(value)).toBe(false);
    const places = (errors: typeof plain.errors) => (errors ?? []).map((error) => `${error.instancePath} ${error.schemaPath} ${error.message}`);
    const asWritten = places(plain.errors);
    for (const place of places(request.errors)) expect(asWritten).toContain(place);
    const response = compiler.compile(union, 'response');
    expect(response({ id: 'c1', kind: 'cat', lives: 9 })).toBe(true);
    expect(response({ kind: 'cat', lives: 9 })).toBe(false);
    expect(compiler.compile(union)({ id: 'c1', kind: 'cat', lives: 9 }), 'without a direction, required is as written').toBe(false);
    expect(compiler.compile(union, 'request')).toBe(request);
  });

  it('reads required readOnly fields of array items inside a union branch as well', () => {
    const original = document();
    const schemas = schemasOf([original]);
    const line = { type: 'object', required: ['lineId', 'sku'], properties: { lineId: { type: 'integer', readOnly: true }, sku: { type: 'string' } } };
    schemas.Basket = {
      type: 'object',
      oneOf: [
        { type: 'object', required: ['kind', 'lines'], properties: { kind: { const: 'lines' }, lines: { type: 'array', items: line } } },
        { type: 'object', required: ['kind', 'voucher'], properties: { kind: { const: 'voucher' }, voucher: { type: 'string' } } },
      ],
    };
    const compiler = createSchemaCompiler({ documents: [original], origins: new WeakMap([[schemas.Basket, at('Basket')]]) });
    const request = compiler.compile(schemas.Basket, 'request');
    expect(request({ kind: 'lines', lines: [{ sku: 'A-1' }, { sku: 'B-2' }] })).toBe(true);
    expect(request({ kind: 'lines', lines: [{ lineId: 1 }] }), 'sku is required').toBe(false);
    const response = compiler.compile(schemas.Basket, 'response');
    expect(response({ kind: 'lines', lines: [{ sku: 'A-1' }] }), 'lineId is required in answers').toBe(false);
  });

  it('gives a document without directional fields one validator for every direction', () => {
    const original = document();
    delete (schemasOf([original]).Id as Record<string, unknown>).readOnly;
    delete (schemasOf([original]).Cat.properties as Record<string, Record<string, unknown>>).pin.writeOnly;
    delete (schemasOf([original]).Dog.properties as Record<string, Record<string, unknown>>).pin.writeOnly;
    const { union, compiler } = compilerOf(original);
    expect(compiler.compile(union, 'request')).toBe(compiler.compile(union));
    expect(compiler.compile(union, 'response')).toBe(compiler.compile(union));
  });

  it("keeps the yes/no twin agreeing with the full validator (the twin compiles from the direction's copies)", () => {
    const { union, compiler } = compilerOf(document());
    const request = compiler.compile(union, 'request');
    const values = [{ kind: 'cat', pin: '1', lives: 9 }, { kind: 'dog', pin: '1', barks: 2 }, { kind: 'dog', barks: 2 }, { id: 'x', kind: 'cat', lives: 9 }, { kind: 'cow', pin: '1' }];
    for (let i = 0; i <= QUICK_CHECK_AFTER; i++) request(values[0]);
    const twin = quickTwinOf(request)!;
    expect(twin).toBeDefined();
    for (const value of values) expect(twin(value), JSON.stringify(value)).toBe(fullValidatorOf(request)(value));
    expect(values.map((value) => request(value))).toEqual([true, true, false, false, false]);
  });
});
