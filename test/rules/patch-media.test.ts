import { describe, expect, it } from 'vitest';
import { applyJsonPatch } from '../../src/rules/json-patch.ts';
import { jsonEqual } from '../../src/shared/json-equal.ts';
import { MAX_JSON_DEPTH } from '../../src/shared/json-nesting.ts';
import { mergePatch, patchFormatOf, patchedFields } from '../../src/rules/patch-media.ts';

describe('patch formats', () => {
  it('are named by the media type, parameters and case aside', () => {
    expect(patchFormatOf('application/merge-patch+json; charset=utf-8')).toBe('merge-patch');
    expect(patchFormatOf('Application/JSON-Patch+JSON')).toBe('json-patch');
    expect(patchFormatOf('application/json')).toBeUndefined();
    expect(patchFormatOf(undefined)).toBeUndefined();
  });
});

describe('merge patch (RFC 7396)', () => {
  it('merges nested objects, removes members set to null, replaces arrays and scalars', () => {
    const target = { name: 'a', tags: ['x', 'y'], address: { street: 's', city: 'c', geo: { lat: 1, lng: 2 } } };
    const patch = { tags: ['z'], address: { city: 'd', geo: { lng: null } }, extra: { deep: null, kept: 1 } };
    expect(mergePatch(target, patch)).toEqual({ name: 'a', tags: ['z'], address: { street: 's', city: 'd', geo: { lat: 1 } }, extra: { kept: 1 } });
    expect(target.address.city).toBe('c');
  });

  it('replaces a scalar or array target by an object patch, and anything by a non-object patch', () => {
    expect(mergePatch('text', { a: 1 })).toEqual({ a: 1 });
    expect(mergePatch([1, 2], { a: null })).toEqual({});
    expect(mergePatch({ a: 1 }, [3])).toEqual([3]);
  });

  it('keeps a `__proto__` member as data', () => {
    const merged = mergePatch({}, JSON.parse('{"__proto__": {"polluted": true}}')) as Record<string, unknown>;
    expect(Object.hasOwn(merged, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports the top-level fields it writes and the ones it removes', () => {
    const outcome = patchedFields('merge-patch', { a: { b: 1, c: 2 }, d: 1 }, { a: { c: 3 }, d: null });
    expect(outcome).toEqual({ ok: true, fields: { set: { a: { b: 1, c: 3 } }, removed: ['d'] } });
  });
});

describe('JSON patch (RFC 6902)', () => {
  const doc = { name: 'a', tags: ['x', 'y'], address: { city: 'c' } };

  it('applies every operation in order on a copy', () => {
    const outcome = applyJsonPatch(doc, [
      { op: 'add', path: '/tags/-', value: 'z' },
      { op: 'add', path: '/tags/0', value: 'w' },
      { op: 'remove', path: '/tags/1' },
      { op: 'replace', path: '/address/city', value: 'd' },
      { op: 'copy', from: '/name', path: '/alias' },
      { op: 'move', from: '/address', path: '/home' },
      { op: 'test', path: '/home/city', value: 'd' },
      { op: 'add', path: '/a~1b', value: { '~': 1 } },
    ]);
    expect(outcome).toEqual({ ok: true, value: { name: 'a', tags: ['w', 'y', 'z'], alias: 'a', home: { city: 'd' }, 'a/b': { '~': 1 } } });
    expect(doc).toEqual({ name: 'a', tags: ['x', 'y'], address: { city: 'c' } });
  });

  it('fails whole on a failed test or a missing path, leaving the document untouched', () => {
    const failedTest = applyJsonPatch(doc, [{ op: 'replace', path: '/name', value: 'b' }, { op: 'test', path: '/name', value: 'a' }]);
    expect(failedTest).toMatchObject({ ok: false, failure: 'conflict', pointer: '/1' });
    for (const operation of [
      { op: 'remove', path: '/nope' }, { op: 'replace', path: '/nope/x', value: 1 }, { op: 'add', path: '/tags/5', value: 1 },
      { op: 'remove', path: '/tags/01' }, { op: 'copy', from: '/gone', path: '/x' }, { op: 'add', path: '/name/x', value: 1 },
    ]) {
      expect(applyJsonPatch(doc, [operation]), JSON.stringify(operation)).toMatchObject({ ok: false, failure: 'conflict' });
    }
    expect(doc.name).toBe('a');
  });

  it('refuses a patch document that is not one', () => {
    for (const patch of [{ op: 'add' }, [{ op: 'frobnicate', path: '/a' }], [{ op: 'add', path: '/a' }], [{ op: 'remove', path: 'name' }], [{ op: 'move', from: '/address', path: '/address/inner' }], [null]]) {
      expect(applyJsonPatch(doc, patch), JSON.stringify(patch)).toMatchObject({ ok: false, failure: 'malformed' });
    }
  });

  it('compares values as JSON: members in any order, items in order', () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual({ a: undefined }, {})).toBe(false);
  });

  it('reports the top-level fields that changed and the ones that went away', () => {
    const outcome = patchedFields('json-patch', { id: 1, name: 'a', note: 'n', tags: ['x'] }, [
      { op: 'remove', path: '/note' }, { op: 'add', path: '/tags/-', value: 'y' }, { op: 'test', path: '/id', value: 1 },
    ]);
    expect(outcome).toEqual({ ok: true, fields: { set: { tags: ['x', 'y'] }, removed: ['note'] } });
    expect(patchedFields('json-patch', { a: 1 }, [{ op: 'replace', path: '', value: [] }])).toMatchObject({ ok: false, failure: 'conflict' });
  });
});

describe('JSON patch bounds', () => {
  it('refuses a patch that copies the document into itself until it is huge', () => {
    const ops = Array.from({ length: 40 }, (_, i) => ({ op: 'copy', from: '', path: `/c${i}` }));
    // Unbounded, the 40 doublings would ask for terabytes.
    expect(applyJsonPatch({ a: [1, 2, 3] }, ops)).toMatchObject({ ok: false, failure: 'invalid' });
  });

  it('refuses a result nested deeper than a body may be, and takes one just within it', () => {
    const nested = (levels: number) => {
      let deep: unknown = 1;
      for (let i = 0; i < levels; i++) deep = { d: deep };
      return deep;
    };
    // The record is level 1; `x` holds the rest.
    expect(applyJsonPatch({}, [{ op: 'add', path: '/x', value: nested(MAX_JSON_DEPTH) }])).toMatchObject({ ok: false, failure: 'invalid' });
    expect(applyJsonPatch({}, [{ op: 'add', path: '/x', value: nested(MAX_JSON_DEPTH - 1) }])).toMatchObject({ ok: true });
    const half = nested(300);
    expect(applyJsonPatch({}, [{ op: 'add', path: '/x', value: half }, { op: 'add', path: `/x${'/d'.repeat(299)}/d`, value: half }])).toMatchObject({ ok: false, failure: 'invalid' });
  });
});
