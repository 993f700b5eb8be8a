import { describe, expect, it } from 'vitest';
import { applyVersion, currentVersion, expectedVersion, isStale, staleVersion, versionField, versionToSend } from '../../src/rules/versioning.ts';
import { resourceWith } from './support.ts';

const resource = resourceWith({ versioning: { field: 'version', initial: 1 } });

describe('versioning', () => {
  it('starts at the initial value and grows by one per update', () => {
    const data: Record<string, unknown> = { version: 99 };
    applyVersion(resource, data, 'create');
    expect(data.version).toBe(1);
    const next: Record<string, unknown> = {};
    applyVersion(resource, next, 'update', { version: 4 });
    expect(next.version).toBe(5);
    applyVersion(resource, next, 'update', {});
    expect(next.version).toBe(2);
  });

  it('a record without a version counts as the initial one', () => {
    expect(currentVersion(resource, {})).toBe(1);
    expect(currentVersion(resource, { version: 3 })).toBe(3);
    expect(currentVersion(resourceWith(), { version: 3 })).toBeUndefined();
  });

  it('a body with any other version than the current one is stale; none at all is not', () => {
    expect(isStale(resource, { version: 2 }, { version: 1 })).toBe(true);
    expect(isStale(resource, { version: 2 }, { version: 2 })).toBe(false);
    expect(isStale(resource, { version: 2 }, {})).toBe(false);
    expect(isStale(resourceWith(), { version: 2 }, { version: 1 })).toBe(false);
  });

  it('what a correct server shows after each event', () => {
    expect(expectedVersion(resource, 'create', undefined)).toBe(1);
    expect(expectedVersion(resource, 'update', 3)).toBe(4);
    expect(expectedVersion(resource, undefined, 3)).toBe(3);
    expect(expectedVersion(resource, 'update', undefined)).toBeUndefined();
    expect(expectedVersion(resourceWith(), 'create', undefined)).toBeUndefined();
  });

  it('what a client sends: the last version shown, else the initial; a stale one is any other', () => {
    expect(versionField(resource)).toBe('version');
    expect(versionToSend(resource, 4)).toBe(4);
    expect(versionToSend(resource, undefined)).toBe(1);
    expect(versionToSend(resource, '4')).toBe(1);
    expect(staleVersion(resource, 4)).toBe(3);
    // At the initial version, one below might never have existed: one above is just as stale.
    expect(staleVersion(resource, 1)).toBe(2);
    expect(isStale(resource, { version: 4 }, { version: staleVersion(resource, 4) })).toBe(true);
    expect([versionField(resourceWith()), versionToSend(resourceWith(), 4), staleVersion(resourceWith(), 4)]).toEqual([undefined, undefined, undefined]);
  });
});
