import type { RequestUrl } from '../incoming.ts';
import type { OperationModel } from '../../contract/model.ts';
import { endpointVariants } from '../../contract/endpoint-variants.ts';
import type { MockInstance } from '../instance.ts';
import { refuseControl, type ControlGuardOptions } from '../control-guard.ts';
import { compileRoute, matchRoute, parseMountPoint, relativePath, slashesIn, type CompiledRoute, type MountPoint } from '../routes.ts';
import { contractControl, isControlPath, isRootAction, rootControl, type ControlRoute } from './control.ts';
import { preflight, withCors } from './cors.ts';
import { EMPTY_BODY, jsonResponse, type EngineRequest, type EngineResponse } from './exchange.ts';
import { answerWithBody, refusedBody, type Below } from './mounted.ts';
import { firstSegment, firstSegmentIs, requestUrl } from './target.ts';
import { unmountedPathMessage } from '../../shared/mounts-notice.ts';

/**
 * The mock engine: `dispatch(request) -> response` for every adapter. Routing, the control routes and their
 * guard, CORS and preflights, the body limit (read before credentials are looked at, so an oversized
 * unauthenticated request is `tooLarge` everywhere), the operation's stages (operation.ts: Prefer, body size,
 * auth, parameters and body, behaviour), the 404 and every error rendering happen here, once. The node
 * server and the msw handlers (also behind @mswjs/http-middleware) only convert requests and responses.
 *
 * A folder of its own because the engine is several small modules (this router, target.ts, cors.ts,
 * control.ts, mounted.ts, exchange.ts, operation.ts and its stages/) that the adapters beside it (server.ts, handlers.ts) depend on and that
 * depend on none of them.
 */
export interface MockEngine {
  /** Never rejects: a bug in the mock is a 500 naming it. */
  dispatch(request: EngineRequest): Promise<EngineResponse>;
  /**
   * `dispatch`, answered at once when nothing is left to wait for (a GET whose credentials are known): what
   * the node adapter calls, to spare a request the promise hops. Never throws or rejects.
   */
  answer(request: EngineRequest): EngineResponse | Promise<EngineResponse>;
  readonly mounts: readonly EngineMount[];
  /** The operation a method and URL route to on a mount, when one does. */
  route(mount: EngineMount, method: string, url: RequestUrl): OperationRoute | undefined;
}

export interface EngineMount {
  readonly instance: MockInstance;
  readonly point: MountPoint;
  /** The contract's operations in model order (static paths first), compiled once. */
  readonly routes: readonly CompiledRoute[];
}

export interface OperationRoute {
  readonly operation: OperationModel;
  /** The operation's index in `routes`. */
  readonly index: number;
  readonly params: Record<string, string>;
  /** The other operations of the endpoint the path routes to (endpoint-variants.ts), each with its params. */
  readonly variants?: readonly OperationRoute[];
}

export interface MountSpec {
  readonly instance: MockInstance;
  /** A path prefix on any origin (`/game-sessions`) or an absolute URL (`https://api.gigs.com`). */
  readonly base: string;
}

export interface EngineOptions {
  /**
   * The server's own routes: mounts are chosen by the first path segment (`/<contract-id>`), `GET /` lists
   * them, other paths are not mounted. Without it the first mount answers every request.
   */
  readonly byId?: boolean;
  /** Answer `/__harness/reset` and `/__harness/state` at the root for every mount (the HTTP server). */
  readonly rootControl?: boolean;
  /** The network guard of control routes (Host, token): given by adapters that listen on a port. */
  readonly guard?: ControlGuardOptions;
  readonly bodyLimit: number;
}

export function createEngine(specs: readonly MountSpec[], options: EngineOptions): MockEngine {
  const mounts: EngineMount[] = specs.map((spec) => ({ instance: spec.instance, point: parseMountPoint(spec.base), routes: spec.instance.contract.operations.map(compileRoute) }));
  const byMethod = new Map<EngineMount, Map<string, number[]>>(mounts.map((mount) => [mount, indexByMethod(mount.routes)]));
  const byId = new Map(mounts.map((mount) => [mount.instance.contract.id, mount]));
  const ids = [...byId.keys()];
  const instances = mounts.map((mount) => mount.instance);
  const bodyLimit = options.bodyLimit;

  function route(mount: EngineMount, method: string, url: RequestUrl): OperationRoute | undefined {
    const path = relativePath(mount.point, url);
    return path === undefined ? undefined : routeBelow(mount, method, path);
  }

  function routeBelow(mount: EngineMount, method: string, path: string): OperationRoute | undefined {
    const byPath = byMethod.get(mount)!;
    // HEAD is GET without the body (RFC 9110 §9.3.2) where the document declares no HEAD of its own.
    const candidates = byPath.get(method) ?? (method === 'HEAD' ? byPath.get('GET') : undefined);
    if (!candidates) return undefined;
    const slashes = slashesIn(path);
    for (let at = 0; at < candidates.length; at++) {
      const index = candidates[at];
      const params = matchRoute(mount.routes[index], path, slashes);
      if (!params) continue;
      const found = { operation: mount.routes[index].operation, index, params };
      const variants = endpointVariants(mount.instance.contract, found.operation);
      return variants.length === 0 ? found : { ...found, variants: variantRoutes(mount, variants, candidates.slice(at + 1), path, slashes) };
    }
    return undefined;
  }

  function variantRoutes(mount: EngineMount, variants: readonly OperationModel[], candidates: readonly number[], path: string, slashes: number): OperationRoute[] {
    const routes: OperationRoute[] = [];
    for (const index of candidates) {
      if (!variants.includes(mount.routes[index].operation)) continue;
      const params = matchRoute(mount.routes[index], path, slashes);
      if (params) routes.push({ operation: mount.routes[index].operation, index, params });
    }
    return routes;
  }

  /** The mount whose id is the path's first segment (compared in place: no segment is cut out per request). */
  function mountNamedIn(pathname: string): EngineMount | undefined {
    for (let i = 0; i < ids.length; i++) if (firstSegmentIs(pathname, ids[i])) return byId.get(ids[i]);
    return undefined;
  }

  function answer(request: EngineRequest): EngineResponse | Promise<EngineResponse> {
    let url: RequestUrl;
    try {
      url = requestUrl(request.target);
    } catch {
      return jsonResponse(400, { error: 'The request target is not a valid URL.' });
    }
    const method = request.method;
    // Without mounts by id (`harness mock <file>`, a contract at the root) only reset and state are the
    // server's: the contract's own control routes (its clock) are below its mount, which may be the root.
    const control = options.rootControl === true && firstSegmentIs(url.pathname, '__harness');
    const action = control ? url.pathname.split('/')[2] : undefined;
    const atRoot = control && (options.byId === true || isRootAction(action));
    const mount = atRoot ? undefined : options.byId ? mountNamedIn(url.pathname) : mounts[0];
    const path = mount && relativePath(mount.point, url);
    if (atRoot || (path !== undefined && isControlPath(path))) {
      // No CORS headers and no preflight answer: other origins can neither read nor send control requests.
      if (method === 'OPTIONS') return jsonResponse(403, { error: 'Failed to answer the preflight: control routes are not callable from other origins.' });
      const refusal = refuseControl(request, options.guard);
      if (refusal) return jsonResponse(refusal.status, { error: refusal.error });
      if (atRoot) return rootControl(instances, action, method, url);
      return answerMounted(request, method, url, mount!, path!, contractControl(mount!.instance, path!, method));
    }
    if (method === 'OPTIONS' && request.header('access-control-request-method') !== null) return withCors(preflight(request));
    if (!mount) {
      if (url.pathname === '/' && method === 'GET') return withCors(jsonResponse(200, { contracts: [...byId.keys()].map((id) => ({ id, url: `/${id}` })) }));
      return withCors(jsonResponse(404, { error: unmountedPathMessage(firstSegment(url.pathname), [...byId.keys()].map((id) => `/${id}`)) }));
    }
    const answered = answerMounted(request, method, url, mount, path, undefined);
    return answered instanceof Promise ? answered.then(withCors) : withCors(answered);
  }

  /** Below a mount: the body within the limit, then the control route, the operation or the contract's 404. */
  function answerMounted(request: EngineRequest, method: string, url: RequestUrl, mount: EngineMount, path: string | undefined, control: ControlRoute | undefined): EngineResponse | Promise<EngineResponse> {
    const match = control || path === undefined ? undefined : routeBelow(mount, method, path);
    const below: Below = { request, method, url, instance: mount.instance, match, control };
    // GET and HEAD bodies are never read: a GET is answered without waiting for anything.
    if (method === 'GET' || method === 'HEAD') return answerWithBody(below, EMPTY_BODY);
    return request.readBody(bodyLimit).then((body) => answerWithBody(below, body), (error: unknown) => refusedBody(below, error));
  }

  function answerSafely(request: EngineRequest): EngineResponse | Promise<EngineResponse> {
    try {
      const answered = answer(request);
      return answered instanceof Promise ? answered.then((response) => forMethod(request, response), failed) : forMethod(request, answered);
    } catch (error) {
      return failed(error);
    }
  }

  return { mounts, route, answer: answerSafely, dispatch: async (request) => answerSafely(request) };
}

/** A bug in the mock: a 500 naming it. */
function failed(error: unknown): EngineResponse {
  return jsonResponse(500, { error: `The mock failed: ${(error as Error).message}` });
}

/** A HEAD is answered as the GET of the same route, without its body. */
function forMethod(request: EngineRequest, response: EngineResponse): EngineResponse {
  return request.method === 'HEAD' ? withoutBody(response) : response;
}

/** Operation indices by method, in model order: a lookup only tries the operations of the request's method. */
function indexByMethod(routes: readonly CompiledRoute[]): Map<string, number[]> {
  const map = new Map<string, number[]>();
  routes.forEach((route, index) => {
    const list = map.get(route.operation.method) ?? [];
    list.push(index);
    map.set(route.operation.method, list);
  });
  return map;
}

/** A HEAD answer: the GET's status and headers, its length declared, no body. */
function withoutBody(response: EngineResponse): EngineResponse {
  if (response.body === undefined) return response;
  return { ...response, headers: { ...response.headers, 'content-length': String(new TextEncoder().encode(response.body).byteLength) }, body: undefined };
}

