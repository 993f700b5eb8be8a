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
  // A comma ends it too: one media type has none, and documents write `application/json, version=1` for `;`.
  const end = contentType.search(/[;,]/);
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

/** The usual member of a wildcard's family where a body needs one type on the wire. */
const CONCRETE_OF: Readonly<Record<string, string>> = {
  text: 'text/plain', image: 'image/png', audio: 'audio/mpeg', video: 'video/mp4', font: 'font/woff2', multipart: 'multipart/mixed',
};

/**
 * A documented media type a body can actually be labelled with: a wildcard (`*\/*`, `application/*`,
 * `text/*`) is no Content-Type, so it becomes JSON where the body is JSON, else a concrete member of its
 * family; any other type is kept as written.
 *
 * @example
 * concreteMediaType('application/*', true); // 'application/json'
 * concreteMediaType('*\/*', false); // 'text/plain'
 */
export function concreteMediaType(documented: string, json: boolean): string {
  const type = mediaTypeOf(documented);
  if (!type.includes('*')) return documented;
  const family = type.split('/')[0];
  if (json && (family === '*' || family === 'application')) return 'application/json';
  if (family === '*') return 'text/plain';
  return CONCRETE_OF[family] ?? `${family}/octet-stream`;
}
