import { collectFields } from '../../contract/schema-fields.ts';
import { endpointVariants } from '../../contract/endpoint-variants.ts';
import type { OperationModel } from '../../contract/model.ts';
import type { IncomingRequest, RequestUrl } from '../incoming.ts';
import type { MockInstance } from '../instance.ts';
import { readMockRequest } from '../request.ts';
import type { OperationRoute } from './dispatch.ts';

/**
 * The route of the endpoint variant a request means (`POST /boards` documented as `/boards` and
 * `/boards#pinned`): of those whose parameters and body it reads without a refusal, the one declaring the
 * most of the body's fields (`{title, pin}` is the pinned board, though the plain one would ignore `pin`),
 * then the first in the endpoint's order. When none fits, the first: its refusal is the answer.
 */
export function chooseVariant(instance: MockInstance, match: OperationRoute, request: IncomingRequest, url: RequestUrl): OperationRoute {
  if (match.variants === undefined || match.variants.length === 0) return match;
  const order = endpointVariants(instance.contract, match.operation);
  const routes = [match, ...match.variants].sort((a, b) => order.indexOf(a.operation) - order.indexOf(b.operation));
  let best: { route: OperationRoute; undeclared: number } | undefined;
  for (const route of routes) {
    const undeclared = undeclaredFields(instance, route, request, url);
    if (undeclared !== undefined && (best === undefined || undeclared < best.undeclared)) best = { route, undeclared };
  }
  return best?.route ?? routes[0];
}

/** How many of the body's fields the variant does not declare; undefined when it refuses the request. */
function undeclaredFields(instance: MockInstance, route: OperationRoute, request: IncomingRequest, url: RequestUrl): number | undefined {
  try {
    const read = readMockRequest(route.operation, request, url, route.params, undefined, instance.bodyLimit);
    if (read instanceof Promise) {
      // A body only readable later (a multipart stream) cannot tell the variants apart now: taken as fitting.
      read.catch(() => undefined);
      return 0;
    }
    return countUndeclared(route.operation, read.request.body);
  } catch {
    return undefined;
  }
}

function countUndeclared(operation: OperationModel, body: unknown): number {
  if (body === null || typeof body !== 'object' || Array.isArray(body) || !operation.body) return 0;
  const declared = collectFields(operation.body.schema);
  return Object.keys(body).filter((name) => !declared.has(name)).length;
}
