import type { IncomingMessage } from 'node:http';
import type { IncomingRequest } from './incoming.ts';

export class BodyTooLargeError extends Error {}

/** Reads a Node request body into memory, stopping (and discarding the rest) once it exceeds `limit`. */
export function readNodeBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(new BodyTooLargeError());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * The few Express request members @mswjs/http-middleware reads, over a body we already read (so the
 * size limit holds). `readable: false` makes the middleware use `body` as is; `header()` hides the
 * content type from it so it does not re-serialise JSON (the Fetch request still gets every header).
 */
export function toMiddlewareRequest(req: IncomingMessage, body: Buffer | undefined, host: string): object {
  return {
    method: req.method,
    url: req.url,
    headers: req.headers,
    protocol: 'http',
    readable: false,
    body: body && body.length > 0 ? body : undefined,
    get: () => host,
    header: () => undefined,
  };
}

const EMPTY = new Uint8Array(0);

/** The mock's view of a Node request whose body was already read. */
export function fromNodeRequest(req: IncomingMessage, body: Buffer | undefined): IncomingRequest {
  return {
    method: req.method ?? 'GET',
    header(name) {
      const value = req.headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
    bytes: async () => body ?? EMPTY,
  };
}
