import { describe, expect, it } from 'vitest';
import { setOnceFields, setOnceWrites } from '../../src/rules/set-once.ts';
import { resourceWith } from './support.ts';

// What the runner asks the set-once rule when it plans the workflow that proves it.
const resource = resourceWith({ setOnce: { user: ['user', 'userDetails'], keep: ['keep'] } });

describe('setOnceWrites: the write that sets the field, and the one a correct server refuses', () => {
  it('sets the field directly where a body can carry it, then writes another trigger', () => {
    expect(setOnceFields(resource)).toEqual(['user', 'keep']);
    expect(setOnceWrites(resource, 'user', () => true)).toEqual({ first: 'user', second: 'userDetails' });
  });

  it('sets it through a trigger when the field itself cannot be written', () => {
    expect(setOnceWrites(resource, 'user', (trigger) => trigger === 'userDetails')).toEqual({ first: 'userDetails', second: 'userDetails' });
  });

  it('writes the same trigger twice when it is the only one', () => {
    expect(setOnceWrites(resource, 'keep', () => true)).toEqual({ first: 'keep', second: 'keep' });
  });

  it('has nothing to plan when no trigger can be written, or the field is not set-once', () => {
    expect(setOnceWrites(resource, 'user', () => false)).toBeUndefined();
    expect(setOnceWrites(resource, 'name', () => true)).toBeUndefined();
    expect(setOnceFields(resourceWith())).toEqual([]);
  });
});
