/** Reading a request's target: its URL, and its first path segment (where the server mounts contracts). */

/**
 * The URL of a request target. An origin-form target is a path even when it starts with `//`: resolved
 * against a base, `//game-sessions/sessions` would make `game-sessions` the host (and `//%%` an invalid URL).
 */
export function requestUrl(target: string): URL {
  return target.startsWith('/') ? new URL(`http://mock.local${target}`) : new URL(target, 'http://mock.local');
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
