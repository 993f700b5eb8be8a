import { describe, expect, it } from 'vitest';
import { expiresAt, isExpired } from '../../src/rules/expiry.ts';
import { hasOwner, isOwner, mayModify, onlyOwnerModifies, ownerInferred, withoutOwnerOnly } from '../../src/rules/owner.ts';
import { setOnceConflict, setOnceOmits } from '../../src/rules/set-once.ts';
import { isPrivate, isVisibleTo, shapeVisibility, visibilityField } from '../../src/rules/visibility.ts';
import { resourceWith } from './support.ts';

describe('visibility', () => {
  const resource = resourceWith({ visibility: { field: 'visibility', private: ['private'], viewers: ['host', 'members'] } });
  it('a public record is seen by anyone; a private one by its viewers only', () => {
    expect(isVisibleTo(resource, { visibility: 'public' }, undefined)).toBe(true);
    expect(isPrivate(resource, { visibility: 'private' })).toBe(true);
    expect(isVisibleTo(resource, { visibility: 'private', host: 'a' }, 'a')).toBe(true);
    expect(isVisibleTo(resource, { visibility: 'private', host: 'a', members: ['b'] }, 'b')).toBe(true);
    expect(isVisibleTo(resource, { visibility: 'private', host: 'a', members: ['b'] }, 'c')).toBe(false);
    expect(isVisibleTo(resource, { visibility: 'private', host: 'a' }, undefined)).toBe(false);
    expect(isVisibleTo(resourceWith(), { visibility: 'private' }, 'x')).toBe(true);
  });

  it('shapes a workflow body private, or public by leaving a private value out', () => {
    const body: Record<string, unknown> = {};
    shapeVisibility(resource, body, 'private', () => {});
    expect(body.visibility).toBe('private');
    const dropped: string[] = [];
    shapeVisibility(resource, { visibility: 'private' }, 'public', (field) => dropped.push(field));
    expect(dropped).toEqual(['visibility']);
  });
});

describe('owner', () => {
  const resource = resourceWith({ owner: { field: 'owner', modify: 'ownerOnly' }, inferredRules: new Set(['generated:owner']) });
  it('the owner field names who may modify; a record without one is anyone\'s', () => {
    expect(isOwner(resource, { owner: 'a' }, 'a')).toBe(true);
    expect(isOwner(resource, { owner: 'a' }, 'b')).toBe(false);
    expect(isOwner(resource, {}, 'b')).toBe(true);
    expect(mayModify(resource, { owner: 'a' }, 'b')).toBe(false);
    expect(mayModify(resourceWith({ owner: { field: 'owner', modify: 'anyone' } }), { owner: 'a' }, 'b')).toBe(true);
  });

  it('says who may modify and what others see, without the caller reading the rule', () => {
    const anyone = resourceWith({ owner: { field: 'owner', modify: 'anyone' }, ownerOnlyFields: ['secret'] });
    expect([hasOwner(resource), onlyOwnerModifies(resource)]).toEqual([true, true]);
    expect([hasOwner(anyone), onlyOwnerModifies(anyone), hasOwner(resourceWith())]).toEqual([true, false, false]);
    expect(withoutOwnerOnly(anyone, { name: 'n', secret: 's' })).toEqual({ name: 'n' });
    expect(visibilityField(resourceWith({ visibility: { field: 'visibility', private: ['private'], viewers: [] } }))).toBe('visibility');
    expect(visibilityField(resourceWith())).toBeUndefined();
  });

  it('is inferred when the rule or the generated owner field is', () => {
    expect(ownerInferred(resource)).toBe(true);
    expect(ownerInferred(resourceWith({ owner: { field: 'owner', modify: 'anyone' } }))).toBe(false);
  });
});

describe('setOnce', () => {
  const resource = resourceWith({ setOnce: { user: ['user', 'userDetails'] } });
  it('a trigger written when the field is set is a conflict', () => {
    expect(setOnceConflict(resource, { user: 'u' }, { userDetails: {} })).toBe('user');
    expect(setOnceConflict(resource, { user: 'u' }, { userDetails: null })).toBeUndefined();
    expect(setOnceConflict(resource, { user: null }, { user: 'v' })).toBeUndefined();
    expect(setOnceOmits(resource)).toEqual(['user', 'user', 'userDetails']);
  });
});

describe('expiry', () => {
  const resource = resourceWith({ expiry: { after: 60, unless: 'keep' } });
  it('a record expires `after` seconds from creation unless the body keeps it', () => {
    expect(expiresAt(resource, {}, 1000)).toBe(61_000);
    expect(expiresAt(resource, { keep: true }, 1000)).toBeUndefined();
    expect(expiresAt(resource, { keep: 'false' }, 1000)).toBe(61_000);
    expect(expiresAt(resource, { keep: 0 }, 1000)).toBe(61_000);
    expect(expiresAt(resourceWith(), {}, 1000)).toBeUndefined();
  });

  it('is expired from that instant on', () => {
    expect(isExpired(61_000, 60_999)).toBe(false);
    expect(isExpired(61_000, 61_000)).toBe(true);
    expect(isExpired(undefined, 1e15)).toBe(false);
  });
});
