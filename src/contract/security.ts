import type { SecurityModel } from './model.ts';

type Json = Record<string, any>;

/**
 * Every declared security scheme as the mock and the runner use it: HTTP schemes by their Authorization
 * prefix (`basic`, `bearer`, any other), API keys by where they go, OAuth 2 and OpenID Connect as bearer
 * tokens. A scheme's own `x-harness` may say its tokens are JWTs and which claim names the caller.
 */
export function buildSecuritySchemes(schemes: Json): Map<string, SecurityModel> {
  const result = new Map<string, SecurityModel>();
  for (const [name, scheme] of Object.entries(schemes ?? {})) {
    if (!scheme || typeof scheme !== 'object') continue;
    const extension = (scheme['x-harness'] ?? {}) as Json;
    const type = ['http', 'apiKey', 'oauth2', 'openIdConnect', 'mutualTLS'].includes(scheme.type) ? scheme.type : 'http';
    const model: SecurityModel = {
      name,
      type,
      scheme: type === 'http' ? String(scheme.scheme ?? 'bearer').toLowerCase() : type === 'apiKey' ? '' : 'bearer',
      ...(type === 'apiKey' ? { in: (['header', 'query', 'cookie'].includes(scheme.in) ? scheme.in : 'header') as 'header', parameter: String(scheme.name ?? 'api_key') } : {}),
      jwt: extension.jwt === true,
      principalClaims: extension.principal ?? ['sub'],
    };
    result.set(name, Object.freeze(model));
  }
  return result;
}

/**
 * A security requirement list as alternatives of schemes: `[{a: []}, {b: [], c: []}]` is "a, or b and c";
 * an empty requirement (`{}`) or an empty list makes the operation public, and so does one of `mutualTLS` alone
 * (checked by TLS, below HTTP; beside other schemes it is left out). Names no scheme declares are
 * reported through `undeclared` and dropped (a requirement left empty by that stays a requirement of nothing).
 */
export function requirementsOf(requirements: unknown, schemes: ReadonlyMap<string, SecurityModel>, undeclared?: (name: string) => void): SecurityModel[][] {
  if (!Array.isArray(requirements)) return [];
  const alternatives: SecurityModel[][] = [];
  for (const requirement of requirements) {
    if (!requirement || typeof requirement !== 'object') continue;
    const names = Object.keys(requirement);
    if (names.length === 0) return [];
    const resolved: SecurityModel[] = [];
    let overTls = false;
    for (const name of names) {
      const scheme = schemes.get(name);
      if (scheme?.type === 'mutualTLS') overTls = true;
      else if (scheme) resolved.push(scheme);
      else undeclared?.(name);
    }
    // A client certificate is shown to TLS, never to HTTP: an alternative of mutualTLS alone asks nothing HTTP can check.
    if (overTls && resolved.length === 0) return [];
    if (resolved.length > 0) alternatives.push(resolved);
  }
  return alternatives;
}
