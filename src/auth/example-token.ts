import { createHmac } from 'node:crypto';
import type { SecurityModel } from '../contract/model.ts';

/** The HS256 secret example tokens are signed with when no secret is given. */
export const DEFAULT_JWT_SECRET = 'harness-example-secret';

/**
 * A ready-to-paste credential (without the scheme prefix) for the contract's security scheme: an HS256 JWT
 * whose principal claim is `principal` for JWT schemes, an opaque token otherwise.
 *
 * @example
 * exampleToken(contract.security, 'user-1'); // 'eyJhbGciOiJIUzI1NiIs...'
 */
export function exampleToken(security: SecurityModel | undefined, principal = 'user-1', secret = DEFAULT_JWT_SECRET): string {
  if (!security?.jwt) return `tok_${principal}`;
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claim = security.principalClaims[0] ?? 'sub';
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ [claim]: principal, iat: 1700000000 })}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

/** The full Authorization header value, e.g. `jwt eyJ...` or `Bearer tok_user-1`. */
export function authorizationHeader(security: SecurityModel, token: string): string {
  const prefix = security.scheme === 'bearer' ? 'Bearer' : security.scheme === 'token' ? 'Token' : security.scheme;
  return `${prefix} ${token}`;
}
