import { isJsonMediaType } from '../shared/media-type.ts';
import { jsonTextNestsDeeperThan, MAX_JSON_DEPTH } from '../shared/json-nesting.ts';

/** Bodies beyond this are not read any further: a check reports the oversize instead. */
export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

export interface HttpRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Sent as is (already serialised). */
  readonly body?: string;
}

export interface HttpResponse {
  readonly status: number;
  /** Lower-cased names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The raw text; undefined when the body was empty or could not be read. */
  readonly text: string | undefined;
  /** Parsed JSON when the content type says JSON and the text parses; the text otherwise. */
  readonly body: unknown;
  readonly isJson: boolean;
  /** Set when the content type says JSON but the text does not parse. */
  readonly parseError?: string;
  /** Set when the body was not read to its end (too large), or is JSON nested too deep to parse. */
  readonly bodyError?: string;
}

export interface HttpResult {
  readonly request: HttpRequest;
  readonly response?: HttpResponse;
  /** A transport failure: no response, or the connection broke while the body was read. */
  readonly error?: string;
  readonly durationMs: number;
}

export interface SendOptions {
  readonly timeoutMs: number;
  readonly maxBodyBytes?: number;
}

/**
 * Sends one request with the global fetch and never rejects: transport problems (refused, reset, timeout,
 * TLS, DNS) become `{ error }`. Redirects are not followed; the body is read up to a cap.
 *
 * @example
 * const result = await sendRequest({ method: 'GET', url: 'http://127.0.0.1:4010/game-sessions/sessions', headers: {} }, { timeoutMs: 5000 });
 * result.error ?? result.response?.status; // 401
 */
export async function sendRequest(request: HttpRequest, options: SendOptions): Promise<HttpResult> {
  const started = performance.now();
  const signal = AbortSignal.timeout(options.timeoutMs);
  const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
  let response: Response;
  try {
    response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body, redirect: 'manual', signal });
  } catch (error) {
    return { request, error: describeTransportError(error, options.timeoutMs), durationMs: elapsed() };
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => { headers[name] = value; });
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const read = await readLimited(response, limit);
  const status = response.status;
  if (read.error !== undefined) {
    return {
      request,
      response: { status, headers, text: undefined, body: undefined, isJson: false },
      error: `${read.error} (status ${status}, after ${read.bytes} bytes of the body)`,
      durationMs: elapsed(),
    };
  }
  const bodyError = read.tooLarge ? `body larger than ${limit} bytes; stopped reading` : tooDeep(read.text, headers['content-type']);
  if (bodyError !== undefined) return { request, response: { status, headers, text: undefined, body: undefined, isJson: false, bodyError }, durationMs: elapsed() };
  return { request, response: { status, headers, ...decodeBody(read.text, headers['content-type']) }, durationMs: elapsed() };
}

interface ReadResult {
  readonly text: string;
  readonly bytes: number;
  readonly tooLarge?: boolean;
  readonly error?: string;
}

async function readLimited(response: Response, limit: number): Promise<ReadResult> {
  if (!response.body) return { text: '', bytes: 0 };
  const declared = Number(response.headers.get('content-length'));
  const reader = response.body.getReader();
  if (Number.isFinite(declared) && declared > limit) {
    await reader.cancel().catch(() => undefined);
    return { text: '', bytes: 0, tooLarge: true };
  }
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > limit) {
        await reader.cancel().catch(() => undefined);
        return { text: '', bytes, tooLarge: true };
      }
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    return { text: '', bytes, error: describeTransportError(error, undefined) };
  }
  return { text: new TextDecoder().decode(Buffer.concat(chunks)), bytes };
}

/**
 * JSON nested past MAX_JSON_DEPTH is not parsed: a few megabytes of `[[[[...` became millions of arrays that
 * every check walked again (17 s and 1.6 GB for one small document).
 */
function tooDeep(text: string, contentType: string | undefined): string | undefined {
  if (!isJsonMediaType(contentType) || !jsonTextNestsDeeperThan(text, MAX_JSON_DEPTH)) return undefined;
  return `the JSON body is nested more than ${MAX_JSON_DEPTH} levels deep; not parsed`;
}

function decodeBody(text: string, contentType: string | undefined): Pick<HttpResponse, 'text' | 'body' | 'isJson' | 'parseError'> {
  if (text === '') return { text: undefined, body: undefined, isJson: false };
  if (!isJsonMediaType(contentType)) return { text, body: text, isJson: false };
  try {
    return { text, body: JSON.parse(text), isJson: true };
  } catch (error) {
    return { text, body: text, isJson: false, parseError: `the body is not valid JSON (${(error as Error).message})` };
  }
}


/** A person-readable reason, with the system error code where there is one. */
export function describeTransportError(error: unknown, timeoutMs: number | undefined): string {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string; name?: string } };
  if (err?.name === 'TimeoutError' || err?.cause?.name === 'TimeoutError') {
    return timeoutMs === undefined ? 'timed out while reading the body' : `timed out after ${timeoutMs} ms`;
  }
  if (err?.name === 'AbortError') return 'the request was aborted';
  const cause = err?.cause;
  const code = cause?.code ?? (error as { code?: string })?.code;
  const detail = tidy(cause?.message ?? err?.message ?? String(error));
  const known: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset by the server',
    ENOTFOUND: 'host name not found (DNS)',
    EAI_AGAIN: 'host name lookup failed (DNS)',
    ETIMEDOUT: 'connection timed out',
    EHOSTUNREACH: 'host unreachable',
    UND_ERR_SOCKET: 'the connection closed unexpectedly',
    UND_ERR_HEADERS_TIMEOUT: 'no response headers in time',
    UND_ERR_BODY_TIMEOUT: 'the body did not arrive in time',
  };
  if (code && known[code]) return `${known[code]} (${code}): ${detail}`;
  if (code && /SSL|TLS|EPROTO|CERT/i.test(code)) return `TLS handshake failed (${code}): ${detail}; is the target plain HTTP?`;
  if (code) return `${code}: ${detail}`;
  if (detail === 'bad port') return 'fetch refuses to connect to this port (a "bad port")';
  return detail === 'fetch failed' ? 'the request failed' : detail;
}

/** A transport error (as described above) that means the server closed the connection while the request was being sent. */
export function isClosedWhileSending(error: string | undefined): boolean {
  return error !== undefined && /\b(EPIPE|ECONNRESET|UND_ERR_SOCKET)\b/.test(error);
}

/** One line; OpenSSL's `...:error:0A00010B:SSL routines:fn:reason:file:line:` shortened to its reason. */
function tidy(message: string): string {
  const openssl = /SSL routines:[^:]*:([^:]+)/.exec(message);
  return (openssl ? openssl[1] : message).split('\n')[0].trim();
}
