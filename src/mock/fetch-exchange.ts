import { HttpResponse } from 'msw';
import { hasNullBody } from '../shared/null-body.ts';
import { BodyTooLargeError, EMPTY_BODY, type EngineRequest, type EngineResponse } from './engine/exchange.ts';

/**
 * The Fetch adapter (msw's handlers in Node and the browser, @mswjs/http-middleware): a Fetch Request as
 * an engine request, the engine's response as a Fetch Response. Nothing Node-only: the browser bundle has it.
 */
export function fromFetchRequest(request: Request): EngineRequest {
  return {
    method: request.method,
    target: request.url,
    header: (name) => request.headers.get(name),
    readBody: (limit) => readFetchBody(request, limit),
  };
}

export function toFetchResponse(response: EngineResponse): Response {
  const body = hasNullBody(response.status) ? null : response.body ?? null;
  return new HttpResponse(body, { status: response.status, headers: response.headers });
}

/** The body stream read chunk by chunk, given up (and cancelled) as soon as it passes the limit. */
async function readFetchBody(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? undefined);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError(limit);
  if (request.body === null) return EMPTY_BODY;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
