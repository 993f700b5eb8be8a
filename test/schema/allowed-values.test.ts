import { describe, expect, it } from 'vitest';
import { allowedValues } from '../../src/schema/allowed-values.ts';

describe('allowedValues: what enum and const allow', () => {
  it('is the enum, or the const alone (a const of null or false included), or undefined with neither', () => {
    expect(allowedValues({ type: 'string', enum: ['a', 'b'] })).toEqual(['a', 'b']);
    expect(allowedValues({ const: null })).toEqual([null]);
    expect(allowedValues({ const: false })).toEqual([false]);
    expect(allowedValues({ type: 'string' })).toBeUndefined();
  });

  it('with both, is the const where the enum lists it (objects compared as JSON, key order aside), else nothing', () => {
    expect(allowedValues({ enum: ['user', 'bot'], const: 'bot' })).toEqual(['bot']);
    expect(allowedValues({ const: 'bot', enum: ['user', 'bot'] })).toEqual(['bot']);
    expect(allowedValues({ enum: [{ a: 1, b: [2] }], const: { b: [2], a: 1 } })).toEqual([{ b: [2], a: 1 }]);
    expect(allowedValues({ enum: ['user'], const: 'bot' })).toEqual([]);
    expect(allowedValues({ enum: [[1, 2]], const: { 0: 1, 1: 2 } })).toEqual([]);
  });

  it('reads only the schema\'s own const, not one it inherits', () => {
    expect(allowedValues(Object.create({ const: 'x' }) as Record<string, unknown>)).toBeUndefined();
  });
});
