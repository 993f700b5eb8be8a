import { describe, expect, it } from 'vitest';
import { cookiePairs, parseHeader, parsePath, parseQuery, UnreadableParameter } from '../../src/shared/parameter-style/parse.ts';
import { serializeCookie, serializeHeader, serializePath, serializeQuery } from '../../src/shared/parameter-style/serialize.ts';
import { serializationOf, valueShape, type ParameterLocation, type ParameterStyle, type StyledParameter } from '../../src/shared/parameter-style/style.ts';

/**
 * The OpenAPI 3.x table of style examples (parameter `color`; string "blue", array [blue, black, brown],
 * object {R: 100, G: 200, B: 150}), each serialized and read back.
 */
const SCHEMAS = { string: { type: 'string' }, array: { type: 'array', items: { type: 'string' } }, object: { type: 'object', properties: { R: { type: 'integer' }, G: { type: 'integer' }, B: { type: 'integer' } } } };
const VALUES = { string: 'blue', array: ['blue', 'black', 'brown'], object: { R: 100, G: 200, B: 150 } };
const READ_BACK = { string: 'blue', array: ['blue', 'black', 'brown'], object: { R: '100', G: '200', B: '150' } };
type Kind = keyof typeof VALUES;

const parameter = (location: ParameterLocation, style: ParameterStyle, explode: boolean, kind: Kind): StyledParameter =>
  ({ name: 'color', in: location, style, explode, schema: SCHEMAS[kind] });

const PATH_TABLE: [ParameterStyle, boolean, Kind, string][] = [
  ['matrix', false, 'string', ';color=blue'], ['matrix', false, 'array', ';color=blue,black,brown'], ['matrix', false, 'object', ';color=R,100,G,200,B,150'],
  ['matrix', true, 'string', ';color=blue'], ['matrix', true, 'array', ';color=blue;color=black;color=brown'], ['matrix', true, 'object', ';R=100;G=200;B=150'],
  ['label', false, 'string', '.blue'], ['label', false, 'array', '.blue,black,brown'], ['label', false, 'object', '.R,100,G,200,B,150'],
  ['label', true, 'string', '.blue'], ['label', true, 'array', '.blue.black.brown'], ['label', true, 'object', '.R=100.G=200.B=150'],
  ['simple', false, 'string', 'blue'], ['simple', false, 'array', 'blue,black,brown'], ['simple', false, 'object', 'R,100,G,200,B,150'],
  ['simple', true, 'string', 'blue'], ['simple', true, 'array', 'blue,black,brown'], ['simple', true, 'object', 'R=100,G=200,B=150'],
];

const QUERY_TABLE: [ParameterStyle, boolean, Kind, string][] = [
  ['form', false, 'string', 'color=blue'], ['form', false, 'array', 'color=blue,black,brown'], ['form', false, 'object', 'color=R,100,G,200,B,150'],
  ['form', true, 'string', 'color=blue'], ['form', true, 'array', 'color=blue&color=black&color=brown'], ['form', true, 'object', 'R=100&G=200&B=150'],
  ['spaceDelimited', false, 'array', 'color=blue%20black%20brown'], ['spaceDelimited', false, 'object', 'color=R%20100%20G%20200%20B%20150'],
  ['pipeDelimited', false, 'array', 'color=blue|black|brown'], ['pipeDelimited', false, 'object', 'color=R|100|G|200|B|150'],
  ['deepObject', true, 'object', 'color[R]=100&color[G]=200&color[B]=150'],
];

const pairsOf = (query: string) => [...new URLSearchParams(query)] as [string, string][];

describe('path styles (matrix, label, simple)', () => {
  it.each(PATH_TABLE)('%s explode=%s %s -> %s and back', (style, explode, kind, wire) => {
    const p = parameter('path', style, explode, kind);
    expect(serializePath(p, VALUES[kind])).toBe(wire);
    expect(parsePath(p, wire)).toEqual(READ_BACK[kind]);
  });

  it('percent-encodes items but not delimiters, and reads them back', () => {
    const p = parameter('path', 'simple', false, 'array');
    expect(serializePath(p, ['a,b', 'c/d'])).toBe('a%2Cb,c%2Fd');
    expect(parsePath(p, 'a%2Cb,c%2Fd')).toEqual(['a,b', 'c/d']);
  });

  it('an empty value is the bare prefix', () => {
    expect(serializePath(parameter('path', 'matrix', false, 'string'), '')).toBe(';color');
    expect(serializePath(parameter('path', 'label', false, 'string'), '')).toBe('.');
    expect(parsePath(parameter('path', 'matrix', false, 'string'), ';color')).toBe('');
  });

  it('reads a label or matrix value sent without its prefix as the plain value', () => {
    expect(parsePath(parameter('path', 'label', false, 'string'), 'blue')).toBe('blue');
    expect(parsePath(parameter('path', 'matrix', false, 'array'), 'a,b')).toEqual(['a', 'b']);
  });

  it('refuses percent-encoding that does not decode', () => {
    expect(() => parsePath(parameter('path', 'simple', false, 'string'), '%E0%A4%A')).toThrow(UnreadableParameter);
  });
});

describe('query styles (form, spaceDelimited, pipeDelimited, deepObject)', () => {
  it.each(QUERY_TABLE)('%s explode=%s %s -> %s and back', (style, explode, kind, wire) => {
    const p = parameter('query', style, explode, kind);
    expect(serializeQuery(p, VALUES[kind]).join('&')).toBe(wire);
    expect(parseQuery(p, pairsOf(wire), new Set())?.value).toEqual(READ_BACK[kind]);
  });

  it('an exploded object takes only its own properties, or every unclaimed name when it is open', () => {
    const p = parameter('query', 'form', true, 'object');
    expect(parseQuery(p, pairsOf('R=1&limit=5'), new Set(['limit']))).toEqual({ value: { R: '1' }, names: ['R'] });
    const open = { ...p, schema: { type: 'object', additionalProperties: { type: 'string' } } };
    expect(parseQuery(open, pairsOf('a=1&limit=5&b=2'), new Set(['limit']))).toEqual({ value: { a: '1', b: '2' }, names: ['a', 'b'] });
  });

  it('deepObject nests brackets and makes arrays of repeats, both ways', () => {
    const p = { ...parameter('query', 'deepObject', true, 'object'), name: 'filter', schema: { type: 'object' } };
    const value = { status: 'open', owner: { id: 7 }, tags: ['a', 'b'] };
    const wire = serializeQuery(p, value);
    expect(wire).toEqual(['filter[status]=open', 'filter[owner][id]=7', 'filter[tags]=a', 'filter[tags]=b']);
    expect(parseQuery(p, pairsOf(wire.join('&')), new Set())?.value).toEqual({ status: 'open', owner: { id: '7' }, tags: ['a', 'b'] });
    expect(parseQuery(p, pairsOf('filter[tags][]=x'), new Set())?.value).toEqual({ tags: ['x'] });
  });

  it('an array parameter sent once, or exploded where the document says otherwise, is still every value', () => {
    expect(parseQuery(parameter('query', 'form', false, 'array'), pairsOf('color=a&color=b,c'), new Set())?.value).toEqual(['a', 'b', 'c']);
    expect(parseQuery(parameter('query', 'form', true, 'array'), pairsOf('color=a'), new Set())?.value).toEqual(['a']);
    expect(parseQuery(parameter('query', 'form', false, 'array'), pairsOf('color='), new Set())?.value).toEqual([]);
    expect(parseQuery(parameter('query', 'form', true, 'string'), pairsOf('other=1'), new Set())).toBeUndefined();
  });

  it('a parameter given as content (JSON) is its JSON text', () => {
    const p = { ...parameter('query', 'form', true, 'object'), mediaType: 'application/json' };
    expect(serializeQuery(p, { a: 1 })).toEqual([`color=${encodeURIComponent('{"a":1}')}`]);
    expect(parseQuery(p, pairsOf(serializeQuery(p, { a: 1 })[0]), new Set())?.value).toEqual({ a: 1 });
  });
});

describe('headers (simple) and cookies (form)', () => {
  it.each([
    [false, 'array', 'blue,black,brown'], [false, 'object', 'R,100,G,200,B,150'], [true, 'object', 'R=100,G=200,B=150'], [false, 'string', 'blue'],
  ] as [boolean, Kind, string][])('header explode=%s %s -> %s and back', (explode, kind, wire) => {
    const p = parameter('header', 'simple', explode, kind);
    expect(serializeHeader(p, VALUES[kind])).toBe(wire);
    expect(parseHeader(p, wire)).toEqual(READ_BACK[kind]);
  });

  it.each([
    [false, 'array', ['color=blue,black,brown']], [true, 'array', ['color=blue', 'color=black', 'color=brown']],
    [false, 'object', ['color=R,100,G,200,B,150']], [true, 'object', ['R=100', 'G=200', 'B=150']],
  ] as [boolean, Kind, string[]][])('cookie explode=%s %s -> %j and back', (explode, kind, wire) => {
    const p = parameter('cookie', 'form', explode, kind);
    expect(serializeCookie(p, VALUES[kind])).toEqual(wire);
    expect(parseQuery(p, cookiePairs(wire.join('; ')), new Set())?.value).toEqual(READ_BACK[kind]);
  });
});

describe('serializationOf and valueShape', () => {
  it('fills in the defaults of each location and reads a style the location cannot take as its default', () => {
    expect(serializationOf('query', undefined, undefined)).toEqual({ style: 'form', explode: true, known: true });
    expect(serializationOf('path', undefined, undefined)).toEqual({ style: 'simple', explode: false, known: true });
    expect(serializationOf('path', 'deepObject', true)).toEqual({ style: 'simple', explode: true, known: false });
    expect(serializationOf('query', 'pipeDelimited', undefined)).toEqual({ style: 'pipeDelimited', explode: false, known: true });
  });

  it('tells arrays, objects and scalars apart, through type lists and combinators', () => {
    expect(valueShape({ type: ['array', 'null'], items: {} })).toBe('array');
    expect(valueShape({ properties: { a: {} } })).toBe('object');
    expect(valueShape({ oneOf: [{ type: 'object' }, { type: 'object', properties: {} }] })).toBe('object');
    expect(valueShape({ type: 'integer' })).toBe('scalar');
  });
});

describe('hostile names', () => {
  it('never reaches a prototype, and ignores names nested past 32 levels', () => {
    const p = { ...parameter('query', 'deepObject', true, 'object'), name: 'f', schema: { type: 'object' } };
    const read = parseQuery(p, pairsOf('f[__proto__][polluted]=1&f[a][__proto__]=2&f[ok]=3'), new Set());
    expect(read?.value).toEqual({ ok: '3' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(parseQuery(p, pairsOf(`f${'[a]'.repeat(40)}=1`), new Set())).toBeUndefined();
    const open = { ...parameter('query', 'form', true, 'object'), schema: { type: 'object', additionalProperties: { type: 'array' } } };
    expect(Object.getPrototypeOf(parseQuery(open, pairsOf('__proto__=x&a=1'), new Set())?.value)).toBe(Object.prototype);
    expect(parsePath(parameter('path', 'simple', true, 'object'), '__proto__=1,R=2')).toEqual({ R: '2' });
  });
});
