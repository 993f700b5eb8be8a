import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

export interface ControlGuardOptions {
  /** The port the server listens on. */
  readonly port: number;
  /** The host it was bound to (`127.0.0.1`, `0.0.0.0`, `mock.internal`...). */
  readonly boundHost: string;
  /** When set, control requests must carry it (`Authorization: Bearer <t>` or `x-harness-control-token`). */
  readonly token?: string;
}

export interface ControlRefusal {
  readonly status: number;
  readonly error: string;
}

/** Names a DNS-rebinding page cannot make resolve to us: a rebinding attack needs a name of its own. */
const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Why a request to a control route (`/__harness/*`, `/<id>/__harness/*`) is refused, if it is. A web page
 * on another origin must not reset, read or move the mock: the Host must be a loopback name, an IP literal
 * or the bound host (no DNS rebinding), the control token must match when one is set, and a POST must be
 * `application/json` or carry `x-harness-control` (neither can be sent cross-origin without a preflight,
 * and control routes answer no preflight).
 *
 * @example
 * refuseControl(req, { port: 4010, boundHost: '127.0.0.1' }); // undefined: allowed
 */
export function refuseControl(req: IncomingMessage, options: ControlGuardOptions): ControlRefusal | undefined {
  const host = req.headers.host ?? '';
  if (!isAllowedHost(host, options)) {
    return { status: 403, error: `Failed to run the control request: the Host "${host.slice(0, 100)}" is not this mock's address. Use http://127.0.0.1:${options.port} (control routes refuse other names to stop DNS rebinding).` };
  }
  if (options.token !== undefined && !hasToken(req, options.token)) {
    return { status: 401, error: 'Failed to run the control request: the control token is missing or wrong. Send "Authorization: Bearer <token>" or "x-harness-control-token: <token>" with the --control-token value.' };
  }
  if (req.method === 'POST' && !isJson(req.headers['content-type']) && req.headers['x-harness-control'] === undefined) {
    return { status: 415, error: 'Failed to run the control request: a control POST must be "Content-Type: application/json" or carry "x-harness-control: 1". Add one of them.' };
  }
  return undefined;
}

function isAllowedHost(header: string, options: ControlGuardOptions): boolean {
  const match = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(header.toLowerCase());
  if (!match) return false;
  const [, name, port] = match;
  if ((port === undefined ? 80 : Number(port)) !== options.port) return false;
  const bare = name.replace(/^\[|\]$/g, '');
  return LOOPBACK_NAMES.has(name) || isIP(bare) !== 0 || name === options.boundHost.toLowerCase();
}

function hasToken(req: IncomingMessage, token: string): boolean {
  const header = req.headers['x-harness-control-token'];
  if (header === token) return true;
  const authorization = req.headers.authorization ?? '';
  return /^bearer /i.test(authorization) && authorization.slice(7).trim() === token;
}

function isJson(contentType: string | undefined): boolean {
  return /^application\/json\s*(;|$)/i.test(contentType ?? '');
}

/** `/__harness/...` or `/<mounted id>/__harness/...`, below the mount with `//` collapsed as the router does. */
export function isControlPath(segments: readonly string[], isMounted: (id: string) => boolean): boolean {
  if (segments[1] === '__harness') return true;
  return isMounted(segments[1]) && segments.slice(2).find((segment) => segment !== '') === '__harness';
}
