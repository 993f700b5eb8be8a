import { describe, expect, it } from 'vitest';
import { singular } from '../../src/contract/infer/names.ts';

describe('singular', () => {
  it.each([
    ['pets', 'pet'], ['categories', 'category'], ['addresses', 'address'], ['boxes', 'box'], ['matches', 'match'],
    ['aliases', 'alias'], ['statuses', 'status'], ['databases', 'database'], ['responses', 'response'], ['data', 'data'],
  ])('%s -> %s', (plural, one) => {
    expect(singular(plural)).toBe(one);
  });
});
