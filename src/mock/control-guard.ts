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

/** What the guard reads of a request. */
export interface GuardedRequest {
  readonly method: string;
  header(name: string): string | null;
}

/** Names a DNS-rebinding page cannot make resolve to us: a rebinding attack needs a name of its own. */
const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Why a request to a control route (`/__harness/*`, `/<id>/__harness/*`) is refused, if it is. A web page
 * on another origin must not reset, read or move the mock. A POST must be `application/json` or carry
 * `x-harness-control` (neither can be sent cross-origin without a preflight, and control routes answer no
 * preflight). Over a network (`listening` given) the Host must also be a loopback name, an IP literal or the
 * bound host (no DNS rebinding), and the control token must match when one is set; in-process adapters (msw)
 * have no network to guard.
 *
 * @example
 * refuseControl(request, { port: 4010, boundHost: '127.0.0.1' }); // undefined: allowed
 */
export function refuseControl(request: GuardedRequest, listening?: ControlGuardOptions): ControlRefusal | undefined {
  if (listening) {
    const host = request.header('host') ?? '';
    if (!isAllowedHost(host, listening)) {
      return { status: 403, error: `Failed to run the control request: the Host "${host.slice(0, 100)}" is not this mock's address. Use http://127.0.0.1:${listening.port} (control routes refuse other names to stop DNS rebinding).` };
    }
    if (listening.token !== undefined && !hasToken(request, listening.token)) {
      return { status: 401, error: 'Failed to run the control request: the control token is missing or wrong. Send "Authorization: Bearer <token>" or "x-harness-control-token: <token>" with the --control-token value.' };
    }
  }
  if (request.method === 'POST' && !isJson(request.header('content-type')) && request.header('x-harness-control') === null) {
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
  return LOOPBACK_NAMES.has(name) || isIpLiteral(bare) || name === options.boundHost.toLowerCase();
}

const IPV4_PART = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]\\d|\\d)';
const IPV4 = new RegExp(`^${IPV4_PART}(?:\\.${IPV4_PART}){3}$`);

/**
 * What node:net's `isIP` accepts (dotted-decimal IPv4; IPv6, with an optional zone), without node:net: the
 * engine also runs in the browser.
 */
export function isIpLiteral(text: string): boolean {
  if (IPV4.test(text)) return true;
  if (!text.includes(':')) return false;
  const address = text.replace(/%[0-9a-z.:-]+$/i, '');
  if (!/^[0-9a-f:.]+$/i.test(address)) return false;
  try {
    new URL(`http://[${address}]/`);
    return true;
  } catch {
    return false;
  }
}

function hasToken(request: GuardedRequest, token: string): boolean {
  if (request.header('x-harness-control-token') === token) return true;
  const authorization = request.header('authorization') ?? '';
  return /^bearer /i.test(authorization) && authorization.slice(7).trim() === token;
}

function isJson(contentType: string | null): boolean {
  return /^application\/json\s*(;|$)/i.test(contentType ?? '');
}
