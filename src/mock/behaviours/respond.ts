import { renderTemplate } from '../../template/render.ts';
import { viewRecord } from '../access.ts';
import { requestVars, templateContext, type MockContext, type MockRequest, type MockResult } from '../context.ts';
import type { StoredRecord } from '../store.ts';

/** Renders the operation's response template with the record (as this caller may see it) and extra values. */
export function respond(
  context: MockContext,
  request: MockRequest,
  values: { record?: StoredRecord; transient?: Record<string, unknown>; items?: unknown[]; count?: number; section?: unknown },
): MockResult {
  const { behaviour, successStatus } = request.operation;
  if (behaviour.response === null) return { status: successStatus, body: undefined };
  const record = values.record ? viewRecord(behaviour.resource, values.record, request.principal, values.transient) : undefined;
  const vars = { ...requestVars(request), record, items: values.items, count: values.count, section: values.section };
  return { status: successStatus, body: renderTemplate(behaviour.response, templateContext(context, vars)) };
}
