import type { OperationModel } from '../../../src/contract/model.ts';
import { objectsWithField, withoutItems } from './mutate-json.ts';
import { jsonBody, route, succeeded, type MutationTarget } from './mutation-target.ts';
import type { BuildDefect } from './mutations-response.ts';
import { splitPath, withJson, type ProxiedRequest, type ProxiedResponse } from './proxy.ts';

/**
 * Defect classes that break what a server does (auth, validation, state, lists, concurrency, ownership),
 * each generic over any document: they read the operation's inferred or declared behaviour from the model.
 */

/** Credential places of the document's schemes: header names (lower case) and query parameter names. */
function credentialPlaces(target: MutationTarget): { headers: string[]; query: string[] } {
  const headers = new Set<string>();
  const query = new Set<string>();
  for (const scheme of target.contract.securitySchemes.values()) {
    if (scheme.type !== 'apiKey') headers.add('authorization');
    else if (scheme.in === 'query') query.add(scheme.parameter!);
    else headers.add(scheme.in === 'cookie' ? 'cookie' : scheme.parameter!.toLowerCase());
  }
  return { headers: [...headers], query: [...query] };
}

/** Requests without credentials are served as if they carried the last credentials seen. */
export const authNotEnforced: BuildDefect = (target, hit) => {
  const places = credentialPlaces(target);
  let remembered: { headers: Record<string, string>; query: [string, string][] } | undefined;
  return {
    request(request) {
      const routed = route(target, request);
      if (!routed?.operation.secured) return undefined;
      const { pathname, query } = splitPath(request.path);
      const headers = places.headers.filter((name) => request.headers[name] !== undefined);
      const params = places.query.filter((name) => query.has(name));
      if (headers.length + params.length > 0) {
        remembered = { headers: Object.fromEntries(headers.map((name) => [name, request.headers[name]])), query: params.map((name) => [name, query.get(name)!]) };
        return undefined;
      }
      if (!remembered) return undefined;
      hit();
      for (const [name, value] of remembered.query) query.set(name, value);
      return { ...request, path: `${pathname}?${query}`, headers: { ...request.headers, ...remembered.headers } };
    },
  };
};

/** A JSON body the operation's schema rejects is replaced by the last valid one sent to it: invalid input accepted. */
export const validationNotEnforced: BuildDefect = (target, hit) => {
  const lastValid = new Map<OperationModel, string>();
  return {
    request(request) {
      const operation = route(target, request)?.operation;
      const body = jsonBody(request);
      if (!operation?.body || body === undefined) return undefined;
      if (operation.body.validate(structuredClone(body))) {
        lastValid.set(operation, request.body);
        return undefined;
      }
      const valid = lastValid.get(operation);
      if (valid === undefined) return undefined;
      hit();
      return { ...request, body: valid };
    },
  };
};

/** Keys of the records a create answered with, as text. */
function createdKey(operation: OperationModel, response: ProxiedResponse): string | undefined {
  const body = jsonBody(response);
  for (const { value } of objectsWithField(body, operation.behaviour.resource.key)) {
    if (typeof value === 'string' || typeof value === 'number') return String(value);
  }
  return response.headers.location?.split(/[/?#]/).filter(Boolean).pop();
}

/** Remembers the keys of created records (`created`), calling `onCreate` for each. */
function trackCreates(target: MutationTarget, created: Set<string>) {
  return (request: ProxiedRequest, response: ProxiedResponse): boolean => {
    const operation = route(target, request)?.operation;
    if (operation?.behaviour.kind !== 'create' || !succeeded(response)) return false;
    const key = createdKey(operation, response);
    if (key !== undefined && key.length > 2) created.add(key);
    return key !== undefined;
  };
}

const listedKeyIn = (target: MutationTarget, created: Set<string>) => (item: unknown): boolean => {
  if (typeof item !== 'object' || item === null) return false;
  const keys = new Set([...target.contract.resources.values()].map((r) => r.key));
  return [...keys].some((key) => created.has(String((item as Record<string, unknown>)[key])));
};

/** Lists leave out the records this run created. */
export const listMissesCreated: BuildDefect = (target, hit) => {
  const created = new Set<string>();
  const track = trackCreates(target, created);
  return {
    response(request, response) {
      if (track(request, response)) return undefined;
      if (route(target, request)?.operation.behaviour.kind !== 'list' || !succeeded(response)) return undefined;
      const body = jsonBody(response);
      const kept = withoutItems(body, listedKeyIn(target, created));
      if (JSON.stringify(kept) === JSON.stringify(body)) return undefined;
      hit();
      return withJson(response, kept);
    },
  };
};

/** A create answers success but stores nothing: later requests for the record answer as for an unknown one, lists leave it out. */
export const createNotPersisted: BuildDefect = (target, hit) => {
  const created = new Set<string>();
  const track = trackCreates(target, created);
  const list = listMissesCreated(target, hit);
  return {
    request(request) {
      if (!route(target, request)) return undefined;
      const { pathname, query } = splitPath(request.path);
      const segments = pathname.split('/');
      if (!segments.some((segment) => created.has(decodeURIComponent(segment)))) return undefined;
      hit();
      const path = segments.map((segment) => (created.has(decodeURIComponent(segment)) ? `${segment}zz404` : segment)).join('/');
      return { ...request, path: `${path}${query.size > 0 ? `?${query}` : ''}` };
    },
    response(request, response, forward) {
      track(request, response);
      return list.response!(request, response, forward);
    },
  };
};

/** The current record as a read at the same path answers it, or undefined. */
async function currentRecord(request: ProxiedRequest, forward: (r: ProxiedRequest) => Promise<ProxiedResponse>): Promise<ProxiedResponse | undefined> {
  const headers = { ...request.headers };
  delete headers['content-type'];
  const read = await forward({ ...request, method: 'GET', headers, body: '' });
  return succeeded(read) ? read : undefined;
}

/** An operation of `kinds` answers success with the record as it was, changing nothing. */
function ignored(kinds: readonly string[]): BuildDefect {
  return (target, hit) => ({
    async request(request, forward) {
      const operation = route(target, request)?.operation;
      if (!operation || !kinds.includes(operation.behaviour.kind) || operation.behaviour.id === undefined) return undefined;
      const current = await currentRecord(request, forward);
      if (!current) return undefined;
      hit();
      const empty = operation.successStatus === 204 || !operation.responses.get(String(operation.successStatus))?.schema;
      return { ...current, status: operation.successStatus, body: empty ? '' : current.body };
    },
  });
}

export const patchNotApplied = ignored(['update']);
export const deleteNotRemoving = ignored(['delete']);

/** Query parameters a list drops before answering. */
function listIgnores(pick: (operation: OperationModel) => readonly string[]): BuildDefect {
  return (target, hit) => ({
    request(request) {
      const operation = route(target, request)?.operation;
      if (!operation?.behaviour.list) return undefined;
      const { pathname, query } = splitPath(request.path);
      const dropped = pick(operation).filter((name) => query.has(name));
      if (dropped.length === 0) return undefined;
      hit();
      for (const name of dropped) query.delete(name);
      return { ...request, path: `${pathname}${query.size > 0 ? `?${query}` : ''}` };
    },
  });
}

export const limitIgnored = listIgnores((operation) => [operation.behaviour.list!.limit?.param].filter((p): p is string => p !== undefined));

/** Every optional query parameter named after a record field that is not about paging or order: the filters. */
export const filterIgnored = listIgnores((operation) => {
  const list = operation.behaviour.list!;
  const paging = new Set([list.limit?.param, list.skip, list.page?.param, list.cursor?.param, list.sort]);
  const { fields } = operation.behaviour.resource;
  return operation.queryParams.filter((p) => !p.required && !paging.has(p.name) && fields.has(p.name)).map((p) => p.name);
});

/**
 * Preconditions are not evaluated: If-None-Match is dropped, and a write that documents If-Match is served
 * as if it carried `*` (a stale tag is applied anyway, a missing required one is not asked for).
 */
export const preconditionIgnored: BuildDefect = (target, hit) => ({
  request(request) {
    const operation = route(target, request)?.operation;
    if (!operation) return undefined;
    const takesIfMatch = operation.headerParams.some((p) => p.in === 'header' && p.name.toLowerCase() === 'if-match');
    const headers = { ...request.headers };
    delete headers['if-none-match'];
    if (takesIfMatch) headers['if-match'] = '*';
    if (headers['if-match'] === request.headers['if-match'] && headers['if-none-match'] === request.headers['if-none-match']) return undefined;
    hit();
    return { ...request, headers };
  },
});

/** The server ignores who calls: the second user's requests are served as the first user's. */
export const identityIgnored: BuildDefect = (target, hit) => {
  // Only a defect where the document says records are kept apart by who calls.
  const apart = [...target.contract.resources.values()].some((r) => r.owner !== undefined || r.visibility !== undefined || r.ownerOnlyFields.length > 0);
  if (!apart) return {};
  const forms = (token: string) => [token, Buffer.from(token).toString('base64')];
  const [from, to] = [forms(target.token2), forms(target.token)];
  const swap = (text: string) => from.reduce((out, form, index) => out.split(form).join(to[index]), text);
  return {
    request(request) {
      if (!route(target, request)) return undefined;
      const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, swap(value)]));
      const path = swap(request.path);
      if (path === request.path && JSON.stringify(headers) === JSON.stringify(request.headers)) return undefined;
      hit();
      return { ...request, path, headers };
    },
  };
};
