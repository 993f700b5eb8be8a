import { credential, isRecord, parseJson, randomAlnum, startApi, type ApiRequest, type ApiResponse, type RunningApi } from './http.ts';

/**
 * Gigs Connect Sessions (seeds/000_d5954b72fe16d464.txt and the api notes): Bearer keys; a ConnectSession
 * always carries all seven properties, `appearance` `{}` and `callbackUrl`/`user` null when never set;
 * `url` only on the create response and on the update that associates a user; `user`/`userDetails` only
 * while there is no user (else 422); invalid parameters 422 `invalid`, unparseable JSON 400 `malformed`;
 * unknown properties are rejected. Sessions belong to the project in their path.
 */
export const GIGS_DEFECTS = {
  urlReturnedOnRead: 'a read returns the one-time `url`',
  setOnceNotEnforced: 'a second PATCH of `user` overwrites the first',
  nullFieldsOmitted: '`appearance`, `callbackUrl` and `user` are left out when never set',
  projectsNotIsolated: 'a session is readable under any project',
  unauthenticatedAccepted: 'requests without credentials are served',
  intentNotValidated: 'any `intent` is accepted',
  unknownPropertiesAccepted: 'unknown body properties are accepted',
  patchIgnoresCallbackUrl: 'PATCH does not store `callbackUrl`',
  urlMissingOnCreate: 'the create response has `url` null',
  invalidAnswered400: 'invalid parameters are answered 400 instead of 422',
  notFoundWithoutType: 'the 404 error body has no `type`',
  idNotPrefixed: 'ids are not `csn_` + 28 alphanumerics',
} as const;

export type GigsDefect = keyof typeof GIGS_DEFECTS;

interface ConnectSession {
  object: 'connectSession';
  id: string;
  appearance: Record<string, unknown>;
  callbackUrl: string | null;
  intent: Record<string, unknown>;
  user: string | null;
}

interface Detail { code: string; message: string; property: string }

const ID = (prefix: string) => new RegExp(`^${prefix}_[A-Za-z0-9]{28}$`);
const SUBSCRIPTION_ONLY = ['cancelSubscription', 'changeSubscription', 'resumeSubscription', 'viewEsimInstallation', 'viewSubscription'];
const NO_PAYLOAD = ['updatePaymentMethod', 'updateUserAddress', 'updateUserFullName', 'viewSubscriptions'];
const INTENT_TYPES = [...SUBSCRIPTION_ONLY, ...NO_PAYLOAD, 'checkoutAddon', 'checkoutNewSubscription', 'completePorting', 'confirmPayment'];

export function startGigsConnectSessions(options: { defect?: GigsDefect } = {}): Promise<RunningApi> {
  const has = (defect: GigsDefect) => options.defect === defect;
  const sessions = new Map<string, { project: string; session: ConnectSession }>();

  const error = (status: number, type: string, message: string, details?: Detail[]): ApiResponse => {
    const body: Record<string, unknown> = { object: 'error', type, message };
    if (details) body.details = details.map((d) => ({ object: 'propertyErrorDetail', ...d }));
    if (status === 404 && has('notFoundWithoutType')) delete body.type;
    return { status, body };
  };
  const invalid = (details: Detail[]) => (has('invalidAnswered400') ? error(400, 'invalid', 'The request has invalid parameters.', details) : error(422, 'invalid', 'The request has invalid parameters.', details));
  const view = (session: ConnectSession, url: string | null) => {
    const shown: Record<string, unknown> = { ...session, url };
    if (has('nullFieldsOmitted')) for (const field of ['appearance', 'callbackUrl', 'user']) if (shown[field] === null || (field === 'appearance' && Object.keys(session.appearance).length === 0)) delete shown[field];
    return shown;
  };
  const urlOf = (session: ConnectSession) => `https://connect.gigs.com/checkout/entry?session=${session.id}&token=${randomAlnum(32)}`;

  function handle(request: ApiRequest): ApiResponse {
    if (credential(request, 'Bearer') === undefined && !(has('unauthenticatedAccepted') && !request.headers.authorization)) {
      return error(401, 'unauthenticated', 'Invalid authorization token');
    }
    const match = /^\/projects\/([^/]+)\/connectSessions(?:\/([^/]+))?$/.exec(request.pathname);
    if (!match) return error(404, 'notFound', "The requested resource doesn't exist.");
    const project = decodeURIComponent(match[1]);
    if (match[2] === undefined) return request.method === 'POST' ? create(request, project) : error(405, 'methodNotAllowed', 'Method not allowed.');
    const stored = sessions.get(decodeURIComponent(match[2]));
    if (!stored || (stored.project !== project && !has('projectsNotIsolated'))) return error(404, 'notFound', "The requested resource doesn't exist.");
    if (request.method === 'GET') return { status: 200, body: view(stored.session, has('urlReturnedOnRead') ? urlOf(stored.session) : null) };
    if (request.method === 'PATCH') return update(request, stored.session);
    return error(405, 'methodNotAllowed', 'Method not allowed.');
  }

  function create(request: ApiRequest, project: string): ApiResponse {
    const body = readBody(request);
    if ('refusal' in body) return body.refusal;
    const details = [
      ...unknownProperties(body.value, ['appearance', 'callbackUrl', 'intent', 'user', 'userDetails'], ''),
      ...commonProblems(body.value),
      ...(has('intentNotValidated') ? [] : intentProblems(body.value.intent)),
    ];
    if (details.length > 0) return invalid(details);
    const session: ConnectSession = {
      object: 'connectSession',
      id: has('idNotPrefixed') ? randomAlnum(20) : `csn_${randomAlnum(28)}`,
      appearance: (body.value.appearance as Record<string, unknown> | undefined) ?? {},
      callbackUrl: (body.value.callbackUrl as string | null | undefined) ?? null,
      intent: (body.value.intent as Record<string, unknown> | undefined) ?? {},
      user: body.value.userDetails !== undefined ? `usr_${randomAlnum(28)}` : (body.value.user as string | null | undefined) ?? null,
    };
    sessions.set(session.id, { project, session });
    return { status: 201, body: view(session, has('urlMissingOnCreate') ? null : urlOf(session)) };
  }

  function update(request: ApiRequest, session: ConnectSession): ApiResponse {
    const body = readBody(request);
    if ('refusal' in body) return body.refusal;
    const details = [...unknownProperties(body.value, ['appearance', 'callbackUrl', 'user', 'userDetails'], ''), ...commonProblems(body.value)];
    if (details.length > 0) return invalid(details);
    const setsUser = (body.value.user !== undefined && body.value.user !== null) || body.value.userDetails !== undefined;
    if (setsUser && session.user !== null && !has('setOnceNotEnforced')) {
      return error(422, 'conflict', 'The connect session is already associated with a user.');
    }
    if (body.value.appearance !== undefined) session.appearance = body.value.appearance as Record<string, unknown>;
    if (body.value.callbackUrl !== undefined && !has('patchIgnoresCallbackUrl')) session.callbackUrl = body.value.callbackUrl as string | null;
    if (body.value.userDetails !== undefined) session.user = `usr_${randomAlnum(28)}`;
    else if (body.value.user !== undefined) session.user = body.value.user as string | null;
    return { status: 200, body: view(session, setsUser ? urlOf(session) : null) };
  }

  function readBody(request: ApiRequest): { value: Record<string, unknown> } | { refusal: ApiResponse } {
    if (request.tooLarge) return { refusal: error(413, 'tooLarge', 'The request body is too large.') };
    const parsed = parseJson(request.text);
    if (!parsed.ok) return { refusal: error(400, 'malformed', 'The request body is not valid JSON.') };
    if (!isRecord(parsed.value)) return { refusal: invalid([{ code: 'type', message: 'The body must be an object.', property: '' }]) };
    return { value: parsed.value };
  }

  function unknownProperties(value: Record<string, unknown>, known: readonly string[], prefix: string): Detail[] {
    if (has('unknownPropertiesAccepted')) return [];
    return Object.keys(value).filter((key) => !known.includes(key)).map((key) => ({ code: 'additionalProperties', message: `\`${prefix}${key}\` is not a known property.`, property: `${prefix}${key}` }));
  }

  function commonProblems(body: Record<string, unknown>): Detail[] {
    const details: Detail[] = [];
    const problem = (property: string, message: string) => details.push({ code: 'invalid', message, property });
    const { appearance, callbackUrl, user, userDetails } = body;
    if (appearance !== undefined) {
      if (!isRecord(appearance)) problem('appearance', '`appearance` must be an object.');
      else {
        details.push(...unknownProperties(appearance, ['theme'], 'appearance.'));
        if (appearance.theme !== undefined && appearance.theme !== 'light' && appearance.theme !== 'dark') problem('appearance.theme', '`appearance.theme` must be light or dark.');
      }
    }
    if (callbackUrl !== undefined && callbackUrl !== null && typeof callbackUrl !== 'string') problem('callbackUrl', '`callbackUrl` must be a string or null.');
    if (user !== undefined && user !== null && (typeof user !== 'string' || !ID('usr').test(user))) problem('user', '`user` must be a user id.');
    if (userDetails !== undefined) {
      if (!isRecord(userDetails)) problem('userDetails', '`userDetails` must be an object.');
      else {
        details.push(...unknownProperties(userDetails, ['email', 'fullName', 'preferredLocale', 'birthday'], 'userDetails.'));
        if (typeof userDetails.email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(userDetails.email)) problem('userDetails.email', '`userDetails.email` must be an email address.');
        for (const field of ['fullName', 'preferredLocale'] as const) if (userDetails[field] !== undefined && typeof userDetails[field] !== 'string') problem(`userDetails.${field}`, `\`userDetails.${field}\` must be a string.`);
        if (userDetails.birthday !== undefined && (typeof userDetails.birthday !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(userDetails.birthday))) problem('userDetails.birthday', '`userDetails.birthday` must be YYYY-MM-DD.');
      }
    }
    return details;
  }

  function intentProblems(intent: unknown): Detail[] {
    const problem = (property: string, message: string): Detail[] => [{ code: 'invalid', message, property }];
    if (!isRecord(intent)) return problem('intent', '`intent` is required and must be an object.');
    const type = intent.type;
    if (typeof type !== 'string' || !INTENT_TYPES.includes(type)) return problem('intent.type', '`intent.type` is not a known intent type.');
    const extra = unknownProperties(intent, ['type', type], 'intent.');
    if (extra.length > 0) return extra;
    const payload = intent[type];
    if (NO_PAYLOAD.includes(type)) return payload === undefined || isRecord(payload) ? [] : problem(`intent.${type}`, 'The payload must be an object.');
    if (!isRecord(payload)) return problem(`intent.${type}`, `\`intent.${type}\` is required.`);
    const at = `intent.${type}.`;
    const ids: [string, string, boolean][] = [];
    let known: string[] = [];
    if (SUBSCRIPTION_ONLY.includes(type)) { known = ['subscription']; ids.push(['subscription', 'sub', true]); }
    if (type === 'confirmPayment') { known = ['payment']; ids.push(['payment', 'pay', true]); }
    if (type === 'checkoutAddon') { known = ['addons', 'subscription']; ids.push(['subscription', 'sub', true]); }
    if (type === 'completePorting') { known = ['subscription', 'behavior']; ids.push(['subscription', 'sub', true]); }
    if (type === 'checkoutNewSubscription') {
      known = ['plan', 'sim', 'device', 'imei', 'voucherCode', 'addons'];
      ids.push(['plan', 'pln', true], ['sim', 'sim', false], ['device', 'dev', false]);
    }
    const details = unknownProperties(payload, known, at);
    for (const [field, prefix, required] of ids) {
      const value = payload[field];
      if (value === undefined ? required : typeof value !== 'string' || !ID(prefix).test(value)) details.push(...problem(`${at}${field}`, `\`${at}${field}\` must be a ${prefix}_ id.`));
    }
    const addons = payload.addons;
    if (type === 'checkoutAddon' && addons === undefined) details.push(...problem(`${at}addons`, `\`${at}addons\` is required.`));
    if (addons !== undefined && (!Array.isArray(addons) || addons.some((a) => typeof a !== 'string'))) details.push(...problem(`${at}addons`, `\`${at}addons\` must be a list of addon ids.`));
    for (const field of ['imei', 'voucherCode']) if (payload[field] !== undefined && typeof payload[field] !== 'string') details.push(...problem(`${at}${field}`, `\`${at}${field}\` must be a string.`));
    const behavior = payload.behavior;
    if (behavior !== undefined) {
      if (!isRecord(behavior)) details.push(...problem(`${at}behavior`, '`behavior` must be an object.'));
      else {
        details.push(...unknownProperties(behavior, ['hideIntroPage', 'hideOutroPage'], `${at}behavior.`));
        for (const flag of ['hideIntroPage', 'hideOutroPage']) if (behavior[flag] !== undefined && typeof behavior[flag] !== 'boolean') details.push(...problem(`${at}behavior.${flag}`, 'must be a boolean.'));
      }
    }
    return details;
  }

  return startApi(handle);
}
