import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the proxy received it; `path` includes the query string. */
export interface ProxiedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface ProxiedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * One injected defect: `request` may rewrite the request or answer it directly; `response` may rewrite
 * what the upstream answered. `forward` sends any (other) request upstream, e.g. to look something up.
 */
export interface Defect {
  request?(request: ProxiedRequest, forward: Forward): Promise<ProxiedRequest | ProxiedResponse | void> | ProxiedRequest | ProxiedResponse | void;
  response?(request: ProxiedRequest, response: ProxiedResponse, forward: Forward): Promise<ProxiedResponse | void> | ProxiedResponse | void;
}

export type Forward = (request: ProxiedRequest) => Promise<ProxiedResponse>;

export interface Proxy {
  /** e.g. `http://127.0.0.1:PORT` */
  readonly url: string;
  /** Every response body the upstream sent, in order (for secrets tests). */
  readonly seen: ProxiedResponse[];
  close(): Promise<void>;
}

/** An HTTP server on an ephemeral port that forwards to `upstream` (an origin), breaking one thing. */
export async function startProxy(upstream: string, defect: Defect = {}): Promise<Proxy> {
  const seen: ProxiedResponse[] = [];
  const forward: Forward = async (request) => {
    const headers = { ...request.headers };
    delete headers.host;
    delete headers['content-length'];
    delete headers.connection;
    const response = await fetch(upstream + request.path, {
      method: request.method,
      headers,
      body: request.method === 'GET' || request.method === 'HEAD' ? undefined : request.body,
      redirect: 'manual',
    });
    const result: ProxiedResponse = { status: response.status, headers: {}, body: await response.text() };
    response.headers.forEach((value, name) => { result.headers[name] = value; });
    delete result.headers['content-length'];
    delete result.headers['transfer-encoding'];
    delete result.headers.connection;
    seen.push(result);
    return result;
  };
  const server: Server = createServer((req, res) => {
    void handle(req).then((reply) => {
      res.writeHead(reply.status, { ...reply.headers, 'content-length': Buffer.byteLength(reply.body) });
      res.end(reply.body);
    }, (error: unknown) => {
      res.writeHead(599, { 'content-type': 'text/plain' });
      res.end(`proxy error: ${(error as Error).message}`);
    });
  });
  async function handle(req: IncomingMessage): Promise<ProxiedResponse> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[name] = value;
    let request: ProxiedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers, body: Buffer.concat(chunks).toString('utf8') };
    const rewritten = await defect.request?.(request, forward);
    if (rewritten && 'status' in rewritten) return rewritten;
    if (rewritten) request = rewritten;
    const response = await forward(request);
    return (await defect.response?.(request, response, forward)) ?? response;
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** Parses a JSON body, or undefined. */
export function json(message: { body: string }): any {
  try {
    return message.body === '' ? undefined : JSON.parse(message.body);
  } catch {
    return undefined;
  }
}

/** The message with a new JSON body. */
export function withJson<T extends ProxiedRequest | ProxiedResponse>(message: T, value: unknown): T {
  return { ...message, body: JSON.stringify(value) };
}

/** The path without the query string, and the query. */
export function splitPath(path: string): { pathname: string; query: URLSearchParams } {
  const url = new URL(path, 'http://proxy.local');
  return { pathname: url.pathname, query: url.searchParams };
}
