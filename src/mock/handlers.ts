import { http, type HttpHandler } from 'msw';
import type { ContractModel, OperationModel } from '../contract/model.ts';
import { createMockInstance, type MockInstance, type MockOptions } from './instance.ts';
import { createEngine } from './engine/dispatch.ts';
import { fromFetchRequest, toFetchResponse } from './fetch-exchange.ts';
import { matchRoute, relativePath } from './routes.ts';

export interface CreateHandlersOptions extends MockOptions {
  /**
   * Where the API is mounted: an absolute URL (the vendor's real one, for `setupServer` and the browser)
   * or a path prefix served on any origin (`/game-sessions`, behind @mswjs/http-middleware). Default: the
   * contract's server URL.
   */
  readonly baseUrl?: string;
}

export interface RouteMatch {
  readonly operation: OperationModel;
  /** The operation's msw handler. */
  readonly handler: HttpHandler;
  readonly params: Record<string, string>;
}

export interface MockHandlers {
  /** Control routes, one msw handler per operation (static paths first), then the API's own 404. */
  readonly handlers: HttpHandler[];
  readonly instance: MockInstance;
  /** The operation handler for a URL, when one matches. */
  route(method: string, url: URL): RouteMatch | undefined;
}

const urls = new WeakMap<Request, URL>();

/** msw asks every handler's predicate about the same request: its URL is parsed once. */
function urlOf(request: Request): URL {
  let url = urls.get(request);
  if (!url) {
    url = new URL(request.url);
    urls.set(request, url);
  }
  return url;
}

const CONTROL_ROUTES = [['post', 'reset'], ['get', 'state'], ['get', 'clock'], ['post', 'clock']] as const;

/**
 * msw handlers for a contract, backed by a stateful store: data (which requests each handler takes) plus one
 * resolver that converts the Fetch Request, asks the mock engine (engine/dispatch.ts) and converts its answer
 * back. The same handlers serve `setupServer` in Node tests, `setupWorker` in the browser and, behind
 * @mswjs/http-middleware, an Express app; `harness mock` asks the same engine through its node adapter.
 *
 * @example
 * const { handlers, instance } = createHandlers(await loadContract('gigs-connect-sessions'), { seed: 1 });
 * setupServer(...handlers).listen(); // fetch('https://api.gigs.com/projects/demo/connectSessions', ...)
 */
export function createHandlers(contract: ContractModel, options: CreateHandlersOptions = {}): MockHandlers {
  const instance = createMockInstance(contract, options);
  const engine = createEngine([{ instance, base: options.baseUrl ?? contract.serverUrl }], { bodyLimit: instance.bodyLimit });
  const [mount] = engine.mounts;
  const resolver = async ({ request }: { request: Request }) => toFetchResponse(await engine.dispatch(fromFetchRequest(request)));
  const below = (request: Request) => relativePath(mount.point, urlOf(request));

  const controlHandlers = CONTROL_ROUTES.map(([method, name]) => http[method](({ request }) => below(request) === `/__harness/${name}`, resolver));
  const operationHandlers = mount.routes.map((route) => http[route.operation.method.toLowerCase() as 'get'](
    ({ request }) => {
      const path = below(request);
      const params = path === undefined ? undefined : matchRoute(route, path);
      return params ? { matches: true, params } : false;
    },
    resolver,
  ));
  // Everything else below the mount (other methods, unknown paths and control routes, preflights) still
  // goes to the engine, which answers the contract's 404 or what else the path calls for.
  const rest = http.all(({ request }) => below(request) !== undefined, resolver);

  return {
    handlers: [...controlHandlers, ...operationHandlers, rest],
    instance,
    route(method, url) {
      const match = engine.route(mount, method, url);
      return match && { operation: match.operation, handler: operationHandlers[match.index], params: match.params };
    },
  };
}
