// Parts of seeded records that generate.ts makes the same way for every record of a resource.
import type { ResourceModel } from '../contract/model.ts';
import type { ResourceFixture } from './spec.ts';

/** The scope value of a scope parameter the fixtures file gives no list for. */
const DEFAULT_SCOPE_VALUE = 'demo';

/**
 * Each record's scope (the values of the resource's scope parameters, cycling through the fixture's lists):
 * records with the same values share one object (seeded records are frozen: nothing writes to it).
 */
export function scopes(resource: ResourceModel, fixture: ResourceFixture): (index: number) => Record<string, string> {
  if (resource.scope.length === 0) {
    const none = {};
    return () => none;
  }
  const made = new Map<string, Record<string, string>>();
  return (index) => {
    const values = resource.scope.map((param) => String(cycle(fixture.scope?.[param], index) ?? DEFAULT_SCOPE_VALUE));
    const name = values.join('\u0000');
    let scope = made.get(name);
    if (!scope) {
      scope = Object.fromEntries(resource.scope.map((param, i) => [param, values[i]]));
      made.set(name, scope);
    }
    return scope;
  };
}

/**
 * The record without its transient fields, as a copy when it holds any: deleting a field turns a V8 object
 * into a slow dictionary, some hundred bytes more per record (gigs-connect-sessions' `url`). Same keys, order
 * and values as deleting them.
 */
export function withoutTransient(data: Record<string, unknown>, transient: readonly string[]): Record<string, unknown> {
  if (!transient.some((field) => Object.hasOwn(data, field))) return data;
  const stored: Record<string, unknown> = {};
  for (const key of Object.keys(data)) {
    if (transient.includes(key)) continue;
    if (key === '__proto__') Object.defineProperty(stored, key, { value: data[key], enumerable: true, writable: true, configurable: true });
    else stored[key] = data[key];
  }
  return stored;
}

function cycle<T>(values: readonly T[] | undefined, index: number): T | undefined {
  return values && values.length > 0 ? values[index % values.length] : undefined;
}
