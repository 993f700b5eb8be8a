import type { SecurityModel } from '../contract/model.ts';
import { authenticateNow, type AuthOptions } from './auth.ts';
import type { IncomingRequest } from './incoming.ts';
import { SituationError } from './situation-error.ts';

const apiKeySchemes = new WeakMap<SecurityModel, SecurityModel>();

/** An API key is an opaque token: the caller is a digest of it, as for a bearer token. */
function apiKeyScheme(scheme: SecurityModel): SecurityModel {
  let opaque = apiKeySchemes.get(scheme);
  if (!opaque) {
    opaque = { ...scheme, type: 'http', scheme: 'key', jwt: false };
    apiKeySchemes.set(scheme, opaque);
  }
  return opaque;
}

/**
 * Checks a request's credentials against an operation's security as declared: any one alternative will do,
 * and every scheme of that alternative must be satisfied. Returns the caller's identity (from the first
 * scheme of the alternative that passed); refuses with `unauthenticated` naming what was expected.
 *
 * @example
 * await authenticateRequest(operation.security, request, url, { now: () => new Date() }); // 'tok_3f2a...'
 */
export async function authenticateRequest(
  alternatives: readonly (readonly SecurityModel[])[],
  request: IncomingRequest,
  url: URL,
  options: AuthOptions,
): Promise<string | undefined> {
  let refusal: SituationError | undefined;
  for (const alternative of alternatives) {
    try {
      let principal: string | undefined;
      for (const scheme of alternative) {
        const identity = await checkScheme(scheme, request, url, options);
        principal ??= identity;
      }
      return principal;
    } catch (error) {
      if (!(error instanceof SituationError)) throw error;
      refusal ??= error;
    }
  }
  throw refusal ?? new SituationError('unauthenticated', 'Credentials are required.');
}

/**
 * `authenticateRequest` for the request path: the same verdict, at once (thrown or returned) when no scheme
 * has anything to wait for (the common case: a JWT, a token seen before); else the promise of it.
 */
export function authenticateRequestNow(
  alternatives: readonly (readonly SecurityModel[])[],
  request: IncomingRequest,
  url: URL,
  options: AuthOptions,
): string | undefined | Promise<string | undefined> {
  let refusal: SituationError | undefined;
  for (const alternative of alternatives) {
    try {
      let principal: string | undefined;
      for (const scheme of alternative) {
        const identity = checkScheme(scheme, request, url, options);
        if (identity instanceof Promise) {
          identity.catch(() => undefined); // asked again, and awaited, below
          return authenticateRequest(alternatives, request, url, options);
        }
        principal ??= identity;
      }
      return principal;
    } catch (error) {
      if (!(error instanceof SituationError)) throw error;
      refusal ??= error;
    }
  }
  throw refusal ?? new SituationError('unauthenticated', 'Credentials are required.');
}

function checkScheme(scheme: SecurityModel, request: IncomingRequest, url: URL, options: AuthOptions): string | undefined | Promise<string> {
  if (scheme.type === 'mutualTLS') return undefined;
  if (scheme.type !== 'apiKey') return authenticateNow(scheme, request.header('authorization'), options);
  const name = scheme.parameter ?? 'api_key';
  const value = scheme.in === 'query' ? url.searchParams.get(name) : scheme.in === 'cookie' ? cookie(request.header('cookie'), name) : request.header(name);
  if (value === null || value === undefined || value.trim() === '') {
    throw new SituationError('unauthenticated', `The API key is missing: send it in the ${scheme.in ?? 'header'} ${scheme.in === 'query' ? 'parameter' : ''} "${name}".`.replace('  ', ' '));
  }
  return authenticateNow(apiKeyScheme(scheme), `key ${value.trim()}`, options);
}

function cookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}
