import { renderTemplate } from '../../template/render.ts';
import { producedBy } from '../../rules/transient.ts';
import { viewOf } from '../../rules/stored.ts';
import { requestVars, templateContext, type MockContext, type MockRequest } from '../context.ts';
import type { StoredRecord } from '../store.ts';
import { modelEntries } from '../../shared/model-entries.ts';

/**
 * Values of transient fields produced by an event: `create`, or `set:<field>` when an update gave that
 * field its first non-null value. Never stored: only the response to that request carries them.
 */
export function renderTransient(
  context: MockContext,
  request: MockRequest,
  record: StoredRecord,
  events: readonly string[],
): Record<string, unknown> {
  const resource = request.operation.behaviour.resource;
  const result: Record<string, unknown> = {};
  for (const [field, rule] of modelEntries(resource.transient)) {
    if (producedBy(rule, events).length === 0) continue;
    const vars = requestVars(request, { record: viewOf(resource, record.data, request.principal) });
    result[field] = renderTemplate(rule.value, templateContext(context, vars));
  }
  return result;
}
