import { Agent, request } from 'node:http';

export interface RawReply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly bytes: Buffer;
  /** The body parsed as JSON, `undefined` when empty, the text itself when it is not JSON. */
  readonly body: unknown;
}

export interface RawRequest {
  readonly method: string;
  /** The request target exactly as sent: nothing is normalised or encoded. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string | undefined>>;
  readonly body?: Buffer;
  /** Send the body in two chunks with `Transfer-Encoding: chunked` instead of a Content-Length. */
  readonly chunked?: boolean;
  /** Default: the shared keep-alive agent below. */
  readonly agent?: Agent;
}

/** Keep-alive, so thousands of requests do not exhaust ephemeral ports. */
export const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/**
 * One request over real HTTP with raw bytes, target and header values (fetch would normalise the path,
 * refuse some methods and reject non-ASCII headers). Header values are sent as Latin-1, so a UTF-8 string
 * must be passed through `utf8AsLatin1` to arrive as UTF-8 bytes.
 */
export function rawRequest(origin: string, spec: RawRequest): Promise<RawReply> {
  const url = new URL(origin);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(spec.headers ?? {})) if (value !== undefined) headers[name] = value;
  // Explicit framing: node only chunks POST-like methods by default and would send a GET body unframed.
  if (spec.body && !spec.chunked) headers['content-length'] = String(spec.body.length);
  if (spec.body && spec.chunked) headers['transfer-encoding'] = 'chunked';
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method: spec.method, path: spec.path, headers, agent: spec.agent ?? agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes, body: parse(bytes) });
      });
    });
    req.on('error', reject);
    if (spec.body && spec.chunked) {
      const middle = spec.body.length >> 1;
      req.write(spec.body.subarray(0, middle));
      req.end(spec.body.subarray(middle));
    } else {
      req.end(spec.body);
    }
  });
}

function parse(bytes: Buffer): unknown {
  if (bytes.length === 0) return undefined;
  const text = bytes.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A string whose Latin-1 encoding is the UTF-8 encoding of `text` (how to put UTF-8 bytes in a header). */
export function utf8AsLatin1(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

/** JSON request helper for the tests that want ordinary, well-formed traffic. */
export async function sendJson(origin: string, method: string, path: string, options: { auth?: string; body?: unknown } = {}): Promise<RawReply> {
  const headers: Record<string, string | undefined> = { authorization: options.auth };
  let body: Buffer | undefined;
  if (options.body !== undefined) {
    body = Buffer.from(JSON.stringify(options.body));
    headers['content-type'] = 'application/json';
  }
  return rawRequest(origin, { method, path, headers, body });
}
