/**
 * Media types, the one implementation: the mock reading a request body, the runner reading a response and
 * the content-type check all compare them this way.
 */

/**
 * The type without parameters, lower case.
 *
 * @example
 * mediaTypeOf('Application/JSON; charset=utf-8'); // 'application/json'
 */
export function mediaTypeOf(contentType: string): string {
  const end = contentType.indexOf(';');
  return (end < 0 ? contentType : contentType.slice(0, end)).trim().toLowerCase();
}

/** `application/json`, `application/problem+json`, `application/jsonc`... */
export function isJsonMediaType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = mediaTypeOf(contentType);
  return type === 'application/json' || type.endsWith('+json') || type.endsWith('/jsonc');
}

/**
 * Whether a documented (or accepted) media type covers an actual one: the same type, a wildcard
 * (`*\/*`, `text/*`), or `application/json` for any `+json` type.
 *
 * @example
 * mediaTypeMatches('application/json', 'application/problem+json'); // true
 */
export function mediaTypeMatches(documented: string, actual: string): boolean {
  const type = mediaTypeOf(documented);
  const given = mediaTypeOf(actual);
  if (type === given || type === '*/*') return true;
  if (type.endsWith('/*')) return given.startsWith(type.slice(0, -1));
  return type === 'application/json' && given.endsWith('+json');
}
