import { describe, expect, it } from 'vitest';
import { escapePointer, joinPointer, splitPointer, unescapePointer, valueAt } from '../../src/shared/json-pointer.ts';

describe('JSON pointers (RFC 6901)', () => {
  it('escape ~ before /, and unescape in the reverse order', () => {
    expect(escapePointer('a/b~c')).toBe('a~1b~0c');
    expect(escapePointer('~1')).toBe('~01');
    expect(escapePointer(3)).toBe('3');
    expect(unescapePointer('a~1b~0c')).toBe('a/b~c');
    expect(unescapePointer('~01')).toBe('~1');
    for (const segment of ['', '/', '~', '~0', '~1', 'a/~b', '//~~']) expect(unescapePointer(escapePointer(segment)), segment).toBe(segment);
  });

  it('join escaped segments onto a base, and split a pointer back into its segments', () => {
    expect(joinPointer('/paths', '/sessions', 'get')).toBe('/paths/~1sessions/get');
    expect(joinPointer('', 'items', 0)).toBe('/items/0');
    expect(joinPointer('/a')).toBe('/a');
    expect(splitPointer('')).toEqual([]);
    expect(splitPointer('/')).toEqual(['']);
    expect(splitPointer('/a~1b/0/~0')).toEqual(['a/b', '0', '~']);
    expect(splitPointer(joinPointer('', 'x/y', '', '~z'))).toEqual(['x/y', '', '~z']);
  });

  it('look values up by pointer: the root, nested objects, array indexes, escaped keys', () => {
    const doc = { a: [{ b: 1 }, null], 'c/d': { '~e': 'f' }, '': 'empty key', zero: 0 };
    expect(valueAt(doc, '')).toBe(doc);
    expect(valueAt(doc, '/a/0/b')).toBe(1);
    expect(valueAt(doc, '/a/1')).toBeNull();
    expect(valueAt(doc, '/c~1d/~0e')).toBe('f');
    expect(valueAt(doc, '/')).toBe('empty key');
    expect(valueAt(doc, '/zero')).toBe(0);
  });

  it('give undefined for what is not there: missing keys, indexes out of range, paths through scalars, inherited properties', () => {
    const doc = { a: [1], s: 'text', n: null };
    expect(valueAt(doc, '/b')).toBeUndefined();
    expect(valueAt(doc, '/a/5')).toBeUndefined();
    expect(valueAt(doc, '/a/x')).toBeUndefined();
    expect(valueAt(doc, '/s/length')).toBeUndefined();
    expect(valueAt(doc, '/n/x')).toBeUndefined();
    expect(valueAt(doc, '/toString')).toBeUndefined();
    expect(valueAt(doc, '/__proto__')).toBeUndefined();
  });
});
