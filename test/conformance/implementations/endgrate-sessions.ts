import { credential, isRecord, parseJson, randomHex, startApi, type ApiRequest, type ApiResponse, type RunningApi } from './http.ts';

/**
 * Endgrate sessions (seeds/001_14cfb30d67b711e3.txt and the api notes): Bearer keys; three initiate routes
 * answer 200 `{success: true, session_id}` (24 hex characters); push-only sessions take no `data_webhook`,
 * `passthrough_*` or `sync`; a `schema` item needs `endgrate_type` or `title`; errors are `{message, errors?}`.
 * The vendor documents only 200 and 401: 400 for a bad body and 404 for an unknown session are our choice.
 */
export const ENDGRATE_DEFECTS = {
  schemaItemWithoutTypeOrTitle: 'a `schema` item with neither `endgrate_type` nor `title` is accepted',
  sessionIdNotHex: 'session ids are not 24 hexadecimal characters',
  configurationNotFound: 'the configuration of an existing session answers 404',
  deleteKeepsSession: 'delete answers success but keeps the session',
  unauthenticatedAccepted: 'requests without credentials are served',
  errorBodyWithoutMessage: 'the 401 body has no `message`',
  configurationWithoutSchemas: 'the configuration has no `schemas`',
  initiateAnswers201: 'initiate answers 201 instead of 200',
  pushAcceptsPullFields: 'push-only initiate accepts `sync` and `data_webhook`',
  successFalse: 'initiate answers `success: false`',
  webhookWithoutEndpointAccepted: 'a webhook without `endpoint` is accepted',
} as const;

export type EndgrateDefect = keyof typeof ENDGRATE_DEFECTS;

type Mode = 'both' | 'pull' | 'push';

const BOOLEANS = ['field_selection', 'passthrough_fields', 'passthrough_schemas', 'sync', 'resource_selection', 'save_session', 'schema_selection', 'statistics', 'webhook_concurrency', 'bypass_ui'];
const STRINGS = ['session_label', 'category', 'provider', 'integration_provider_list_id', 'redirect_url'];
const WEBHOOKS = ['configuration_webhook', 'completed_webhook', 'error_webhook', 'data_webhook'];
const PULL_ONLY = ['data_webhook', 'passthrough_fields', 'passthrough_schemas', 'sync'];
const UPSERT_SETTINGS = ['OVERWRITE', 'DO_NOT_UPDATE', 'SET_IF_NOT_SET'];
const SCHEMA_ITEM_FIELDS = ['endgrate_type', 'title', 'type', 'properties', 'required', 'associations'];
const EXPIRY_MS = 72 * 3600 * 1000;

export function startEndgrateSessions(options: { defect?: EndgrateDefect } = {}): Promise<RunningApi> {
  const has = (defect: EndgrateDefect) => options.defect === defect;
  const sessions = new Map<string, { body: Record<string, unknown>; expiresAt: number | undefined }>();

  const error = (status: number, message: string, errors?: Record<string, string>): ApiResponse => ({
    status,
    body: status === 401 && has('errorBodyWithoutMessage') ? { error: 'unauthorized' } : { message, ...(errors ? { errors } : {}) },
  });
  const find = (id: unknown) => {
    const found = typeof id === 'string' ? sessions.get(id) : undefined;
    return found && (found.expiresAt === undefined || found.expiresAt > Date.now()) ? found : undefined;
  };

  function handle(request: ApiRequest): ApiResponse {
    if (credential(request, 'Bearer') === undefined && !(has('unauthenticatedAccepted') && !request.headers.authorization)) return error(401, 'Unauthorized');
    const route = `${request.method} ${request.pathname}`;
    const initiate = /^POST \/api\/(session|pull|push)\/initiate$/.exec(route);
    if (initiate) return create(request, initiate[1] === 'session' ? 'both' : (initiate[1] as Mode));
    if (route === 'GET /api/session/configuration') return configuration(request);
    if (route === 'POST /api/session/delete') return remove(request);
    return error(404, 'Not found');
  }

  function create(request: ApiRequest, mode: Mode): ApiResponse {
    const read = readBody(request);
    if ('refusal' in read) return read.refusal;
    const problems = bodyProblems(read.value, mode);
    if (Object.keys(problems).length > 0) return error(400, 'Invalid request', problems);
    const id = has('sessionIdNotHex') ? `session-${randomHex(16)}` : randomHex(24);
    sessions.set(id, { body: read.value, expiresAt: read.value.save_session === true ? undefined : Date.now() + EXPIRY_MS });
    return { status: has('initiateAnswers201') ? 201 : 200, body: { success: !has('successFalse'), session_id: id } };
  }

  function configuration(request: ApiRequest): ApiResponse {
    const id = request.query.get('session_id');
    if (!id) return error(400, 'Invalid request', { session_id: 'session_id is required' });
    const session = find(id);
    if (!session || has('configurationNotFound')) return error(404, 'Session not found');
    const endgrate: Record<string, unknown> = { provider_info: {} };
    if (typeof session.body.provider === 'string') endgrate.provider = session.body.provider;
    const body: Record<string, unknown> = { success: true, session_id: id, endgrate, schemas: {}, passthrough_schemas: {} };
    if (has('configurationWithoutSchemas')) delete body.schemas;
    return { status: 200, body };
  }

  function remove(request: ApiRequest): ApiResponse {
    const read = readBody(request);
    if ('refusal' in read) return read.refusal;
    const id = read.value.session_id;
    if (typeof id !== 'string' || id === '') return error(400, 'Invalid request', { session_id: 'session_id is required' });
    if (!find(id)) return error(404, 'Session not found');
    if (!has('deleteKeepsSession')) sessions.delete(id);
    return { status: 200, body: { success: true, session_id: id } };
  }

  function readBody(request: ApiRequest): { value: Record<string, unknown> } | { refusal: ApiResponse } {
    if (request.tooLarge) return { refusal: error(413, 'Request body too large') };
    const parsed = parseJson(request.text);
    if (!parsed.ok) return { refusal: error(400, 'Invalid JSON body') };
    if (!isRecord(parsed.value)) return { refusal: error(400, 'Invalid request', { body: 'must be an object' }) };
    return { value: parsed.value };
  }

  function bodyProblems(body: Record<string, unknown>, mode: Mode): Record<string, string> {
    const problems: Record<string, string> = {};
    const refusedHere = mode === 'push' && !has('pushAcceptsPullFields') ? PULL_ONLY : [];
    const known = new Set([...BOOLEANS, ...STRINGS, ...WEBHOOKS, 'default_upsert_setting', 'schema', 'prepopulate']);
    for (const [field, value] of Object.entries(body)) {
      if (!known.has(field) || refusedHere.includes(field)) problems[field] = 'is not accepted here';
      else if (BOOLEANS.includes(field) && typeof value !== 'boolean') problems[field] = 'must be a boolean';
      else if (STRINGS.includes(field) && typeof value !== 'string') problems[field] = 'must be a string';
      else if (WEBHOOKS.includes(field)) {
        const problem = webhookProblem(value, field === 'data_webhook');
        if (problem) problems[field] = problem;
      } else if (field === 'default_upsert_setting' && !UPSERT_SETTINGS.includes(value as string)) problems[field] = `must be one of ${UPSERT_SETTINGS.join(', ')}`;
      else if (field === 'prepopulate' && !isRecord(value)) problems[field] = 'must be an object';
      else if (field === 'schema') {
        const problem = schemaProblem(value);
        if (problem) problems[field] = problem;
      }
    }
    return problems;
  }

  function webhookProblem(value: unknown, data: boolean): string | undefined {
    if (!isRecord(value)) return 'must be an object';
    const known = data ? ['endpoint', 'metadata', 'continuous'] : ['endpoint', 'metadata'];
    if (Object.keys(value).some((key) => !known.includes(key))) return `takes only ${known.join(', ')}`;
    if (typeof value.endpoint !== 'string' && !(value.endpoint === undefined && has('webhookWithoutEndpointAccepted'))) return 'needs an `endpoint`';
    if (value.metadata !== undefined && !isRecord(value.metadata)) return '`metadata` must be an object';
    if (value.continuous !== undefined && typeof value.continuous !== 'boolean') return '`continuous` must be a boolean';
    return undefined;
  }

  function schemaProblem(value: unknown): string | undefined {
    if (!Array.isArray(value)) return 'must be an array of schemas';
    for (const item of value) {
      if (!isRecord(item)) return 'each schema must be an object';
      if (Object.keys(item).some((key) => !SCHEMA_ITEM_FIELDS.includes(key))) return `a schema takes only ${SCHEMA_ITEM_FIELDS.join(', ')}`;
      if (item.endgrate_type === undefined && item.title === undefined && !has('schemaItemWithoutTypeOrTitle')) return 'each schema needs an `endgrate_type` or a `title`';
      for (const field of ['endgrate_type', 'title', 'type']) if (item[field] !== undefined && typeof item[field] !== 'string') return `\`${field}\` must be a string`;
      if (item.properties !== undefined && !isRecord(item.properties)) return '`properties` must be an object';
      if (item.required !== undefined && (!Array.isArray(item.required) || item.required.some((r) => typeof r !== 'string'))) return '`required` must be a list of names';
      if (item.associations !== undefined && typeof item.associations !== 'boolean') return '`associations` must be a boolean';
    }
    return undefined;
  }

  return startApi(handle);
}
