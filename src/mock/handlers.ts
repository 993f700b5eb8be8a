import { http, HttpResponse, type HttpHandler } from 'msw';
import type { ContractModel, OperationModel } from '../contract/model.ts';
import { createMockInstance, type MockInstance, type MockOptions, type MockReply } from './instance.ts';
import { fromFetchRequest, type IncomingRequest } from './incoming.ts';
import { encodeReply } from './reply-encoding.ts';
import { compileRoute, matchRoute, parseMountPoint, relativePath, type CompiledRoute } from './routes.ts';

export interface CreateHandlersOptions extends MockOptions {
  /**
   * Where the API is mounted: an absolute URL (the vendor's real one, for `setupServer` and the browser)
   * or a path prefix served on any origin (`/game-sessions`, for the HTTP server). Default: the contract's
   * server URL.
   */
  readonly baseUrl?: string;
}

/**
 * What an operation's msw handler resolves with, before it becomes a Response: the server's router calls
 * the same function, so both paths share one behaviour.
 */
export type OperationResolver = (request: IncomingRequest, url: URL, params: Record<string, string>) => Promise<MockReply>;

export interface RouteMatch {
  readonly operation: OperationModel;
  readonly handler: HttpHandler;
  readonly resolve: OperationResolver;
  readonly params: Record<string, string>;
}

export interface MockHandlers {
  /** One msw handler per operation (static paths first), control routes, then the API's own 404. */
  readonly handlers: HttpHandler[];
  readonly instance: MockInstance;
  /** The operation handler (and its resolver) for a URL, when one matches. */
  route(method: string, url: URL): RouteMatch | undefined;
}

const urls = new WeakMap<Request, URL>();

/** Requests are cloned once per lookup by msw; the URL is parsed once per request object. */
function urlOf(request: Request): URL {
  let url = urls.get(request);
  if (!url) {
    url = new URL(request.url);
    urls.set(request, url);
  }
  return url;
}

function toResponse(reply: MockReply): Response {
  const encoded = encodeReply(reply);
  return new HttpResponse(encoded.text ?? null, { status: encoded.status, headers: encoded.headers });
}

/**
 * msw handlers for a contract, backed by a stateful store. The same handlers serve `harness mock`,
 * `setupServer` in Node tests and `setupWorker` in the browser.
 *
 * @example
 * const { handlers, instance } = createHandlers(await loadContract('gigs-connect-sessions'), { seed: 1 });
 * setupServer(...handlers).listen(); // fetch('https://api.gigs.com/projects/demo/connectSessions', ...)
 */
export function createHandlers(contract: ContractModel, options: CreateHandlersOptions = {}): MockHandlers {
  const instance = createMockInstance(contract, options);
  const mount = parseMountPoint(options.baseUrl ?? contract.serverUrl);
  const routes: CompiledRoute[] = contract.operations.map(compileRoute);

  const resolvers: OperationResolver[] = routes.map((route) => (request, url, params) => instance.handle(route.operation, request, url, params));
  const operationHandlers = routes.map((route, index) => http[route.operation.method.toLowerCase() as 'get'](
    ({ request }) => {
      const path = relativePath(mount, urlOf(request));
      const params = path === undefined ? undefined : matchRoute(route, path);
      return params ? { matches: true, params } : false;
    },
    async ({ request, params }) => toResponse(await resolvers[index](fromFetchRequest(request), urlOf(request), params as Record<string, string>)),
  ));

  const control = (method: 'get' | 'post', name: string, resolve: (request: Request) => Promise<Response> | Response) =>
    http[method](({ request }) => relativePath(mount, urlOf(request)) === `/__harness/${name}`, ({ request }) => resolve(request));
  const controlHandlers = [
    control('post', 'reset', () => {
      instance.reset();
      return HttpResponse.json({ reset: true, contract: contract.id });
    }),
    control('get', 'state', () => HttpResponse.json({ contract: contract.id, now: instance.context.clock.now().toISOString(), resources: instance.state() })),
    control('get', 'clock', () => HttpResponse.json({ now: instance.context.clock.now().toISOString() })),
    control('post', 'clock', async (request) => moveClock(instance, request)),
  ];
  const notFound = http.all(
    ({ request }) => relativePath(mount, urlOf(request)) !== undefined,
    ({ request }) => {
      const url = urlOf(request);
      return toResponse(instance.errorReply('notFound', `No operation matches ${request.method} ${url.pathname}.`));
    },
  );

  return {
    handlers: [...controlHandlers, ...operationHandlers, notFound],
    instance,
    route(method, url) {
      const path = relativePath(mount, url);
      if (path === undefined) return undefined;
      for (let index = 0; index < routes.length; index++) {
        if (routes[index].operation.method !== method) continue;
        const params = matchRoute(routes[index], path);
        if (params) return { operation: routes[index].operation, handler: operationHandlers[index], resolve: resolvers[index], params };
      }
      return undefined;
    },
  };
}

/** `POST /__harness/clock` with `{"advance": "72h"}`, `{"advance": 3600000}` or `{"set": "2030-01-01T00:00:00Z"}`. */
async function moveClock(instance: MockInstance, request: Request): Promise<Response> {
  let body: Record<string, unknown>;
  try {
    body = (await request.json()) as Record<string, unknown>;
  } catch {
    return HttpResponse.json({ error: 'Send JSON: {"advance": "72h"} or {"set": "<ISO date>"}.' }, { status: 400 });
  }
  const clock = instance.context.clock;
  let target: number;
  if (body?.advance !== undefined) {
    const ms = parseDuration(body.advance);
    if (ms === undefined) return HttpResponse.json({ error: '"advance" must be milliseconds or a duration like "90s", "15m", "72h", "3d".' }, { status: 400 });
    target = clock.now().getTime() + ms;
  } else if (typeof body?.set === 'string' && !Number.isNaN(Date.parse(body.set))) {
    target = Date.parse(body.set);
  } else {
    return HttpResponse.json({ error: 'Send {"advance": "72h"} or {"set": "<ISO date>"}.' }, { status: 400 });
  }
  // Beyond these the clock stops being a valid date (every `${now}` and expiry then threw: 5xx for good)
  // or stops being a four-digit-year `date-time`.
  if (!(target >= CLOCK_MIN && target <= CLOCK_MAX)) {
    return HttpResponse.json({ error: 'The clock must stay between 0000-01-01 and 9999-01-01.' }, { status: 400 });
  }
  clock.set(new Date(target));
  return HttpResponse.json({ now: clock.now().toISOString() });
}

const CLOCK_MIN = Date.parse('0000-01-01T00:00:00Z');
const CLOCK_MAX = Date.parse('9999-01-01T00:00:00Z');

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  const match = typeof value === 'string' ? /^\s*(-?\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(value) : null;
  return match ? Number(match[1]) * UNITS[match[2] ?? 'ms'] : undefined;
}
