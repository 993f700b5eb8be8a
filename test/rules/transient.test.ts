import { describe, expect, it } from 'vitest';
import { asRead, isTransient, producedBy, setEvents, transientFields, transientRules, withoutTransient, writeEvents } from '../../src/rules/transient.ts';
import { resourceWith } from './support.ts';

const resource = resourceWith({ transient: { token: { value: '${alnum:8}', on: ['create', 'set:user'] } } });

describe('events', () => {
  it('an update raises set:<field> for each field that goes from empty to a value', () => {
    expect(setEvents({ user: null, name: 'a', size: 1 }, { user: 'u', name: 'b', size: undefined, extra: 0 })).toEqual(['set:user', 'set:extra']);
    expect(setEvents(undefined, { a: 1 })).toEqual(['set:a']);
  });

  it('a create is `create`; other events raise nothing', () => {
    expect(writeEvents('create', undefined, { user: 'u' })).toEqual(['create']);
    expect(writeEvents('update', { user: null }, { user: 'u' })).toEqual(['set:user']);
    expect(writeEvents(undefined, {}, { user: 'u' })).toEqual([]);
  });

  it('producedBy: the rule events among those raised', () => {
    expect(producedBy(resource.transient.token, ['set:user', 'set:name'])).toEqual(['set:user']);
    expect(producedBy(resource.transient.token, ['set:name'])).toEqual([]);
  });
});

describe('storage', () => {
  it('never stores a transient field, reads it as null', () => {
    expect(isTransient(resource, 'token')).toBe(true);
    expect(isTransient(resource, 'name')).toBe(false);
    expect(transientFields(resource)).toEqual(['token']);
    expect(transientRules(resource)).toEqual([['token', { value: '${alnum:8}', on: ['create', 'set:user'] }]]);
    expect(transientFields(resourceWith())).toEqual([]);
    const data: Record<string, unknown> = { id: 'a', token: 'secret' };
    withoutTransient(resource, data);
    expect(data).toEqual({ id: 'a' });
    expect(asRead(resource, data)).toEqual({ id: 'a', token: null });
  });
});
