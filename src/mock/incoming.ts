/**
 * What the mock reads from a request, whatever carried it: a Fetch `Request` (msw in Node or the
 * browser) or a Node `IncomingMessage` whose body the server already read.
 */
export interface IncomingRequest {
  readonly method: string;
  /** A header value, or null; names are case-insensitive. */
  header(name: string): string | null;
  /** The raw body bytes (empty when there is none). */
  bytes(): Promise<Uint8Array>;
}

export function fromFetchRequest(request: Request): IncomingRequest {
  return {
    method: request.method,
    header: (name) => request.headers.get(name),
    bytes: async () => new Uint8Array(await request.arrayBuffer()),
  };
}
