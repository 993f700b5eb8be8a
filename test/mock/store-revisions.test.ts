import { describe, expect, it } from 'vitest';
import { MockStore, revisionOf, touchRecord } from '../../src/mock/store.ts';

/** The per-record revision entity tags name (rules/etag.ts): bumped by every write, never reused. */
describe('record revisions', () => {
  const seeded = () => {
    const store = new MockStore();
    store.restore({ notes: { records: [{ data: { id: 'a', title: 'seeded' }, scope: {} }] } }, () => 'id');
    return store;
  };

  it('are 0 for a seeded record and stay while nothing writes it', () => {
    const store = seeded();
    const record = store.table('notes').get('a')!;
    expect(revisionOf(record)).toBe(0);
    void record.data.title;
    expect(revisionOf(store.table('notes').get('a')!)).toBe(0);
  });

  it('change with a write of the data, of a section (touch), and for every inserted record', () => {
    const store = seeded();
    const table = store.table('notes');
    const record = table.get('a')!;
    record.data = { ...record.data, title: 'changed' };
    const afterData = revisionOf(record);
    expect(afterData).toBeGreaterThan(0);
    touchRecord(record);
    expect(revisionOf(record)).toBeGreaterThan(afterData);
    const inserted = table.insert('b', { data: { id: 'b' }, scope: {}, expiresAt: undefined });
    expect(revisionOf(inserted)).toBeGreaterThan(revisionOf(record));
  });

  it('after a reset: seeded records are back at 0, and a new write never reuses a revision shown before', () => {
    const store = seeded();
    const before = store.table('notes').get('a')!;
    before.data = { ...before.data, title: 'changed' };
    const shown = revisionOf(before);
    store.restore({ notes: { records: [{ data: { id: 'a', title: 'seeded' }, scope: {} }] } }, () => 'id');
    const after = store.table('notes').get('a')!;
    expect(revisionOf(after)).toBe(0);
    after.data = { ...after.data, title: 'again' };
    expect(revisionOf(after)).toBeGreaterThan(shown);
  });
});
