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
      if (error instanceof BodyTooLargeError) this.refusedBody = true;
      throw error;
    });
  }
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
