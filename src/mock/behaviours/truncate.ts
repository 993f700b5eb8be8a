import { isInScope } from '../access.ts';
import type { MockContext, MockRequest, MockResult } from '../context.ts';
import { respond } from './respond.ts';

/** Removes every record of the resource in the request's scope. */
export function truncate(context: MockContext, request: MockRequest): MockResult {
  const resource = request.operation.behaviour.resource;
  const table = context.store.table(resource.name);
  for (const [key, record] of table) if (isInScope(context, request, resource, record)) table.delete(key);
  return respond(context, request, {});
}
