import { assertMayModify, findRecord } from '../access.ts';
import type { MockContext, MockRequest, MockResult } from '../context.ts';
import { respond } from './respond.ts';

/** Removes the addressed record; it is not found afterwards. */
export function remove(context: MockContext, request: MockRequest): MockResult {
  const resource = request.operation.behaviour.resource;
  const record = findRecord(context, request);
  assertMayModify(request, record);
  context.store.table(resource.name).delete(String(record.data[resource.key]));
  return respond(context, request, { record });
}
