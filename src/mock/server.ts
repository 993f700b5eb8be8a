import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMiddleware } from '@mswjs/http-middleware';
import type { ContractModel } from '../contract/model.ts';
import { fixtureFileFor } from '../contract/registry.ts';
import { loadFixtureSpec } from '../fixtures/load.ts';
import { createHandlers, type MockHandlers, type RouteMatch } from './handlers.ts';
import type { MockInstance } from './instance.ts';
import { BodyTooLargeError, fromNodeRequest, readNodeBody, toMiddlewareRequest } from './node-request.ts';
import { DEFAULT_BODY_LIMIT } from './request-body.ts';
import { loggedPath } from './request-log.ts';
import { encodeReply } from './reply-encoding.ts';

export interface MockServerOptions {
  readonly contracts: readonly ContractModel[];
  /** 0 picks a free port. Default 4010. */
  readonly port?: number;
  readonly host?: string;
  readonly seed?: number;
  readonly fixtureCount?: number;
  readonly jwtSecret?: string;
  readonly bodyLimit?: number;
  /**
   * Serve the only contract at the path of its first server URL (`/api/v2`, or the root) instead of under
   * `/<contract-id>`: what `harness mock <file>` does with one document.
   */
  readonly atRoot?: boolean;
  /** One line per request: method, path (no query), status, milliseconds. */
  readonly log?: (line: string) => void;
}

export interface MountedContract {
  readonly contract: ContractModel;
  /** e.g. `http://127.0.0.1:4010/game-sessions` */
  readonly url: string;
  readonly instance: MockInstance;
}

export interface MockServer {
  readonly url: string;
  readonly mounts: readonly MountedContract[];
  readonly server: Server;
  close(): Promise<void>;
}

type Middleware = ReturnType<typeof createMiddleware>;

interface Mount {
  readonly mocks: MockHandlers;
  /** Every handler of the contract, through @mswjs/http-middleware: control routes and the API's own 404. */
  readonly middleware: Middleware;
}

/** Methods the Fetch API refuses to carry (`new Request` throws for them). */
const FETCH_FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': '*',
};

/**
 * Serves every contract under `/<contract-id>` on one port. The HTTP layer only routes, reads bodies
 * within the limit and adapts; behaviour lives in the msw handlers.
 *
 * @example
 * const server = await startMockServer({ contracts: [await loadContract('game-sessions')], port: 0 });
 * await fetch(`${server.url}/game-sessions/sessions`, { headers: { authorization: 'jwt ...' } });
 */
export async function startMockServer(options: MockServerOptions): Promise<MockServer> {
  if (options.atRoot && options.contracts.length !== 1) throw new Error('Failed to start the mock: atRoot serves exactly one contract.');
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const mounts = new Map<string, Mount>();
  for (const contract of options.contracts) {
    const fixtures = await loadFixtureSpec(fixtureFileFor(contract));
    const mocks = createHandlers(contract, {
      baseUrl: mountPath(contract, options), seed: options.seed, fixtures, fixtureCount: options.fixtureCount, jwtSecret: options.jwtSecret, bodyLimit,
    });
    mounts.set(contract.id, { mocks, middleware: createMiddleware(...mocks.handlers) });
  }

  const server = createServer((req, res) => {
    const started = performance.now();
    if (options.log) {
      res.on('finish', () => options.log!(`${req.method} ${loggedPath(req.url ?? '/')} ${res.statusCode} ${(performance.now() - started).toFixed(1)}ms`));
    }
    serve(req, res).catch((error: unknown) => sendJson(res, 500, { error: `The mock failed: ${(error as Error).message}` }));
  });
  server.keepAliveTimeout = 65_000;

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(CORS_HEADERS)) res.setHeader(name, value);
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) return preflight(req, res);
    let url: URL;
    try {
      url = requestUrl(req.url ?? '/');
    } catch {
      return sendJson(res, 400, { error: 'The request target is not a valid URL.' });
    }
    const segments = url.pathname.split('/');
    if (segments[1] === '__harness') return serveControl(req, res, segments[2]);
    const mount = options.atRoot ? mounts.values().next().value : mounts.get(segments[1]);
    if (!mount) {
      req.resume();
      if (url.pathname === '/' && req.method === 'GET') return sendJson(res, 200, { contracts: [...mounts.keys()].map((id) => ({ id, url: `/${id}` })) });
      return sendJson(res, 404, { error: `No contract is mounted at /${segments[1]}. Mounted: ${[...mounts.keys()].map((id) => `/${id}`).join(', ')}.` });
    }
    const instance = mount.mocks.instance;
    const match = mount.mocks.route(req.method ?? 'GET', url);
    let body: Buffer | undefined;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      try {
        body = await readNodeBody(req, bodyLimit);
      } catch (error) {
        if (!(error instanceof BodyTooLargeError)) return; // the client went away
        const detail = `The request body exceeds ${bodyLimit} bytes.`;
        const reply = match ? instance.errorReplyFor(match.operation, 'tooLarge', detail) : instance.errorReply('tooLarge', detail);
        res.setHeader('connection', 'close');
        const encoded = encodeReply(reply);
        res.writeHead(encoded.status, encoded.headers);
        return void res.end(encoded.text);
      }
    }
    if (match) return serveOperation(req, res, url, body, match);
    if (FETCH_FORBIDDEN_METHODS.has(req.method ?? '')) {
      // No operation or control route has such a method, and msw cannot even build a Request for one
      // (it used to fail as a `malformed` 400): it is simply not found.
      const reply = instance.errorReply('notFound', `No operation matches ${req.method} ${url.pathname}.`);
      return sendJson(res, reply.status, reply.body);
    }
    const shim = toMiddlewareRequest(req, body, 'mock.local');
    const next = (error?: unknown) => {
      if (res.headersSent) return;
      const reply = error
        ? instance.errorReply('malformed', `The request could not be read: ${(error as Error).message ?? error}.`)
        : instance.errorReply('notFound', `No operation matches ${req.method} ${url.pathname}.`);
      sendJson(res, reply.status, reply.body);
    };
    try {
      await (mount.middleware as (req: object, res: ServerResponse, next: (error?: unknown) => void) => Promise<void>)(shim, res, next);
    } catch (error) {
      next(error);
    }
  }

  /**
   * The hot path: the operation's own resolver (the one its msw handler runs) called with the Node request,
   * skipping what msw adds per request around it (request clone, cookie store, abort controller, Response
   * and web-stream bridging), which costs several times the operation itself (see BENCHMARKS.md).
   */
  async function serveOperation(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer | undefined, match: RouteMatch): Promise<void> {
    const encoded = encodeReply(await match.resolve(fromNodeRequest(req, body), url, match.params));
    if (encoded.text === undefined) {
      res.writeHead(encoded.status, encoded.headers);
      res.end();
      return;
    }
    res.writeHead(encoded.status, { ...encoded.headers, 'content-length': Buffer.byteLength(encoded.text) });
    res.end(encoded.text);
  }

  function serveControl(req: IncomingMessage, res: ServerResponse, action: string | undefined): void {
    req.resume();
    const all = [...mounts.values()].map((mount) => mount.mocks.instance);
    if (action === 'reset' && req.method === 'POST') {
      for (const instance of all) instance.reset();
      return sendJson(res, 200, { reset: true, contracts: [...mounts.keys()] });
    }
    if (action === 'state' && req.method === 'GET') {
      return sendJson(res, 200, Object.fromEntries(all.map((instance) => [instance.contract.id, instance.state()])));
    }
    sendJson(res, 404, { error: 'Control routes: POST /__harness/reset, GET /__harness/state, and per contract /<id>/__harness/clock.' });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4010, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  return {
    url,
    server,
    mounts: [...mounts.values()].map((mount) => ({ contract: mount.mocks.instance.contract, url: `${url}${mountPath(mount.mocks.instance.contract, options)}`, instance: mount.mocks.instance })),
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}


/**
 * The URL of a request target. An origin-form target is a path even when it starts with `//`: resolved
 * against a base, `//game-sessions/sessions` would make `game-sessions` the host (and `//%%` an invalid URL).
 */
function requestUrl(target: string): URL {
  return target.startsWith('/') ? new URL(`http://mock.local${target}`) : new URL(target, 'http://mock.local');
}

function preflight(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(204, {
    'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
    'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
    'access-control-max-age': '600',
  });
  res.end();
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** `/<contract-id>`, or with `atRoot` the path of the contract's server URL (`/api/v2`; '' for the root). */
function mountPath(contract: ContractModel, options: MockServerOptions): string {
  if (!options.atRoot) return `/${contract.id}`;
  try {
    return new URL(contract.serverUrl).pathname.replace(/\/+$/, '');
  } catch {
    return '';
  }
}
