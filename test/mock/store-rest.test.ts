import { describe, expect, it } from 'vitest';
import { MockStore } from '../../src/mock/store.ts';

/** A created record rests as the text of the body that wrote it, with what the create set over it. */
describe('a stored record at rest', () => {
  const text = '{"title":"hello","tags":["a","b"],"meta":{"n":1},"__proto__":{"x":1},"count":2}';
  const insert = () => {
    const table = new MockStore().table('notes');
    const body = JSON.parse(text) as Record<string, unknown>;
    // What a create makes of it: the body's fields, one set over, two added after.
    const data: Record<string, unknown> = {};
    for (const key of Object.keys(body)) Object.defineProperty(data, key, { value: body[key], enumerable: true, writable: true, configurable: true });
    data.count = 3;
    data.id = 'n1';
    data.created = '2026-12-06T00:00:00.000Z';
    const record = table.insert('n1', { data, scope: {}, expiresAt: undefined });
    const before = structuredClone(data);
    return { table, record, body, before, keys: Object.keys(data) };
  };

  it('reads back equal fields in the same order, set and added ones included, a __proto__ key as data', () => {
    const { table, record, body, before, keys } = insert();
    table.rest(record, text, body);
    const data = table.get('n1')!.data;
    expect(data).toEqual(before);
    expect(Object.keys(data)).toEqual(keys);
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(data, '__proto__')?.value).toEqual({ x: 1 });
    // Read once, it stays the same object; a write replaces it as before.
    expect(table.get('n1')!.data).toBe(data);
    table.get('n1')!.data = { ...data, title: 'changed' };
    expect(table.get('n1')!.data.title).toBe('changed');
  });

  it('a write before the record is read again replaces it (the text is not read back over it)', () => {
    const { table, record, body } = insert();
    table.rest(record, text, body);
    record.data = { id: 'n1', title: 'new' };
    expect(table.get('n1')!.data).toEqual({ id: 'n1', title: 'new' });
  });

  it('does not rest a record whose fields are not the body\'s with values set over and fields added after', () => {
    const { table, record, body } = insert();
    const data = record.data;
    const moved = { id: 'n1', ...data };
    record.data = moved;
    table.rest(record, text, body);
    expect(table.get('n1')!.data).toBe(moved);
    const fewer = { title: 'hello' };
    record.data = fewer;
    table.rest(record, text, body);
    expect(table.get('n1')!.data).toBe(fewer);
  });
});
