import { randomUUID } from 'node:crypto';
import { createClock, credential, isRecord, parseJson, startApi, type ApiRequest, type ApiResponse, type RunningApi } from './http.ts';

/**
 * The "Session Routes" of the game back-end (seeds/002_e6380c73f6bebe05.txt), written from the vendor page and
 * the api notes only: JWT auth, the caller is the token's `sub`/`uid`; the server sets uid, dates, version,
 * hostUid, serverUid and ignores them in bodies; PUT needs neither uid nor version (checked when sent);
 * only the host modifies; private sessions are seen by host, invited and members; `password` only by the host.
 */
export const GAME_SESSIONS_DEFECTS = {
  countIgnoresVisibility: 'the count includes private sessions the caller cannot see',
  limitIgnored: 'the list ignores `limit`',
  skipIgnored: 'the list ignores `skip`',
  sortIgnored: 'the list ignores `sort`',
  dateModifiedNotAdvanced: 'an update keeps the old `dateModified`',
  versionNotIncremented: 'an update keeps the old `version`',
  staleVersionAccepted: 'a PUT with a stale `version` is accepted',
  uidMismatchAccepted: 'a PUT whose body `uid` differs from the path is accepted',
  passwordShownToOthers: '`password` is returned to users who are not the host',
  privateListedToOthers: 'the list shows private sessions to everyone',
  joinAddsTwice: 'joining twice adds the caller twice',
  leaveKeepsMember: 'leave does not remove the caller',
  anyoneMayModify: 'any user may replace or delete a session',
  countHonoursLimit: 'the count applies `limit`',
  unauthenticatedAccepted: 'requests without credentials are served',
} as const;

export type GameSessionsDefect = keyof typeof GAME_SESSIONS_DEFECTS;

interface Session {
  uid: string;
  dateCreated: string;
  dateModified: string;
  version: number;
  hostUid: string;
  serverUid: string;
  [field: string]: unknown;
}

const SERVER_FIELDS = new Set(['uid', 'dateCreated', 'dateModified', 'version', 'hostUid', 'serverUid']);
const STRING_ARRAYS = ['invited', 'users'];
const INTEGERS = ['numTeams', 'teamSize'];
const STRINGS = ['password', 'status', 'visibility'];
const MAX_LIMIT = 1000;

export interface GameSessionsOptions {
  readonly defect?: GameSessionsDefect;
  /** The status for joining a full session: the vendor documents none, 403 and 409 are both plausible. */
  readonly fullSessionStatus?: 403 | 409;
}

export function startGameSessions(options: GameSessionsOptions = {}): Promise<RunningApi> {
  const has = (defect: GameSessionsDefect) => options.defect === defect;
  const sessions = new Map<string, Session>();
  const now = createClock();

  const error = (status: number, message: string): ApiResponse => ({ status, body: { message, status } });
  const canSee = (session: Session, caller: string) => session.visibility !== 'private' || session.hostUid === caller
    || asArray(session.invited).includes(caller) || asArray(session.users).includes(caller);
  const shown = (session: Session, caller: string) => {
    if (session.hostUid === caller || has('passwordShownToOthers')) return { ...session };
    const { password: _password, ...rest } = session;
    return rest;
  };
  const mayModify = (session: Session, caller: string) => has('anyoneMayModify') || !session.hostUid || session.hostUid === caller;

  function handle(request: ApiRequest): ApiResponse {
    const caller = callerOf(request) ?? (has('unauthenticatedAccepted') && !request.headers.authorization ? 'anonymous' : undefined);
    if (caller === undefined) return error(401, 'A valid JWT is required.');
    const { method, pathname } = request;
    if (pathname === '/sessions') {
      if (method === 'GET') return list(request, caller);
      if (method === 'POST') return create(request, caller);
      if (method === 'DELETE') {
        sessions.clear();
        return { status: 200 };
      }
      return error(405, 'Method not allowed.');
    }
    if (pathname === '/sessions/count' && method === 'GET') return count(request, caller);
    const match = /^\/sessions\/([^/]+)(?:\/(join|leave))?$/.exec(pathname);
    if (!match) return error(404, 'Not found.');
    const id = decodeURIComponent(match[1]);
    const session = sessions.get(id);
    if (!session || !canSee(session, caller)) return error(404, 'Session not found.');
    if (match[2] === 'join' && method === 'GET') return join(session, caller);
    if (match[2] === 'leave' && method === 'GET') return leave(session, caller);
    if (match[2] !== undefined) return error(405, 'Method not allowed.');
    if (method === 'GET') return { status: 200, body: shown(session, caller) };
    if (method === 'PUT') return replace(request, session, caller);
    if (method === 'DELETE') {
      if (!mayModify(session, caller)) return error(403, 'Only the host may delete this session.');
      sessions.delete(id);
      return { status: 200 };
    }
    return error(405, 'Method not allowed.');
  }

  function visible(request: ApiRequest, caller: string, ignoreVisibility = false): Session[] {
    const filters = [...request.query].filter(([name]) => !['limit', 'skip', 'sort'].includes(name));
    return [...sessions.values()].filter((session) => (ignoreVisibility || canSee(session, caller))
      && filters.every(([name, value]) => session[name] !== undefined && String(session[name]) === value));
  }

  function list(request: ApiRequest, caller: string): ApiResponse {
    const paging = pagingOf(request);
    if ('refusal' in paging) return paging.refusal;
    const found = visible(request, caller, has('privateListedToOthers'));
    const sorted = has('sortIgnored') ? found : sortBy(found, request.query.get('sort'));
    const skip = has('skipIgnored') ? 0 : paging.skip;
    const page = has('limitIgnored') ? sorted.slice(skip) : sorted.slice(skip, skip + paging.limit);
    return { status: 200, body: page.map((session) => shown(session, caller)) };
  }

  function count(request: ApiRequest, caller: string): ApiResponse {
    const paging = pagingOf(request);
    if ('refusal' in paging) return paging.refusal;
    const found = visible(request, caller, has('countIgnoresVisibility'));
    return { status: 200, body: { count: has('countHonoursLimit') ? Math.min(found.length, paging.limit) : found.length } };
  }

  function create(request: ApiRequest, caller: string): ApiResponse {
    const read = readBody(request);
    if ('refusal' in read) return read.refusal;
    const body = read.body;
    const stamp = now();
    const session: Session = {
      ...clientFields(body),
      uid: randomUUID(), dateCreated: stamp, dateModified: stamp, version: 0, hostUid: caller, serverUid: randomUUID(),
    };
    sessions.set(session.uid, session);
    return { status: 201, body: shown(session, caller) };
  }

  function replace(request: ApiRequest, session: Session, caller: string): ApiResponse {
    if (!mayModify(session, caller)) return error(403, 'You do not have permission to modify this session.');
    const read = readBody(request);
    if ('refusal' in read) return read.refusal;
    const body = read.body;
    if (body.uid !== undefined && body.uid !== session.uid && !has('uidMismatchAccepted')) return error(400, 'The body uid does not match the path.');
    if (body.version !== undefined && body.version !== session.version && !has('staleVersionAccepted')) {
      return error(409, 'Invalid object version. Do you have the latest version?');
    }
    const kept = Object.fromEntries(Object.entries(session).filter(([field]) => SERVER_FIELDS.has(field))) as Session;
    const next: Session = {
      ...clientFields(body),
      ...kept,
      version: has('versionNotIncremented') ? session.version : session.version + 1,
      dateModified: has('dateModifiedNotAdvanced') ? session.dateModified : now(),
    };
    sessions.set(session.uid, next);
    return { status: 200, body: shown(next, caller) };
  }

  function join(session: Session, caller: string): ApiResponse {
    const users = asArray(session.users);
    if (users.includes(caller) && !has('joinAddsTwice')) return { status: 200, body: shown(session, caller) };
    const capacity = Number(session.numTeams ?? 0) * Number(session.teamSize ?? 0);
    if (capacity > 0 && users.length >= capacity) return error(options.fullSessionStatus ?? 409, 'The session is full.');
    session.users = [...users, caller];
    return { status: 200, body: shown(session, caller) };
  }

  function leave(session: Session, caller: string): ApiResponse {
    if (!has('leaveKeepsMember')) session.users = asArray(session.users).filter((user) => user !== caller);
    return { status: 200 };
  }

  function readBody(request: ApiRequest): { body: Record<string, unknown> } | { refusal: ApiResponse } {
    if (request.tooLarge) return { refusal: error(413, 'The request body is too large.') };
    const parsed = parseJson(request.text);
    if (!parsed.ok || !isRecord(parsed.value)) return { refusal: error(400, 'The request body is not a JSON object.') };
    const problem = typeProblem(parsed.value);
    return problem ? { refusal: error(400, problem) } : { body: parsed.value };
  }

  return startApi(handle);
}

function callerOf(request: ApiRequest): string | undefined {
  const token = credential(request, 'jwt');
  const payload = token?.split('.')[1];
  if (!payload || token?.split('.').length !== 3) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const subject = claims.sub ?? claims.uid;
    return typeof subject === 'string' && subject !== '' ? subject : undefined;
  } catch {
    return undefined;
  }
}

/** Client-settable fields as sent; fields the server manages are ignored, not refused. */
function clientFields(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([field]) => !SERVER_FIELDS.has(field)));
}

function typeProblem(body: Record<string, unknown>): string | undefined {
  for (const field of STRING_ARRAYS) {
    const value = body[field];
    if (value !== undefined && (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))) return `\`${field}\` must be an array of strings.`;
  }
  for (const field of INTEGERS) if (body[field] !== undefined && !Number.isInteger(body[field])) return `\`${field}\` must be an integer.`;
  for (const field of STRINGS) if (body[field] !== undefined && typeof body[field] !== 'string') return `\`${field}\` must be a string.`;
  const teams = body.teams;
  if (teams !== undefined && (!Array.isArray(teams) || teams.some((team) => !isRecord(team) && typeof team !== 'string'))) return '`teams` must be an array of teams (objects, or the type name the vendor examples print).';
  if (body.version !== undefined && !Number.isInteger(body.version)) return '`version` must be an integer.';
  return undefined;
}

function pagingOf(request: ApiRequest): { limit: number; skip: number } | { refusal: ApiResponse } {
  const limit = integerParam(request.query.get('limit'), 100);
  const skip = integerParam(request.query.get('skip'), 0);
  if (limit === undefined || skip === undefined) return { refusal: { status: 400, body: { message: '`limit` and `skip` must be non-negative numbers.', status: 400 } } };
  return { limit: Math.min(limit, MAX_LIMIT), skip };
}

function integerParam(text: string | null, fallback: number): number | undefined {
  if (text === null) return fallback;
  const value = Number(text);
  return Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** `sort` is `{"field": "ASC"|"DESC"}` as JSON, or a bare field name (ascending). */
function sortBy(sessions: Session[], sort: string | null): Session[] {
  if (!sort) return sessions;
  const parsed = parseJson(sort);
  const [field, order] = parsed.ok && isRecord(parsed.value) ? Object.entries(parsed.value)[0] ?? [sort, 'ASC'] : [sort, 'ASC'];
  const direction = String(order).toUpperCase() === 'DESC' ? -1 : 1;
  return [...sessions].sort((a, b) => direction * compare(a[field], b[field]));
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return String(a) < String(b) ? -1 : 1;
}

function asArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
