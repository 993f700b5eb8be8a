import { renderTemplate } from '../../template/render.ts';
import { requestVars, templateContext, type MockContext, type MockRequest, type MockResult } from '../context.ts';
import { SituationError } from '../situation-error.ts';
import type { StoredRecord } from '../store.ts';
import { applyGenerated, generateKeyIfLeftOut } from './generated.ts';
import { respond } from './respond.ts';
import { renderTransient } from './transient.ts';
import { storableFields } from './storable.ts';
import { completeRequired, fitToRecord } from './fit-record.ts';
import { expiresAt } from '../../rules/expiry.ts';
import { applyDefaults } from '../../rules/stored.ts';
import { applyVersion } from '../../rules/versioning.ts';
import { recordInBody } from '../../rules/request-envelope.ts';

/** Stores a new record built from the body, the operation's `set` and the generated fields. */
export function create(context: MockContext, request: MockRequest): MockResult {
  const { behaviour } = request.operation;
  const resource = behaviour.resource;
  const body = recordInBody(behaviour, request.body);
  const scope = scopeOf(resource.scope, request.path);
  const data = storableFields(resource, body);
  fitToRecord(context, resource, data);
  applyDefaults(resource, data);
  if (!isEmptyObject(behaviour.set)) Object.assign(data, renderTemplate(behaviour.set, templateContext(context, requestVars(request))) as object);
  applyVersion(resource, data, 'create');
  applyGenerated(context, request, data, 'create', scope);
  generateKeyIfLeftOut(context, request, data, scope);
  completeRequired(context, resource, data);

  const key = String(data[resource.key]);
  const table = context.store.table(resource.name);
  if (data[resource.key] === undefined || table.has(key)) {
    throw new SituationError('conflict', `A ${resource.name} with ${resource.key} "${key}" already exists.`);
  }
  const record: StoredRecord = { data, scope, expiresAt: expiresAt(resource, body, context.clock.now().getTime()), sections: {} };
  table.set(key, record);
  return respond(context, request, { record, transient: renderTransient(context, request, record, ['create']) });
}

/** The scoping path parameters' values, as text. */
function scopeOf(names: readonly string[], path: Readonly<Record<string, unknown>>): Record<string, string> {
  const scope: Record<string, string> = {};
  for (const name of names) {
    // A parameter named `__proto__` is a key here (as Object.fromEntries makes it), not the prototype setter.
    if (name === '__proto__') Object.defineProperty(scope, name, { value: String(path[name]), enumerable: true, writable: true, configurable: true });
    else scope[name] = String(path[name]);
  }
  return scope;
}

/** `{}`: a `set` that renders to nothing (most creates have none), so no template context is built for it. */
function isEmptyObject(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0;
}
