import type { SecurityModel } from '../contract/model.ts';
import { authenticateNow, type AuthOptions } from './auth.ts';
import type { IncomingRequest, RequestUrl } from './incoming.ts';
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
  url: RequestUrl,
  options: AuthOptions,
): Promise<string | undefined> {
  return authenticateRequestNow(alternatives, request, url, options);
}

/**
 * `authenticateRequest` for the request path: the same verdict, at once (thrown or returned) when no scheme
 * has anything to wait for (the common case: a JWT, a token seen before); else the promise of it.
 */
export function authenticateRequestNow(
  alternatives: readonly (readonly SecurityModel[])[],
  request: IncomingRequest,
  url: RequestUrl,
  options: AuthOptions,
  from = 0,
  refusal: SituationError | undefined = undefined,
): string | undefined | Promise<string | undefined> {
  for (let index = from; index < alternatives.length; index++) {
    let outcome: string | undefined | Promise<string | undefined>;
    try {
      outcome = checkAlternative(alternatives[index], request, url, options);
    } catch (error) {
      refusal = firstRefusal(error, refusal);
      continue;
    }
    if (!(outcome instanceof Promise)) return outcome;
    const refused = refusal;
    return outcome.catch((error: unknown) => authenticateRequestNow(alternatives, request, url, options, index + 1, firstRefusal(error, refused)));
  }
  throw refusal ?? new SituationError('unauthenticated', 'Credentials are required.');
}

/** Every scheme of one alternative must pass; the caller is the first scheme's identity. */
function checkAlternative(schemes: readonly SecurityModel[], request: IncomingRequest, url: RequestUrl, options: AuthOptions, from = 0, principal?: string): string | undefined | Promise<string | undefined> {
  for (let index = from; index < schemes.length; index++) {
    const identity = checkScheme(schemes[index], request, url, options);
    if (identity instanceof Promise) return identity.then((caller) => checkAlternative(schemes, request, url, options, index + 1, principal ?? caller));
    principal ??= identity;
  }
  return principal;
}

/** A refusal is kept (the first one is what the client hears); anything else is the mock's own failure. */
function firstRefusal(error: unknown, refusal: SituationError | undefined): SituationError {
  if (!(error instanceof SituationError)) throw error;
  return refusal ?? error;
}

function checkScheme(scheme: SecurityModel, request: IncomingRequest, url: RequestUrl, options: AuthOptions): string | undefined | Promise<string> {
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
