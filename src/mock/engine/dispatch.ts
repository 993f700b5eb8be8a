import type { OperationModel } from '../../contract/model.ts';
import type { MockInstance } from '../instance.ts';
import type { IncomingRequest } from '../incoming.ts';
import { refuseControl, type ControlGuardOptions } from '../control-guard.ts';
import { compileRoute, matchRoute, parseMountPoint, relativePath, type CompiledRoute, type MountPoint } from '../routes.ts';
import { contractControl, isControlPath, rootControl, type ControlRoute } from './control.ts';
import { BodyTooLargeError, EMPTY_BODY, jsonResponse, replyResponse, type EngineRequest, type EngineResponse } from './exchange.ts';

/**
 * The mock engine: `dispatch(request) -> response` for every adapter. Routing, the control routes and their
 * guard, CORS and preflights, the body limit (read before credentials are looked at, so an oversized
 * unauthenticated request is `tooLarge` everywhere), the operation's pipeline (instance.handle: Prefer, auth,
 * validation, behaviour), the 404 and every error rendering happen here, once. The node server and the msw
 * handlers (also behind @mswjs/http-middleware) only convert requests and responses.
 *
 * A folder of its own because the engine is several small modules (this router, control.ts, exchange.ts)
 * that the adapters beside it (server.ts, handlers.ts) depend on and that depend on none of them.
 */
export interface MockEngine {
  /** Never rejects: a bug in the mock is a 500 naming it. */
  dispatch(request: EngineRequest): Promise<EngineResponse>;
  readonly mounts: readonly EngineMount[];
  /** The operation a method and URL route to on a mount, when one does. */
  route(mount: EngineMount, method: string, url: URL): OperationRoute | undefined;
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

const CORS_HEADERS: readonly [string, string][] = [
  ['access-control-allow-origin', '*'],
  ['access-control-expose-headers', '*'],
];

export function createEngine(specs: readonly MountSpec[], options: EngineOptions): MockEngine {
  const mounts: EngineMount[] = specs.map((spec) => ({ instance: spec.instance, point: parseMountPoint(spec.base), routes: spec.instance.contract.operations.map(compileRoute) }));
  const byMethod = new Map<EngineMount, Map<string, number[]>>(mounts.map((mount) => [mount, indexByMethod(mount.routes)]));
  const byId = new Map(mounts.map((mount) => [mount.instance.contract.id, mount]));
  const instances = mounts.map((mount) => mount.instance);
  const bodyLimit = options.bodyLimit;

  function route(mount: EngineMount, method: string, url: URL): OperationRoute | undefined {
    const path = relativePath(mount.point, url);
    return path === undefined ? undefined : routeBelow(mount, method, path);
  }

  function routeBelow(mount: EngineMount, method: string, path: string): OperationRoute | undefined {
    const byPath = byMethod.get(mount)!;
    // HEAD is GET without the body (RFC 9110 §9.3.2) where the document declares no HEAD of its own.
    const candidates = byPath.get(method) ?? (method === 'HEAD' ? byPath.get('GET') : undefined);
    if (!candidates) return undefined;
    for (const index of candidates) {
      const params = matchRoute(mount.routes[index], path);
      if (params) return { operation: mount.routes[index].operation, index, params };
    }
    return undefined;
  }

  async function answer(request: EngineRequest): Promise<EngineResponse> {
    let url: URL;
    try {
      url = requestUrl(request.target);
    } catch {
      return jsonResponse(400, { error: 'The request target is not a valid URL.' });
    }
    const method = request.method;
    const segments = options.byId || options.rootControl ? url.pathname.split('/') : undefined;
    const atRoot = options.rootControl === true && segments![1] === '__harness';
    const mount = atRoot ? undefined : options.byId ? byId.get(segments![1]) : mounts[0];
    const path = mount && relativePath(mount.point, url);
    if (atRoot || (path !== undefined && isControlPath(path))) {
      // No CORS headers and no preflight answer: other origins can neither read nor send control requests.
      if (method === 'OPTIONS') return jsonResponse(403, { error: 'Failed to answer the preflight: control routes are not callable from other origins.' });
      const refusal = refuseControl(request, options.guard);
      if (refusal) return jsonResponse(refusal.status, { error: refusal.error });
      if (atRoot) return rootControl(instances, segments![2], method, url);
      return answerMounted(request, method, url, mount!, path!, contractControl(mount!.instance, path!, method));
    }
    if (method === 'OPTIONS' && request.header('access-control-request-method') !== null) return withCors(preflight(request));
    if (!mount) {
      if (url.pathname === '/' && method === 'GET') return withCors(jsonResponse(200, { contracts: [...byId.keys()].map((id) => ({ id, url: `/${id}` })) }));
      return withCors(jsonResponse(404, { error: `No contract is mounted at /${segments![1]}. Mounted: ${[...byId.keys()].map((id) => `/${id}`).join(', ')}.` }));
    }
    return withCors(await answerMounted(request, method, url, mount, path, undefined));
  }

  /** Below a mount: the body within the limit, then the control route, the operation or the contract's 404. */
  async function answerMounted(request: EngineRequest, method: string, url: URL, mount: EngineMount, path: string | undefined, control: ControlRoute | undefined): Promise<EngineResponse> {
    const instance = mount.instance;
    const match = control || path === undefined ? undefined : routeBelow(mount, method, path);
    let body = EMPTY_BODY;
    if (method !== 'GET' && method !== 'HEAD') {
      try {
        body = await request.readBody(bodyLimit);
      } catch (error) {
        if (!(error instanceof BodyTooLargeError)) return jsonResponse(400, { error: `The request body could not be read: ${(error as Error).message}.` });
        const reply = match ? instance.errorReplyFor(match.operation, 'tooLarge', error.message) : instance.errorReply('tooLarge', error.message);
        return replyResponse(instance, reply);
      }
    }
    if (control) return control({ url, body });
    if (match) return replyResponse(instance, await instance.handle(match.operation, incoming(request, body), url, match.params));
    return replyResponse(instance, instance.errorReply('notFound', `No operation matches ${method} ${url.pathname}.`));
  }

  return {
    mounts,
    route,
    async dispatch(request) {
      try {
        const response = await answer(request);
        return request.method === 'HEAD' ? withoutBody(response) : response;
      } catch (error) {
        return jsonResponse(500, { error: `The mock failed: ${(error as Error).message}` });
      }
    },
  };
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

/** The request as the operation pipeline reads it: the body is the one already read within the limit. */
function incoming(request: EngineRequest, body: Uint8Array): IncomingRequest {
  return { method: request.method, header: (name) => request.header(name), bytes: async () => body };
}

/** A HEAD answer: the GET's status and headers, its length declared, no body. */
function withoutBody(response: EngineResponse): EngineResponse {
  if (response.body === undefined) return response;
  return { ...response, headers: { ...response.headers, 'content-length': String(new TextEncoder().encode(response.body).byteLength) }, body: undefined };
}

/** API routes are open to other origins (a web app calls the mock); control routes never are. */
function withCors(response: EngineResponse): EngineResponse {
  for (const [name, value] of CORS_HEADERS) response.headers[name] = value;
  return response;
}

function preflight(request: EngineRequest): EngineResponse {
  return {
    status: 204,
    headers: {
      'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
      'access-control-allow-headers': request.header('access-control-request-headers') ?? '*',
      'access-control-max-age': '600',
    },
    body: undefined,
  };
}

/**
 * The URL of a request target. An origin-form target is a path even when it starts with `//`: resolved
 * against a base, `//game-sessions/sessions` would make `game-sessions` the host (and `//%%` an invalid URL).
 */
function requestUrl(target: string): URL {
  return target.startsWith('/') ? new URL(`http://mock.local${target}`) : new URL(target, 'http://mock.local');
}
