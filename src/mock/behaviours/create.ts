import { renderTemplate } from '../../template/render.ts';
import { requestVars, templateContext, type MockContext, type MockRequest, type MockResult } from '../context.ts';
import { SituationError } from '../situation-error.ts';
import { applyGenerated, generateKeyIfLeftOut } from './generated.ts';
import { respond } from './respond.ts';
import { renderTransient } from './transient.ts';
import { storableFields } from './storable.ts';
import { completeRequired, fitToRecord } from './fit-record.ts';
import { expiresAt } from '../../rules/expiry.ts';
import { applyDefaults, keyFromPath } from '../../rules/stored.ts';
import type { ResourceModel } from '../../contract/model.ts';
import { applyVersion } from '../../rules/versioning.ts';
import { recordInBody } from '../../rules/request-envelope.ts';

/**
 * Stores a new record built from the body, the operation's `set` and the generated fields; an upsert's
 * record takes the key its path names, and answers 201 where the operation documents it.
 */
export function create(context: MockContext, request: MockRequest): MockResult {
  const { behaviour } = request.operation;
  const resource = behaviour.resource;
  const body = recordInBody(behaviour, request.body);
  // The model marks an upsert only where the id comes from the path (build.ts#buildBehaviour).
  const upsert = behaviour.upsert === true;
  const pathKey = upsert ? request.path[behaviour.id!.name] : undefined;
  if (upsert) assertKeyMatchesPath(resource.key, body, pathKey);
  const scope = scopeOf(resource.scope, request.path);
  const data = storableFields(resource, body);
  fitToRecord(context, resource, data);
  applyDefaults(resource, data);
  if (!isEmptyObject(behaviour.set)) Object.assign(data, renderTemplate(behaviour.set, templateContext(context, requestVars(request))) as object);
  applyVersion(resource, data, 'create');
  applyGenerated(context, request, data, 'create', scope);
  if (upsert) data[resource.key] = keyFromPath(resource, pathKey);
  generateKeyIfLeftOut(context, request, data, scope);
  completeRequired(context, resource, data);

  const key = String(data[resource.key]);
  const table = context.store.table(resource.name);
  if (data[resource.key] === undefined || table.has(key)) {
    throw new SituationError('conflict', `A ${resource.name} with ${resource.key} "${key}" already exists.`);
  }
  const record = table.insert(key, { data, scope, expiresAt: expiresAt(resource, body, context.clock.now().getTime()) });
  const created = upsert && request.operation.responses.has('201') ? 201 : undefined;
  const answer = respond(context, request, { record, transient: renderTransient(context, request, record, ['create']) }, created);
  // Answered: the record may rest as the text its body came in (store.ts), read again when next asked for.
  // It holds while nothing above changed a nested object `data` shares with the body (they assign fields).
  if (request.bodyText !== undefined && body === request.body) table.rest(record, request.bodyText, body);
  return { status: answer.status, body: answer.body, mediaType: answer.mediaType, created: record };
}

/** A body that names another key than the path does (`PUT /things/a` with `{id: b}`) is refused. */
export function assertKeyMatchesPath(key: string, body: Record<string, unknown>, fromPath: unknown): void {
  if (body[key] === undefined || String(body[key]) === String(fromPath)) return;
  throw new SituationError('invalid', `\`${key}\` in the body does not match the path.`, [
    { pointer: `/${key}`, property: key, keyword: 'const', message: `\`${key}\` must match the path.` },
  ]);
}

/** The scoping path parameters' values, as text (one shared empty scope for the many resources without). */
function scopeOf(names: readonly string[], path: Readonly<Record<string, unknown>>): Record<string, string> {
  if (names.length === 0) return NO_SCOPE;
  const scope: Record<string, string> = {};
  for (const name of names) {
    // A parameter named `__proto__` is a key here (as Object.fromEntries makes it), not the prototype setter.
    if (name === '__proto__') Object.defineProperty(scope, name, { value: String(path[name]), enumerable: true, writable: true, configurable: true });
    else scope[name] = String(path[name]);
  }
  return scope;
}

const NO_SCOPE: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** `{}`: a `set` that renders to nothing (most creates have none), so no template context is built for it. */
function isEmptyObject(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0;
}
