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
  const { behaviour, successStatus, responses } = request.operation;
  if (behaviour.response === null) return { status: successStatus, body: undefined };
  const record = values.record ? viewRecord(behaviour.resource, values.record, request.principal, values.transient) : undefined;
  const vars = { ...requestVars(request), record, items: values.items, count: values.count, section: values.section };
  const rendered = renderTemplate(behaviour.response, templateContext(context, vars));
  const success = responses.get(String(successStatus));
  const mediaType = success?.mediaTypes.find((type) => /json/i.test(type));
  const body = behaviour.envelope ? overlay(structuredClone(success?.sample), behaviour.response, rendered) : rendered;
  return { status: successStatus, body, ...(mediaType && mediaType !== 'application/json' ? { mediaType } : {}) };
}

/**
 * The template's values laid over the envelope the schema gives (a seeded sample): what the template
 * places wins, the rest of a documented wrapper (`meta`, `links`...) keeps its sample.
 */
function overlay(base: unknown, template: unknown, values: unknown): unknown {
  // Only the template's own structure merges; a value it renders (the record, the items) replaces whole.
  if (!isPlainObject(base) || !isPlainObject(template) || !isPlainObject(values)) return values;
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(values)) result[key] = overlay(result[key], template[key], value);
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
