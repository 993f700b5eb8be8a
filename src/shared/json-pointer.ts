/**
 * JSON pointers (RFC 6901), the one implementation: contract errors, schema violations, fixture problems
 * and runner findings all name places this way.
 */

/**
 * Escapes one segment: `~` as `~0`, then `/` as `~1`.
 *
 * @example
 * escapePointer('a/b~c'); // 'a~1b~0c'
 */
export function escapePointer(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Undoes `escapePointer` (`~1` first, so that `~01` stays `~1`).
 *
 * @example
 * unescapePointer('a~1b~0c'); // 'a/b~c'
 */
export function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * Appends escaped segments to a pointer.
 *
 * @example
 * joinPointer('/paths', '/sessions', 'get'); // '/paths/~1sessions/get'
 */
export function joinPointer(base: string, ...segments: (string | number)[]): string {
  return base + segments.map((segment) => `/${escapePointer(segment)}`).join('');
}

/**
 * The unescaped segments of a pointer; the root `''` has none.
 *
 * @example
 * splitPointer('/a~1b/0'); // ['a/b', '0']
 */
export function splitPointer(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map(unescapePointer);
}

/**
 * The value a pointer names, or undefined when a segment is missing. Only own properties count, and an
 * array takes its segment as an index.
 *
 * @example
 * valueAt({ a: [{ b: 1 }] }, '/a/0/b'); // 1
 */
export function valueAt(root: unknown, pointer: string): unknown {
  let value: unknown = root;
  for (const segment of splitPointer(pointer)) {
    if (Array.isArray(value)) value = value[Number(segment)];
    else if (value !== null && typeof value === 'object') value = Object.hasOwn(value, segment) ? (value as Record<string, unknown>)[segment] : undefined;
    else return undefined;
  }
  return value;
}

/** The object a pointer names (not an array), or undefined. */
export function objectAt(root: unknown, pointer: string): Record<string, unknown> | undefined {
  const node = valueAt(root, pointer);
  return node !== null && typeof node === 'object' && !Array.isArray(node) ? node as Record<string, unknown> : undefined;
}
