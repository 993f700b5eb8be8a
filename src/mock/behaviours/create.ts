import { renderTemplate } from '../../template/render.ts';
import { requestVars, templateContext, type MockContext, type MockRequest, type MockResult } from '../context.ts';
import { SituationError } from '../situation-error.ts';
import type { StoredRecord } from '../store.ts';
import { applyGenerated } from './generated.ts';
import { respond } from './respond.ts';
import { renderTransient } from './transient.ts';
import { storableFields } from './storable.ts';
import { completeRequired, fitToRecord } from './fit-record.ts';

/** Stores a new record built from the body, the operation's `set` and the generated fields. */
export function create(context: MockContext, request: MockRequest): MockResult {
  const { behaviour } = request.operation;
  const resource = behaviour.resource;
  const body = (request.body ?? {}) as Record<string, unknown>;
  const scope = Object.fromEntries(resource.scope.map((name) => [name, String(request.path[name])]));
  const data = storableFields(resource, body);
  fitToRecord(context, resource, data);
  for (const [field, value] of Object.entries(resource.defaults)) if (data[field] === undefined) data[field] = structuredClone(value);
  Object.assign(data, renderTemplate(behaviour.set, templateContext(context, requestVars(request))) as object);
  if (resource.versioning) data[resource.versioning.field] = resource.versioning.initial;
  applyGenerated(context, request, data, 'create', scope);
  completeRequired(context, resource, data);

  const key = String(data[resource.key]);
  const table = context.store.table(resource.name);
  if (data[resource.key] === undefined || table.has(key)) {
    throw new SituationError('conflict', `A ${resource.name} with ${resource.key} "${key}" already exists.`);
  }
  const keep = resource.expiry?.unless !== undefined && isTruthy(body[resource.expiry.unless]);
  const record: StoredRecord = {
    data,
    scope,
    expiresAt: resource.expiry && !keep ? context.clock.now().getTime() + resource.expiry.after * 1000 : undefined,
    sections: {},
  };
  table.set(key, record);
  return respond(context, request, { record, transient: renderTransient(context, request, record, ['create']) });
}

function isTruthy(value: unknown): boolean {
  return value !== undefined && value !== null && value !== false && value !== 0 && value !== '' && value !== 'false';
}
