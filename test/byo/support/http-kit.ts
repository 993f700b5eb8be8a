import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the hand-written servers of these tests share: a reply as data, a thrown reply, bodies, listening. */
export interface Reply {
  status: number;
  type?: string;
  body?: string;
  headers?: Record<string, string>;
}

export class HttpError extends Error {
  constructor(readonly reply: Reply) {
    super(`HTTP ${reply.status}`);
  }
}

export interface RunningServer {
  /** The API root, e.g. `http://127.0.0.1:PORT/v2`. */
  readonly url: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 256 * 1024;

/**
 * Reads the body up to a limit. `stopAtLimit` refuses it as soon as the limit is passed, leaving the rest
 * unread, as many servers do (the connection is then of no further use); otherwise the rest is drained.
 */
export async function readBody(req: IncomingMessage, tooLarge: () => Reply, stopAtLimit = false): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES && stopAtLimit) throw new HttpError(tooLarge());
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  if (size > MAX_BODY_BYTES) throw new HttpError(tooLarge());
  return Buffer.concat(chunks).toString('utf8');
}

export const isJsonType = (type: string | undefined) => /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type ?? '');
export const isFormType = (type: string | undefined) => /^application\/x-www-form-urlencoded\s*(?:;|$)/i.test(type ?? '');

/** Serves `route` under `base` on a free loopback port; a thrown HttpError is its reply, anything else `crash()`. */
export async function listen(base: string, route: (req: IncomingMessage, url: URL) => Promise<Reply>, crash: () => Reply): Promise<RunningServer> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://server.local');
    route(req, url).catch((error: unknown) => (error instanceof HttpError ? error.reply : crash())).then((reply) => send(res, reply));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${base}`,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.type) headers['content-type'] = reply.type;
  res.writeHead(reply.status, headers);
  res.end(reply.body);
}

/** Strictly increasing ISO timestamps: an update always moves `updated_at`, even within one millisecond. */
export function clock(): () => number {
  let last = 0;
  return () => {
    last = Math.max(Date.now(), last + 1);
    return last;
  };
}
