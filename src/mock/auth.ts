import { decodeBase64Url, decodeJwtClaims, principalIn } from '../auth/jwt.ts';
import type { SecurityModel } from '../contract/model.ts';
import { SituationError } from './situation-error.ts';

export interface AuthOptions {
  /** When set, JWTs must carry a valid HS256 signature made with this secret. */
  readonly jwtSecret?: string;
  readonly now: () => Date;
}

/**
 * Checks the Authorization header against the contract's scheme and returns the caller's identity.
 * Opaque tokens are accepted as they are (the caller is a digest of the token, never the token itself);
 * JWTs must decode and name the caller in one of the scheme's principal claims.
 *
 * @example
 * await authenticate(security, 'jwt eyJhbGciOi...', { now: () => new Date() }); // 'user-1'
 */
export async function authenticate(security: SecurityModel, header: string | null, options: AuthOptions): Promise<string> {
  return authenticateNow(security, header, options);
}

/**
 * `authenticate` for the request path: the caller at once where nothing is left to wait for (a JWT without
 * a secret to verify, a token whose digest is known), a promise otherwise; a refusal is thrown at once.
 */
export function authenticateNow(security: SecurityModel, header: string | null, options: AuthOptions): string | Promise<string> {
  if (!header || header.trim() === '') throw refuse('The Authorization header is missing.');
  const trimmed = header.trim();
  const space = trimmed.indexOf(' ');
  const prefix = space < 0 ? trimmed : trimmed.slice(0, space);
  const token = space < 0 ? '' : trimmed.slice(space + 1).trim();
  if (prefix.toLowerCase() !== security.scheme || token === '') {
    throw refuse(`Expected "Authorization: ${displayPrefix(security)} <token>".`);
  }
  if (!security.jwt) return opaqueCaller(token);
  const claims = decodeJwt(token);
  if (!claims) throw refuse('The token is not a decodable JWT.');
  // Expired by the mock's clock or by real time: moving the clock back must not revive an expired token.
  if (typeof claims.exp === 'number' && claims.exp * 1000 <= Math.max(options.now().getTime(), Date.now())) throw refuse('The token has expired.');
  if (options.jwtSecret === undefined) return principalOf(security, claims);
  return verifyHs256(token, options.jwtSecret).then((valid) => {
    if (!valid) throw refuse('The token signature is invalid.');
    return principalOf(security, claims);
  });
}

function principalOf(security: SecurityModel, claims: Record<string, unknown>): string {
  const principal = principalIn(claims, security.principalClaims);
  if (principal !== undefined) return principal;
  throw refuse(`The token has no ${security.principalClaims.join(' or ')} claim.`);
}

function refuse(message: string): SituationError {
  return new SituationError('unauthenticated', message);
}

function displayPrefix(security: SecurityModel): string {
  return security.scheme === 'bearer' ? 'Bearer' : security.scheme === 'token' ? 'Token' : security.scheme;
}

/** Clients send the same few tokens over and over; decoding is a measurable share of a request. */
const decoded = new Map<string, Record<string, unknown> | null>();
const DECODED_LIMIT = 1000;

/** The token's claims (one lookup when known; null is kept for a token that does not decode). */
function decodeJwt(token: string): Record<string, unknown> | undefined {
  const known = decoded.get(token);
  if (known !== undefined) return known ?? undefined;
  if (decoded.size >= DECODED_LIMIT) decoded.clear();
  const claims = decodeJwtClaims(token);
  decoded.set(token, claims ?? null);
  return claims;
}

const keys = new Map<string, Promise<CryptoKey>>();

/** Web Crypto, so the same check runs in Node and in the browser. */
async function verifyHs256(token: string, secret: string): Promise<boolean> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
    keys.set(secret, key);
  }
  const [header, payload, signature] = token.split('.');
  try {
    return await crypto.subtle.verify('HMAC', await key, decodeBase64Url(signature), new TextEncoder().encode(`${header}.${payload}`));
  } catch {
    return false;
  }
}

const digests = new Map<string, Promise<string>>();
/** The same digests once computed: a known token's caller is then answered without waiting. */
const callers = new Map<string, string>();
const DIGEST_LIMIT = 1000;

/** The caller of an opaque token (`tok_` and its digest): at once when its digest is known. */
function opaqueCaller(token: string): string | Promise<string> {
  const known = callers.get(token);
  if (known !== undefined) return known;
  return digestToken(token).then((digest) => {
    if (callers.size >= DIGEST_LIMIT) callers.clear();
    callers.set(token, `tok_${digest}`);
    return `tok_${digest}`;
  });
}

/**
 * The caller of an opaque token: its full SHA-256 (Web Crypto, so the browser runs the same code), hex.
 * Collision-free in practice, so two tokens are never one user, and not reversible in logs or state dumps.
 */
function digestToken(token: string): Promise<string> {
  let digest = digests.get(token);
  if (!digest) {
    if (digests.size >= DIGEST_LIMIT) digests.clear();
    digest = crypto.subtle.digest('SHA-256', new TextEncoder().encode(token))
      .then((buffer) => Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, '0')).join(''));
    digests.set(token, digest);
  }
  return digest;
}
