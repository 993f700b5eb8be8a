import { stripComments } from 'jsonc-parser';
import { credential, isRecord, parseJson, startApi, type ApiRequest, type ApiResponse, type RunningApi } from './http.ts';

/**
 * Make custom-app connections (seeds/003_08c0ac6b14af3183.txt and the api notes): `Token` auth; create answers
 * 200 `{appConnection}`; a `type` outside the documented list is 400 "Invalid connection type"; names come
 * from the app name (`app`, `app2`, ...); sections (api, parameters, scopes, scope, install, installSpec)
 * hold a JSON object or array and may be sent as `application/jsonc`; errors are `{message, code: "SC<status>"}`.
 */
export const MAKE_DEFECTS = {
  typeNotValidated: 'any connection `type` is accepted',
  createAnswers201: 'create answers 201 instead of 200',
  patchIgnored: 'PATCH changes nothing',
  sectionNotStored: 'a section write is not stored',
  commonNotStored: 'a common-data write is not stored',
  deleteKeepsConnection: 'delete answers success but keeps the connection',
  listNotScopedByApp: "the list shows every app's connections",
  unauthenticatedAccepted: 'requests without credentials are served',
  errorWithoutCode: 'error bodies have no `code`',
  notFoundAnswers500: 'an unknown connection answers 500',
  recreateAnswersArray: 'recreate answers `[]` instead of `{}`',
  deleteAnswersRecord: 'delete answers the connection instead of its name',
} as const;

export type MakeDefect = keyof typeof MAKE_DEFECTS;

const TYPES = ['oauth', 'oauth-refresh', 'oauth-resowncre', 'oauth-clicre', 'oauth-1', 'apikey', 'basic', 'other'];
const SECTIONS = ['api', 'parameters', 'scopes', 'scope', 'install', 'installSpec'];

interface Connection {
  app: string;
  record: { name: string; label: string; type: string; connectedSystemName?: string | null };
  sections: Record<string, unknown>;
}

export function startMakeSdkConnections(options: { defect?: MakeDefect } = {}): Promise<RunningApi> {
  const has = (defect: MakeDefect) => options.defect === defect;
  const connections = new Map<string, Connection>();

  const error = (status: number, message: string): ApiResponse => {
    const shown = status === 404 && has('notFoundAnswers500') ? 500 : status;
    return { status: shown, body: has('errorWithoutCode') ? { message } : { message, code: `SC${shown}` } };
  };

  function handle(request: ApiRequest): ApiResponse {
    if (credential(request, 'Token') === undefined && !(has('unauthenticatedAccepted') && !request.headers.authorization)) return error(401, 'Invalid access token.');
    const { method } = request;
    const connection = /^\/sdk\/apps\/connections\/([^/]+)(?:\/([^/]+))?$/.exec(request.pathname);
    if (connection) {
      const found = connections.get(decodeURIComponent(connection[1]));
      if (!found) return error(404, 'Not found');
      const part = connection[2] === undefined ? undefined : decodeURIComponent(connection[2]);
      if (part === undefined) return onConnection(request, found);
      if (part === 'recreate' && method === 'POST') return { status: 200, body: has('recreateAnswersArray') ? [] : {} };
      if (part === 'common' || SECTIONS.includes(part)) return onSection(request, found, part);
      return error(method === 'GET' || method === 'PUT' ? 400 : 404, `Unknown section ${part}.`);
    }
    const app = /^\/sdk\/apps\/([^/]+)\/connections$/.exec(request.pathname);
    if (!app) return error(404, 'Not found');
    const appName = decodeURIComponent(app[1]);
    if (method === 'GET') {
      const listed = [...connections.values()].filter((c) => has('listNotScopedByApp') || c.app === appName).map((c) => c.record);
      return { status: 200, body: { appConnections: listed } };
    }
    if (method === 'POST') return create(request, appName);
    return error(405, 'Method not allowed.');
  }

  function create(request: ApiRequest, app: string): ApiResponse {
    const read = readJson(request);
    if ('refusal' in read) return read.refusal;
    const body = read.value;
    if (!isRecord(body)) return error(400, 'Validation failed');
    if (!has('typeNotValidated') && !TYPES.includes(body.type as string)) return error(400, 'Invalid connection type');
    if (body.label !== undefined && typeof body.label !== 'string') return error(400, 'Validation failed');
    const name = nextName(app);
    const record = { name, label: (body.label as string | undefined) ?? name, type: String(body.type) };
    connections.set(name, { app, record, sections: {} });
    return { status: has('createAnswers201') ? 201 : 200, body: { appConnection: record } };
  }

  function onConnection(request: ApiRequest, connection: Connection): ApiResponse {
    if (request.method === 'GET') return { status: 200, body: { appConnection: connection.record } };
    if (request.method === 'DELETE') {
      if (!has('deleteKeepsConnection')) connections.delete(connection.record.name);
      return { status: 200, body: { appConnection: has('deleteAnswersRecord') ? connection.record : connection.record.name } };
    }
    if (request.method !== 'PATCH') return error(405, 'Method not allowed.');
    const read = readJson(request);
    if ('refusal' in read) return read.refusal;
    const body = read.value;
    if (!isRecord(body) || Object.keys(body).some((key) => key !== 'label' && key !== 'connectedSystemName')) return error(400, 'Validation failed');
    if (body.label !== undefined && typeof body.label !== 'string') return error(400, 'Validation failed');
    const system = body.connectedSystemName;
    if (system !== undefined && system !== null && typeof system !== 'string') return error(400, 'Validation failed');
    if (!has('patchIgnored')) {
      if (body.label !== undefined) connection.record.label = body.label as string;
      if (system !== undefined) connection.record.connectedSystemName = system as string | null;
    }
    return { status: 200, body: { appConnection: connection.record } };
  }

  function onSection(request: ApiRequest, connection: Connection, section: string): ApiResponse {
    if (request.method === 'GET') return { status: 200, body: connection.sections[section] ?? {} };
    if (request.method !== 'PUT') return error(405, 'Method not allowed.');
    const read = readJson(request);
    if ('refusal' in read) return read.refusal;
    const value = read.value;
    const common = section === 'common';
    const valid = common ? isRecord(value) : isRecord(value) || (Array.isArray(value) && value.every(isRecord));
    if (!valid) return error(400, common ? 'The common data must be an object.' : 'A section is a JSON object or an array of objects.');
    if (!(common ? has('commonNotStored') : has('sectionNotStored'))) connection.sections[section] = value;
    return { status: 200, body: common ? { changed: true } : value };
  }

  function readJson(request: ApiRequest): { value: unknown } | { refusal: ApiResponse } {
    if (request.tooLarge) return { refusal: error(413, 'Request entity too large') };
    const mediaType = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const parsed = parseJson(mediaType === 'application/jsonc' ? stripComments(request.text) : request.text);
    return parsed.ok ? { value: parsed.value } : { refusal: error(400, 'Invalid JSON in request body.') };
  }

  function nextName(app: string): string {
    if (!connections.has(app)) return app;
    let n = 2;
    while (connections.has(`${app}${n}`)) n++;
    return `${app}${n}`;
  }

  return startApi(handle);
}
