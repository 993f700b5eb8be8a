/** Reading a request's target: its URL, and its first path segment (where the server mounts contracts). */

import type { RequestUrl } from '../incoming.ts';

const ORIGIN = 'http://mock.local';

/**
 * The URL of a request target. An origin-form target is a path even when it starts with `//`: resolved
 * against a base, `//game-sessions/sessions` would make `game-sessions` the host (and `//%%` an invalid URL).
 * A plain target (what clients send nearly always) is read without the WHATWG parser, which would give it
 * back unchanged: see `isPlainTarget`.
 */
export function requestUrl(target: string): RequestUrl {
  if (isPlainTarget(target)) return new PlainTarget(target);
  return target.startsWith('/') ? new URL(`${ORIGIN}${target}`) : new URL(target, ORIGIN);
}

/**
 * Characters the WHATWG parser keeps as they are in the path and the query of an http URL: no space,
 * quote, `#`, `<`, `>`, backquote, braces, backslash or control, nothing above ASCII (percent-encoded or
 * rewritten otherwise); a query does not start with a second `?` (URLSearchParams would drop it).
 */
const PLAIN_TARGET = /^\/[\w\-.~!$&()*+,;=:@/%]*(?:\?(?!\?)[\w\-.~!$&()*+,;=:@/%?]*)?$/;

/** A target the parser returns as it is: plain characters and no dot segment (`/.`, `%2e`) to resolve. */
export function isPlainTarget(target: string): boolean {
  if (!PLAIN_TARGET.test(target)) return false;
  const query = target.indexOf('?');
  const path = query < 0 ? target : target.slice(0, query);
  return !path.includes('/.') && !/%2e/i.test(path);
}

/** An origin-form target as its URL: the path as sent, the query parsed on first read. */
class PlainTarget implements RequestUrl {
  readonly origin = ORIGIN;
  readonly pathname: string;
  private readonly query: string;
  private params: URLSearchParams | undefined;

  constructor(target: string) {
    const at = target.indexOf('?');
    this.pathname = at < 0 ? target : target.slice(0, at);
    this.query = at < 0 ? '' : target.slice(at + 1);
  }

  get search(): string {
    return this.query === '' ? '' : `?${this.query}`;
  }

  get searchParams(): URLSearchParams {
    return (this.params ??= new URLSearchParams(this.query));
  }
}

/** `pathname.split('/')[1] === name`, without cutting anything. */
export function firstSegmentIs(pathname: string, name: string): boolean {
  return pathname.startsWith(name, 1) && (pathname.length === name.length + 1 || pathname.charCodeAt(name.length + 1) === SLASH);
}

const SLASH = 0x2f;

/** `pathname.split('/')[1]` without splitting the whole path. */
export function firstSegment(pathname: string): string {
  const end = pathname.indexOf('/', 1);
  return end < 0 ? pathname.slice(1) : pathname.slice(1, end);
}
