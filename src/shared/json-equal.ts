import { isPlainObject } from './plain-object.ts';

/**
 * JSON equality (RFC 6902 §4.6): members in any order, items in order, numbers by value. Plain data only,
 * so it runs in the browser bundle too (node:util's isDeepStrictEqual does not).
 *
 * @example
 * jsonEqual({ a: [1, 2], b: 1 }, { b: 1, a: [1, 2] }); // true
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key], b[key]));
}
