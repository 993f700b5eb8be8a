import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as an implementation sees it: the body already read (not parsed: each API parses its own way). */
export interface ApiRequest {
  readonly method: string;
  readonly pathname: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly text: string;
  /** The body was larger than the server accepts; `text` is empty then. */
  readonly tooLarge: boolean;
}

export interface ApiResponse {
  readonly status: number;
  /** Serialised as JSON; undefined sends no body. */
  readonly body?: unknown;
}

export interface RunningApi {
  /** e.g. `http://127.0.0.1:PORT` */
  readonly url: string;
  close(): Promise<void>;
}

export type ApiHandler = (request: ApiRequest) => ApiResponse;

/** Bodies above this are refused without being kept in memory (the vendors publish no limit). */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Serves `handle` on 127.0.0.1 on a free port. Reading the body, the size limit and JSON serialisation
 * are the only things shared between the four implementations: every rule of an API is its own.
 */
export async function startApi(handle: ApiHandler): Promise<RunningApi> {
  const server = createServer((req, res) => {
    void readRequest(req).then((request) => send(res, safely(handle, request)), () => send(res, { status: 400, body: { message: 'unreadable request' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

function safely(handle: ApiHandler, request: ApiRequest): ApiResponse {
  try {
    return handle(request);
  } catch (error) {
    return { status: 500, body: { message: `implementation error: ${(error as Error).message}` } };
  }
}

async function readRequest(req: IncomingMessage): Promise<ApiRequest> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) tooLarge = true;
    else chunks.push(chunk as Buffer);
  }
  const url = new URL(req.url ?? '/', 'http://implementation.local');
  return {
    method: req.method ?? 'GET',
    pathname: url.pathname,
    query: url.searchParams,
    headers: req.headers as Record<string, string | undefined>,
    text: tooLarge ? '' : Buffer.concat(chunks).toString('utf8'),
    tooLarge,
  };
}

function send(res: ServerResponse, response: ApiResponse): void {
  if (response.body === undefined) {
    res.writeHead(response.status, { 'content-length': 0 });
    res.end();
    return;
  }
  const text = JSON.stringify(response.body);
  res.writeHead(response.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** The token after `prefix` in the Authorization header (case-insensitive prefix), or undefined. */
export function credential(request: ApiRequest, prefix: string): string | undefined {
  const header = request.headers.authorization ?? '';
  const match = new RegExp(`^${prefix}\\s+(\\S+)$`, 'i').exec(header.trim());
  return match?.[1];
}

/** The body parsed as JSON: `{ok: false}` when it is not JSON at all. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomAlnum(length: number): string {
  return [...randomBytes(length)].map((byte) => ALNUM[byte % ALNUM.length]).join('');
}

export function randomHex(length: number): string {
  return randomBytes(Math.ceil(length / 2)).toString('hex').slice(0, length);
}

/** ISO timestamps that always move forward, even for two writes in the same millisecond. */
export function createClock(): () => string {
  let last = 0;
  return () => {
    last = Math.max(Date.now(), last + 1);
    return new Date(last).toISOString();
  };
}
