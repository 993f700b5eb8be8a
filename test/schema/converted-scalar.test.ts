import { describe, expect, it } from 'vitest';
import { asDeclaredType, convertedScalar } from '../../src/schema/converted-scalar.ts';

describe('convertedScalar', () => {
  const isString = (value: unknown) => typeof value === 'string';
  const isInteger = (value: unknown) => Number.isInteger(value);

  it('shows a number or boolean as its text, and a numeric text as its number', () => {
    expect(convertedScalar(4, isString)).toBe('4');
    expect(convertedScalar(true, isString)).toBe('true');
    expect(convertedScalar('42', isInteger)).toBe(42);
  });

  it('converts nothing that would lose or invent something', () => {
    expect(convertedScalar('042', isInteger)).toBeUndefined();
    expect(convertedScalar(' ', isInteger)).toBeUndefined();
    expect(convertedScalar('abc', isInteger)).toBeUndefined();
    expect(convertedScalar({ id: 1 }, isString)).toBeUndefined();
    expect(convertedScalar(4, isInteger)).toBeUndefined();
  });
});

describe('asDeclaredType', () => {
  it('fits a value to the type the schema declares, else keeps it', () => {
    expect(asDeclaredType('4', { type: 'integer' })).toBe(4);
    expect(asDeclaredType(4, { type: ['string', 'null'] })).toBe('4');
    expect(asDeclaredType('4', { type: 'string' })).toBe('4');
    expect(asDeclaredType('x', { type: 'integer' })).toBe('x');
    expect(asDeclaredType('4', {})).toBe('4');
    expect(asDeclaredType('4', undefined)).toBe('4');
  });
});
