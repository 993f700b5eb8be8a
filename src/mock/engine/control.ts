import type { RequestUrl } from '../incoming.ts';
import type { MockInstance } from '../instance.ts';
import { STATE_TOO_LARGE, stringifyWithin } from '../serialize-reply.ts';
import { jsonResponse, textResponse, type EngineResponse } from './exchange.ts';

/**
 * The control routes, and the two state formats README documents, in one module:
 * - the server's own, for every contract it mounts: `POST /__harness/reset` -> `{reset, contracts}`,
 *   `GET /__harness/state` -> `{<id>: records by resource}`;
 * - each contract's, below its mount (also under msw): `POST|GET <mount>/__harness/reset|state|clock`
 *   -> `{reset, contract}`, `{contract, now, resources}`, `{now}`.
 * The guard (control-guard.ts) has already let the request through.
 */

/** What a control route reads: the URL and the body (read within the limit). */
export interface ControlInput {
  readonly url: RequestUrl;
  readonly body: Uint8Array;
}

export type ControlRoute = (input: ControlInput) => EngineResponse;

const ROOT_ROUTES = 'Control routes: POST /__harness/reset, GET /__harness/state, and per contract /<id>/__harness/clock.';

/** The actions `rootControl` answers (others below the root are a contract's own, such as its clock). */
export function isRootAction(action: string | undefined): boolean {
  return action === 'reset' || action === 'state';
}

/** `/__harness/<action>` at the server's root, over every mounted contract. */
export function rootControl(instances: readonly MockInstance[], action: string | undefined, method: string, url: RequestUrl): EngineResponse {
  if (action === 'reset' && method === 'POST') {
    for (const instance of instances) instance.reset();
    return jsonResponse(200, { reset: true, contracts: instances.map((instance) => instance.contract.id) });
  }
  if (action === 'state' && method === 'GET') {
    const includeHidden = url.searchParams.get('include') === 'hidden';
    const dump = Object.fromEntries(instances.map((instance) => [instance.contract.id, instance.state({ includeHidden })]));
    const text = stringifyWithin(dump, Math.min(...instances.map((instance) => instance.responseLimit)));
    return text === undefined ? jsonResponse(413, { error: STATE_TOO_LARGE }) : textResponse(200, text);
  }
  return jsonResponse(404, { error: ROOT_ROUTES });
}

/** The contract's own control route at a path below its mount (`/__harness/clock`), if there is one. */
export function contractControl(instance: MockInstance, path: string, method: string): ControlRoute | undefined {
  if (method === 'POST' && path === '/__harness/reset') {
    return () => {
      instance.reset();
      return jsonResponse(200, { reset: true, contract: instance.contract.id });
    };
  }
  if (method === 'GET' && path === '/__harness/state') {
    return ({ url }) => {
      const text = stringifyWithin({
        contract: instance.contract.id,
        now: instance.context.clock.now().toISOString(),
        resources: instance.state({ includeHidden: url.searchParams.get('include') === 'hidden' }),
      }, instance.responseLimit);
      return text === undefined ? jsonResponse(413, { error: STATE_TOO_LARGE }) : textResponse(200, text);
    };
  }
  if (path === '/__harness/clock') {
    if (method === 'GET') return () => jsonResponse(200, { now: instance.context.clock.now().toISOString() });
    if (method === 'POST') return ({ body }) => moveClock(instance, body);
  }
  return undefined;
}

/** `/__harness` and anything below it, relative to a mount (`//` already collapsed). */
export function isControlPath(path: string): boolean {
  return path === '/__harness' || path.startsWith('/__harness/');
}

/** `POST /__harness/clock` with `{"advance": "72h"}`, `{"advance": 3600000}` or `{"set": "2030-01-01T00:00:00Z"}`. */
function moveClock(instance: MockInstance, bytes: Uint8Array): EngineResponse {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  } catch {
    return jsonResponse(400, { error: 'Send JSON: {"advance": "72h"} or {"set": "<ISO date>"}.' });
  }
  const clock = instance.context.clock;
  let target: number;
  if (body?.advance !== undefined) {
    const ms = parseDuration(body.advance);
    if (ms === undefined) return jsonResponse(400, { error: '"advance" must be milliseconds or a duration like "90s", "15m", "72h", "3d".' });
    target = clock.now().getTime() + ms;
  } else if (typeof body?.set === 'string' && !Number.isNaN(Date.parse(body.set))) {
    target = Date.parse(body.set);
  } else {
    return jsonResponse(400, { error: 'Send {"advance": "72h"} or {"set": "<ISO date>"}.' });
  }
  // Beyond these the clock stops being a valid date (every `${now}` and expiry then threw: 5xx for good)
  // or stops being a four-digit-year `date-time`.
  if (!(target >= CLOCK_MIN && target <= CLOCK_MAX)) {
    return jsonResponse(400, { error: 'The clock must stay between 0000-01-01 and 9999-01-01.' });
  }
  clock.set(new Date(target));
  return jsonResponse(200, { now: clock.now().toISOString() });
}

const CLOCK_MIN = Date.parse('0000-01-01T00:00:00Z');
const CLOCK_MAX = Date.parse('9999-01-01T00:00:00Z');

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  const match = typeof value === 'string' ? /^\s*(-?\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(value) : null;
  return match ? Number(match[1]) * UNITS[match[2] ?? 'ms'] : undefined;
}
