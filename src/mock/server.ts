import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ContractModel } from '../contract/model.ts';
import { fixtureFileFor } from '../contract/registry.ts';
import { loadFixtureSpec } from '../seeder/load.ts';
import { createMockInstance, type MockInstance } from './instance.ts';
import { createEngine, type MountSpec } from './engine/dispatch.ts';
import { NodeEngineRequest } from './node-request.ts';
import { ResponseBatch } from './response-batch.ts';
import { DEFAULT_BODY_LIMIT } from './request-body.ts';
import { loggedPath } from './request-log.ts';

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
  /** Records one resource may hold (default 100,000). */
  readonly maxRecords?: number;
  /** Estimated bytes of stored JSON per contract (default 256 MiB). */
  readonly maxStoreBytes?: number;
  /** Largest answer in characters of JSON (default 128 Mi); larger ones get the contract's `invalid`. */
  readonly maxResponseChars?: number;
  /** When set, control routes require it as `Authorization: Bearer <token>` or `x-harness-control-token`. */
  readonly controlToken?: string;
  /**
   * How long a client may take to send a request's headers, and the whole request (default 20 s and 60 s;
   * node's own are 60 s and 300 s): a client trickling bytes holds its connection no longer than that.
   * Both are bounded: 0 does not turn a timeout off, and the request timeout is at least the headers one.
   */
  readonly timeouts?: { readonly headersMs?: number; readonly requestMs?: number };
  /** One line per request: method, path (no query), status, milliseconds. */
  readonly log?: (line: string) => void;
  /** Each contract's records are generated when first needed (MockOptions.seedOnFirstUse). Default false. */
  readonly seedOnFirstUse?: boolean;
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

/**
 * Serves every contract under `/<contract-id>` on one port (or the only one at its own path with `atRoot`).
 * This is the node:http adapter of the mock engine (engine/dispatch.ts): it converts each IncomingMessage
 * (its body read only when the engine asks) and writes the engine's answer; no Fetch objects and no msw
 * machinery per request. Behaviour lives in the engine, as for the msw handlers.
 *
 * @example
 * const server = await startMockServer({ contracts: [await loadContract('game-sessions')], port: 0 });
 * await fetch(`${server.url}/game-sessions/sessions`, { headers: { authorization: 'jwt ...' } });
 */
export async function startMockServer(options: MockServerOptions): Promise<MockServer> {
  if (options.atRoot && options.contracts.length !== 1) throw new Error('Failed to start the mock: atRoot serves exactly one contract.');
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const specs: MountSpec[] = [];
  for (const contract of options.contracts) {
    const fixtures = await loadFixtureSpec(fixtureFileFor(contract));
    const instance = createMockInstance(contract, {
      seed: options.seed, fixtures, fixtureCount: options.fixtureCount, jwtSecret: options.jwtSecret, bodyLimit,
      maxRecords: options.maxRecords, maxStoreBytes: options.maxStoreBytes, maxResponseChars: options.maxResponseChars,
      seedOnFirstUse: options.seedOnFirstUse,
    });
    specs.push({ instance, base: mountPath(contract, options) });
  }

  let listeningPort = 0;
  const guard = { get port() { return listeningPort; }, boundHost: options.host ?? '127.0.0.1', token: options.controlToken };
  const engine = createEngine(specs, { byId: !options.atRoot, rootControl: true, guard, bodyLimit });

  const log = options.log;
  const batch = new ResponseBatch();
  const headersTimeout = Math.max(1, options.timeouts?.headersMs ?? 20_000);
  const requestTimeout = Math.max(options.timeouts?.requestMs ?? 60_000, headersTimeout);
  const server = createServer({
    headersTimeout,
    requestTimeout,
    // node checks the two timeouts at this interval (30 s by default, longer than a short headers timeout).
    connectionsCheckingInterval: Math.min(30_000, Math.max(50, Math.floor(headersTimeout / 4))),
  }, (req, res) => {
    if (log) {
      const started = performance.now();
      res.on('finish', () => log(`${req.method} ${loggedPath(req.url ?? '/')} ${res.statusCode} ${(performance.now() - started).toFixed(1)}ms`));
    }
    const request = new NodeEngineRequest(req);
    const response = engine.answer(request);
    if (response instanceof Promise) void response.then((answered) => batch.add(res, answered, request));
    else batch.add(res, response, request);
  });
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4010, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  listeningPort = address.port;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  return {
    url,
    server,
    mounts: specs.map(({ instance }) => ({ contract: instance.contract, url: `${url}${mountPath(instance.contract, options)}`, instance })),
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
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
