/** A JWT's header and payload: base64url of `{"...` then a dot. */
const JWT_LIKE = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/;

/**
 * The path of a request target as the log may show it: no query and no fragment (clients put tokens
 * there), no scheme and authority of an absolute-form target (`http://user:pass@host`), and any segment
 * holding a JWT, even percent-encoded (a client that puts its token in the path), replaced by `[jwt]`.
 */
export function loggedPath(target: string): string {
  const path = target.split(/[?#]/, 1)[0].replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '') || '/';
  // Every request is logged: a path with no escape and no `eyJ` can hold no JWT, and is kept as it is.
  if (!path.includes('%') && !path.includes('eyJ')) return path;
  return path.split('/').map((segment) => (JWT_LIKE.test(safeDecode(segment)) ? '[jwt]' : segment)).join('/');
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
