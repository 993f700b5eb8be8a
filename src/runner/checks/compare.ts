import { joinPointer } from '../../shared/json-pointer.ts';
import { isPlainObject } from '../../shared/plain-object.ts';

export interface Mismatch {
  /** Pointer below the compared value, e.g. `/theme` ('' for the value itself). */
  readonly pointer: string;
  readonly expected: unknown;
  readonly actual: unknown;
}

/**
 * Whether `actual` holds what was written: objects compared recursively (keys the server added are fine:
 * defaults, server fields), arrays item by item, dates and URIs by meaning rather than spelling, a written
 * null read back as absent. Returns the first difference.
 *
 * @example
 * findMismatch({ theme: 'dark' }, { theme: 'light' }, schema); // { pointer: '/theme', expected: 'dark', actual: 'light' }
 */
export function findMismatch(expected: unknown, actual: unknown, schema?: unknown, pointer = ''): Mismatch | undefined {
  const node = isPlainObject(schema) ? schema : {};
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) return { pointer, expected, actual };
    const properties = isPlainObject(node.properties) ? node.properties : {};
    for (const [key, value] of Object.entries(expected)) {
      const found = findMismatch(value, actual[key], properties[key], joinPointer(pointer, key));
      if (found) return found;
    }
    return undefined;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return { pointer, expected, actual };
    for (let index = 0; index < expected.length; index++) {
      const found = findMismatch(expected[index], actual[index], node.items, `${pointer}/${index}`);
      if (found) return found;
    }
    return undefined;
  }
  if (expected === null && (actual === null || actual === undefined)) return undefined;
  if (sameScalar(expected, actual, node.format)) return undefined;
  return { pointer, expected, actual };
}

function sameScalar(expected: unknown, actual: unknown, format: unknown): boolean {
  if (expected === actual) return true;
  if (typeof expected !== 'string' || typeof actual !== 'string') return false;
  if (format === 'date-time' || format === 'date') {
    const a = Date.parse(expected);
    return !Number.isNaN(a) && a === Date.parse(actual);
  }
  if (format === 'uri' || format === 'url') {
    try {
      return new URL(expected).href === new URL(actual).href;
    } catch {
      return false;
    }
  }
  return false;
}
