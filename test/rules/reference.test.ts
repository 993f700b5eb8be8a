import { describe, expect, it } from 'vitest';
import { matchesFilter } from '../../src/rules/filter.ts';
import { filterValues, referencedId, referenceIdProperty } from '../../src/rules/reference.ts';

describe('compact references', () => {
  it('finds the id property of a reference schema, and none in a schema without one', () => {
    expect(referenceIdProperty({ type: 'object', properties: { gid: { type: 'string' }, name: { type: 'string' } } })).toBe('gid');
    expect(referenceIdProperty({ type: 'object', properties: { name: { type: 'string' } } })).toBeUndefined();
    expect(referenceIdProperty({ type: 'string' })).toBeUndefined();
  });

  it('reads the id a value stands for: a scalar, or an object carrying one', () => {
    expect(referencedId('b1')).toBe('b1');
    expect(referencedId(7)).toBe('7');
    expect(referencedId({ id: 'b1', name: 'Board' })).toBe('b1');
    expect(referencedId({ name: 'Board' })).toBeUndefined();
    expect(referencedId(['b1'])).toBeUndefined();
  });

  it('a filter matches a scalar, a reference by its id, and any item of an array', () => {
    expect(matchesFilter('b1', 'b1')).toBe(true);
    expect(matchesFilter({ gid: 'b1' }, 'b1')).toBe(true);
    expect(matchesFilter([{ id: 'b2' }, { id: 'b1' }], 'b1')).toBe(true);
    expect(matchesFilter({ gid: 'b2' }, 'b1')).toBe(false);
    expect(matchesFilter({ name: 'b1' }, 'b1')).toBe(false);
    expect(matchesFilter(undefined, 'b1')).toBe(false);
    expect(filterValues(null)).toEqual(['null']);
  });
});
