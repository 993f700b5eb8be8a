import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, type EngineRequest, type EngineResponse } from './engine/exchange.ts';

/**
 * The node:http adapter: an IncomingMessage as an engine request, and the engine's response written back.
 * No Fetch objects: the body is read from the socket only when the engine asks, and reading stops (the rest
 * is discarded) as soon as it passes the limit.
 */
export class NodeEngineRequest implements EngineRequest {
  /** The body was refused while being sent: the connection cannot be reused. */
  refusedBody = false;
  readonly method: string;
  readonly target: string;
  private readonly req: IncomingMessage;

  constructor(req: IncomingMessage) {
    this.req = req;
    this.method = req.method ?? 'GET';
    this.target = req.url ?? '/';
  }

  header(name: string): string | null {
    const value = this.req.headers[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  }

  readBody(limit: number): Promise<Uint8Array> {
    return readNodeBody(this.req, limit).catch((error: unknown) => {
      // A body of a declared, bounded length is drained while the refusal is answered, and the connection
      // kept: closing it under a client still sending made the client's write fail (EPIPE) before it could
      // read the 413. An unbounded or undeclared one ends the connection.
      if (error instanceof BodyTooLargeError && !(declaredLength(this.req) <= DRAINED_LIMITS * limit)) this.refusedBody = true;
      throw error;
    });
  }
}

/** How many times the body limit a refused body of declared length may be read and discarded (a client that
 * declares more, or sends less than it declares, holds the connection no longer than any slow client). */
const DRAINED_LIMITS = 4;

function declaredLength(req: IncomingMessage): number {
  const declared = Number(req.headers['content-length']);
  return Number.isFinite(declared) && declared >= 0 && req.headers['transfer-encoding'] === undefined ? declared : Infinity;
}

/** Reads a Node request body into memory, stopping (and discarding the rest) once it exceeds `limit`. */
function readNodeBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(new BodyTooLargeError(limit));
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
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function writeNodeResponse(res: ServerResponse, response: EngineResponse, request: NodeEngineRequest): void {
  if (res.headersSent || res.destroyed) return;
  const headers = response.headers;
  if (request.refusedBody) headers.connection = 'close';
  if (response.body === undefined) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  headers['content-length'] = String(Buffer.byteLength(response.body));
  res.writeHead(response.status, headers);
  res.end(response.body);
}
