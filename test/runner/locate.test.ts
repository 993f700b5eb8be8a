import { describe, expect, it } from 'vitest';
import { extractItems, extractRecord, locateRecord, pointerOfField, valueAt } from '../../src/runner/locate.ts';

describe('locateRecord', () => {
  it('finds the whole record at the root', () => {
    expect(locateRecord('${record}')).toMatchObject({ whole: '', items: undefined });
  });

  it('finds the record inside an envelope', () => {
    expect(locateRecord({ appConnection: '${record}' }).whole).toBe('/appConnection');
  });

  it('finds single fields, nested ones included', () => {
    const location = locateRecord({ success: true, session_id: '${record.session_id}', endgrate: { provider: '${record.provider}', provider_info: {} } });
    expect(location.whole).toBeUndefined();
    expect([...location.fields]).toEqual([['session_id', '/session_id'], ['provider', '/endgrate/provider']]);
  });

  it('finds list items, counts and sections', () => {
    expect(locateRecord({ appConnections: '${items}' }).items).toBe('/appConnections');
    expect(locateRecord({ count: '${count}' }).count).toBe('/count');
    expect(locateRecord('${section}').section).toBe('');
  });

  it('ignores interpolated strings, other variables, directives and empty templates', () => {
    const location = locateRecord({ a: 'id-${record.id}', b: '${body.session_id}', c: { $map: '${violations}', to: { x: '${record}' } } });
    expect(location).toMatchObject({ whole: undefined, items: undefined });
    expect(location.fields.size).toBe(0);
    expect(locateRecord(null).whole).toBeUndefined();
  });

  it('escapes keys as JSON pointers', () => {
    expect(locateRecord({ 'a/b': { '~c': '${record}' } }).whole).toBe('/a~1b/~0c');
  });
});

describe('extractRecord', () => {
  it('returns the whole record where the template puts it', () => {
    expect(extractRecord(locateRecord({ appConnection: '${record}' }), { appConnection: { name: 'a' } })).toEqual({ name: 'a' });
  });

  it('rebuilds the record from single fields', () => {
    const location = locateRecord({ session_id: '${record.session_id}', deep: { x: '${record.conf.mode}' } });
    expect(extractRecord(location, { session_id: 'abc', deep: { x: 'push' } })).toEqual({ session_id: 'abc', conf: { mode: 'push' } });
  });

  it('is undefined when the body does not hold the record', () => {
    expect(extractRecord(locateRecord('${record}'), 'text')).toBeUndefined();
    expect(extractRecord(locateRecord({ session_id: '${record.session_id}' }), {})).toBeUndefined();
    expect(extractRecord(locateRecord({}), { a: 1 })).toBeUndefined();
  });

  it('extracts list items', () => {
    expect(extractItems(locateRecord('${items}'), [{ a: 1 }])).toEqual([{ a: 1 }]);
    expect(extractItems(locateRecord({ list: '${items}' }), { list: 'nope' })).toBeUndefined();
  });

  it('says where a field sits in the body', () => {
    expect(pointerOfField(locateRecord({ appConnection: '${record}' }), 'label')).toBe('/appConnection/label');
    expect(pointerOfField(locateRecord({ e: { p: '${record.provider}' } }), 'provider')).toBe('/e/p');
  });
});

describe('valueAt', () => {
  it('follows RFC 6901 pointers through objects and arrays', () => {
    const body = { 'a/b': [{ '~k': 1 }] };
    expect(valueAt(body, '/a~1b/0/~0k')).toBe(1);
    expect(valueAt(body, '')).toBe(body);
    expect(valueAt(body, '/missing/x')).toBeUndefined();
  });
});
