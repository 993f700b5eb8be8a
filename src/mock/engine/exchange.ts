import type { MockInstance } from '../instance.ts';
import { serializeReply } from '../serialize-reply.ts';
import type { MockReply } from '../instance.ts';

/**
 * A request as the engine reads it, whatever carried it: node:http's IncomingMessage (the server) or a
 * Fetch Request (msw in Node, the browser, @mswjs/http-middleware). Adapters only convert into this.
 */
export interface EngineRequest {
  readonly method: string;
  /** The request target as sent: a path (`/game-sessions/sessions?limit=2`) or an absolute URL. */
  readonly target: string;
  /** A header value, or null; names are lower-case. */
  header(name: string): string | null;
  /**
   * The body bytes, read only when the engine asks (at most once). Rejects with BodyTooLargeError as soon as
   * the declared length or the bytes read so far exceed `limit`, without buffering the rest.
   */
  readBody(limit: number): Promise<Uint8Array>;
}

/** What the engine answers; adapters only convert it. `headers` is a fresh object the adapter may extend. */
export interface EngineResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** Undefined: no body. */
  readonly body: string | undefined;
}

export class BodyTooLargeError extends Error {
  constructor(limit: number) {
    super(`The request body exceeds ${limit} bytes.`);
  }
}

export const EMPTY_BODY: Uint8Array = new Uint8Array(0);

/** A plain JSON answer of the mock itself (control routes, the index, refusals outside any contract). */
export function jsonResponse(status: number, value: unknown): EngineResponse {
  return textResponse(status, JSON.stringify(value));
}

export function textResponse(status: number, text: string): EngineResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: text };
}

/** A contract's reply (an operation's answer or one of its error bodies) as it goes on the wire. */
export function replyResponse(instance: MockInstance, reply: MockReply): EngineResponse {
  const encoded = serializeReply(instance, reply);
  return { status: encoded.status, headers: encoded.headers, body: encoded.text };
}
