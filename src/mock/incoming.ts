/** What the engine and an operation's stages read of a request's URL; a WHATWG URL is one. */
export interface RequestUrl {
  readonly origin: string;
  readonly pathname: string;
  /** `''` when the target has no query (or an empty one), else `?` and the query. */
  readonly search: string;
  readonly searchParams: URLSearchParams;
}

/**
 * What an operation's stages (engine/operation.ts: credentials, parameters, body) read from a request. The
 * engine builds it from its adapter-neutral request, with the body it already read within the limit.
 */
export interface IncomingRequest {
  readonly method: string;
  /** A header value, or null; names are case-insensitive. */
  header(name: string): string | null;
  /** The raw body bytes (empty when there is none). */
  bytes(): Promise<Uint8Array>;
  /** The same bytes when they are already read (the engine reads them within the limit first): read at once. */
  readonly body?: Uint8Array;
}
