/**
 * JWT decoding, the one implementation: the mock authenticating a caller and the runner predicting which
 * caller its token names read tokens the same way. Web APIs only (`atob`, `TextDecoder`), so the mock runs
 * it in the browser too. Nothing here verifies a signature.
 */

/**
 * The bytes of one base64url segment; throws when it is not base64url.
 *
 * @example
 * new TextDecoder().decode(decodeBase64Url('eyJ9')); // '{"}'
 */
export function decodeBase64Url(segment: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(segment)) throw new Error('not base64url');
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(segment.length / 4) * 4, '=');
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/**
 * The claims of a JWT: three segments, a JSON object header and a JSON object payload (UTF-8); undefined
 * for anything else.
 *
 * @example
 * decodeJwtClaims('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.sig'); // { sub: 'user-1' }
 */
export function decodeJwtClaims(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const header: unknown = JSON.parse(utf8(decodeBase64Url(parts[0])));
    const payload: unknown = JSON.parse(utf8(decodeBase64Url(parts[1])));
    if (header === null || typeof header !== 'object' || payload === null || typeof payload !== 'object' || Array.isArray(payload)) return undefined;
    return payload as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** The caller the claims name: the first of `principalClaims` that holds a non-empty string or a number. */
export function principalIn(claims: Record<string, unknown>, principalClaims: readonly string[]): string | undefined {
  for (const claim of principalClaims) {
    const value = claims[claim];
    if ((typeof value === 'string' && value !== '') || typeof value === 'number') return String(value);
  }
  return undefined;
}

function utf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}
