/**
 * What an OpenAPI path key holds besides the path. Some documents write a fixed query into the key
 * (`/responses?beta=true`) or a fragment naming a variant (`/files/{id}#add_shared_link`, so that one
 * endpoint can be documented twice). Neither is part of the path a server routes, and a client never
 * sends the fragment. The mock's routes, the runner's URLs and the endpoint variants all read keys here.
 */

/** The path a server routes for a key: `/files/{id}#add_link` and `/search?kind=items` -> `/files/{id}`, `/search`. */
export function routedPath(key: string): string {
  const end = key.search(/[?#]/);
  return end < 0 ? key : key.slice(0, end);
}

/**
 * The key without the query it fixes, its fragment kept: `/responses/{id}?beta=true` is the same resource
 * path as `/responses/{id}` (a flag on the same operation), `/files/{id}#add_link` another use of the path.
 */
export function withoutFixedQuery(key: string): string {
  const start = key.indexOf('?');
  if (start < 0) return key;
  const hash = key.indexOf('#', start);
  return key.slice(0, start) + (hash < 0 ? '' : key.slice(hash));
}

/** The `name=value` query a key fixes (`/responses?beta=true` -> `beta=true`), '' when it fixes none. */
export function fixedQuery(key: string): string {
  const start = key.indexOf('?');
  if (start < 0) return '';
  const hash = key.indexOf('#', start);
  return key.slice(start + 1, hash < 0 ? undefined : hash);
}

/** Whether the key is a path and nothing else. */
export function isPlainPathKey(key: string): boolean {
  return routedPath(key) === key;
}
