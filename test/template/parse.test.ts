import { describe, expect, it } from 'vitest';
import { hasExpressions, isDirective, parseExpression, parseString, wholeExpression } from '../../src/template/parse.ts';

describe('parseExpression', () => {
  it.each([
    ['uuid', { kind: 'uuid' }],
    [' now ', { kind: 'now' }],
    ['hex:24', { kind: 'random', alphabet: 'hex', length: '24' }],
    ['alnum:8', { kind: 'random', alphabet: 'alnum', length: '8' }],
    ['digits:6', { kind: 'random', alphabet: 'digits', length: '6' }],
    ['record.session_id', { kind: 'path', path: 'record.session_id' }],
    [' principal ', { kind: 'path', path: 'principal' }],
    // An unknown generator name is a path (it renders as undefined), not an error.
    ['base64:4', { kind: 'path', path: 'base64:4' }],
    ['hex', { kind: 'path', path: 'hex' }],
  ])('%s', (source, expected) => {
    expect(parseExpression(source)).toEqual(expected);
  });
});

describe('wholeExpression', () => {
  it('is the expression of a string that is exactly one ${expr}', () => {
    expect(wholeExpression('${record}')).toEqual({ kind: 'path', path: 'record' });
    expect(wholeExpression('${ record.id }')).toEqual({ kind: 'path', path: 'record.id' });
  });

  it('is undefined for text around or between expressions', () => {
    expect(wholeExpression('id-${record.id}')).toBeUndefined();
    expect(wholeExpression('${a}${b}')).toBeUndefined();
    expect(wholeExpression('plain')).toBeUndefined();
    expect(wholeExpression('${}')).toBeUndefined();
  });
});

describe('parseString', () => {
  it('splits text and expressions in order, dropping empty text', () => {
    expect(parseString('csn_${alnum:28}')).toEqual([
      { kind: 'text', text: 'csn_' },
      { kind: 'expr', expr: { kind: 'random', alphabet: 'alnum', length: '28' } },
    ]);
    expect(parseString('${path.project}/${uuid}!')).toEqual([
      { kind: 'expr', expr: { kind: 'path', path: 'path.project' } },
      { kind: 'text', text: '/' },
      { kind: 'expr', expr: { kind: 'uuid' } },
      { kind: 'text', text: '!' },
    ]);
  });

  it('keeps an unclosed ${ as text', () => {
    expect(parseString('a ${b')).toEqual([{ kind: 'text', text: 'a ${b' }]);
    expect(hasExpressions('a ${b')).toBe(true);
    expect(hasExpressions('a $b {c}')).toBe(false);
  });
});

describe('isDirective', () => {
  it('names the $map and $mapObject directives only', () => {
    expect(isDirective({ $map: '${violations}', to: {} })).toBe(true);
    expect(isDirective({ $mapObject: '${violations}', key: 'k', value: 'v' })).toBe(true);
    expect(isDirective({ map: 'x' })).toBe(false);
  });
});
