import { createHmac } from 'node:crypto';
import type { ContractModel, SecurityModel } from '../contract/model.ts';

/** The HS256 secret example tokens are signed with when no secret is given. */
export const DEFAULT_JWT_SECRET = 'harness-example-secret';

/**
 * A ready-to-use credential (without the scheme prefix) for a security scheme: an HS256 JWT whose principal
 * claim is `principal` for JWT schemes, `user:password` for HTTP Basic, an opaque token otherwise.
 *
 * @example
 * exampleToken(contract.security, 'user-1'); // 'eyJhbGciOiJIUzI1NiIs...'
 */
export function exampleToken(security: SecurityModel | undefined, principal = 'user-1', secret = DEFAULT_JWT_SECRET): string {
  if (security?.type === 'http' && security.scheme === 'basic') return `${principal}:password`;
  if (security?.type === 'apiKey') return `key_${principal}`;
  if (!security?.jwt) return `tok_${principal}`;
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claim = security.principalClaims[0] ?? 'sub';
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ [claim]: principal, iat: 1700000000 })}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

/** The full Authorization header value, e.g. `jwt eyJ...`, `Bearer tok_user-1`, `Basic dXNlcjpwYXNz`. */
export function authorizationHeader(security: SecurityModel, token: string): string {
  const prefix = security.scheme === 'bearer' ? 'Bearer' : security.scheme === 'token' ? 'Token' : security.scheme === 'basic' ? 'Basic' : security.scheme;
  const value = security.scheme === 'basic' && token.includes(':') ? Buffer.from(token).toString('base64') : token;
  return `${prefix} ${value}`;
}

/** Where a credential goes for a scheme: headers and query parameters to add to a request. */
export interface PlacedCredential {
  readonly headers: Record<string, string>;
  readonly query: Record<string, string>;
}

/**
 * @example
 * placeCredential(apiKeyInQuery, 'key_1'); // { headers: {}, query: { api_key: 'key_1' } }
 */
export function placeCredential(security: SecurityModel, token: string): PlacedCredential {
  if (security.type !== 'apiKey') return { headers: { authorization: authorizationHeader(security, token) }, query: {} };
  const name = security.parameter ?? 'api_key';
  if (security.in === 'query') return { headers: {}, query: { [name]: token } };
  if (security.in === 'cookie') return { headers: { cookie: `${name}=${token}` }, query: {} };
  return { headers: { [name.toLowerCase()]: token }, query: {} };
}

/** One line per scheme the contract's operations use, ready to paste: `Authorization: Bearer tok_user-1`, `?api_key=...`. */
export function credentialLines(contract: ContractModel, secret?: string): string[] {
  const schemes = new Map<string, SecurityModel>();
  for (const operation of contract.operations) for (const alternative of operation.security) for (const scheme of alternative) schemes.set(scheme.name, scheme);
  if (schemes.size === 0) return ['no auth'];
  return [...schemes.values()].map((scheme) => {
    const placed = placeCredential(scheme, exampleToken(scheme, 'user-1', secret));
    const header = Object.entries(placed.headers)[0];
    const query = Object.entries(placed.query)[0];
    const text = header ? `${header[0] === 'authorization' ? 'Authorization' : header[0]}: ${header[1]}` : `?${query![0]}=${query![1]}`;
    return schemes.size > 1 ? `${text}   (${scheme.name})` : text;
  });
}
