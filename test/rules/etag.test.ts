import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import type { ContractModel, HeaderModel } from '../../src/contract/model.ts';
import { entityTag, hasEntityTags, ifMatchHolds, ifNoneMatchHolds, isWeak, parseTags, preconditionsOf, shownTag, staleTag } from '../../src/rules/etag.ts';

describe('entity tags', () => {
  it('name a key and a revision: the same pair gives the same tag, another revision or key another', () => {
    expect(entityTag('note_1', 3)).toBe(entityTag('note_1', 3));
    expect(entityTag('note_1', 4)).not.toBe(entityTag('note_1', 3));
    expect(entityTag('note_2', 3)).not.toBe(entityTag('note_1', 3));
    expect(entityTag('note_1', 3)).toMatch(/^[0-9a-z]+-3$/);
  });

  it('are written in the first form the documented header schema accepts', () => {
    const header = (pattern: string): HeaderModel => ({ name: 'ETag', required: true, validate: Object.assign((v: unknown) => new RegExp(pattern).test(String(v)), { errors: null }) as never });
    expect(shownTag('ab-1', undefined)).toBe('"ab-1"');
    expect(shownTag('ab-1', header('^"'))).toBe('"ab-1"');
    expect(shownTag('ab-1', header('^W/'))).toBe('W/"ab-1"');
    expect(shownTag('ab-1', header('^[a-z0-9-]+$'))).toBe('ab-1');
  });

  it('are read from a header as a list, `*`, weak or bare', () => {
    expect(parseTags('*')).toBe('any');
    expect(parseTags('"a", W/"b" , c')).toEqual([{ weak: false, opaque: 'a' }, { weak: true, opaque: 'b' }, { weak: false, opaque: 'c' }]);
    expect(isWeak('W/"a"')).toBe(true);
    expect(isWeak('"a"')).toBe(false);
    expect(staleTag('"a-1"')).not.toBe('"a-1"');
    expect(ifMatchHolds(staleTag('"a-1"'), 'a-1')).toBe(false);
  });
});

describe('If-Match (strong comparison) and If-None-Match (weak)', () => {
  it('If-Match holds for the current strong tag or `*` on a record, never for a weak tag or without a record', () => {
    expect(ifMatchHolds('"x", "a-1"', 'a-1')).toBe(true);
    expect(ifMatchHolds('W/"a-1"', 'a-1')).toBe(false);
    expect(ifMatchHolds('"a-0"', 'a-1')).toBe(false);
    expect(ifMatchHolds('*', 'a-1')).toBe(true);
    expect(ifMatchHolds('*', undefined)).toBe(false);
    expect(ifMatchHolds('"a-1"', undefined)).toBe(false);
  });

  it('If-None-Match fails for the current tag, weak or strong, and `*` on a record', () => {
    expect(ifNoneMatchHolds('W/"a-1"', 'a-1')).toBe(false);
    expect(ifNoneMatchHolds('"a-1"', 'a-1')).toBe(false);
    expect(ifNoneMatchHolds('"a-0"', 'a-1')).toBe(true);
    expect(ifNoneMatchHolds('*', 'a-1')).toBe(false);
    expect(ifNoneMatchHolds('*', undefined)).toBe(true);
  });
});

describe('what a document says (etag-notes.yaml)', () => {
  let contract: ContractModel;
  beforeAll(async () => { contract = await loadContractFile(fileURLToPath(new URL('../data/openapi/etag-notes.yaml', import.meta.url))); });
  const op = (id: string) => contract.operations.find((o) => o.id === id)!;

  it('a resource has tags where one of its operations documents an ETag header; the others pay nothing', () => {
    expect(hasEntityTags(contract, op('getNote').behaviour.resource)).toBe(true);
    expect(hasEntityTags(contract, op('getTag').behaviour.resource)).toBe(false);
    expect(preconditionsOf(contract, op('getTag'))).toBeUndefined();
    expect(preconditionsOf(contract, op('createNote'))).toBeUndefined();
  });

  it('reads the parameter and status each operation documents, and whether both are (stated)', () => {
    expect(preconditionsOf(contract, op('getNote'))).toEqual({ ifMatch: false, ifMatchRequired: false, ifNoneMatch: true, stated: true });
    expect(preconditionsOf(contract, op('updateNote'))).toEqual({ ifMatch: true, ifMatchRequired: false, ifNoneMatch: false, stated: true });
    expect(preconditionsOf(contract, op('replaceNote'))).toMatchObject({ ifMatch: true, ifMatchRequired: true });
  });
});
