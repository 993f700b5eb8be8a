import { authorizationHeader, exampleToken, placeCredential } from '../auth/example-token.ts';
import type { ContractModel, OperationModel, SecurityModel } from '../contract/model.ts';
import { createSeededFaker } from '../schema/faker.ts';
import { boundBody } from './bounded-body.ts';
import type { ExchangeRecord } from './events.ts';
import { isClosedWhileSending, sendRequest, type HttpRequest } from './http-client.ts';
import { RunMemory } from './memory.ts';
import type { Actor, Exchange, RequestSpec, RunOptions, RunState } from './types.ts';
import { headerParameters, parameterValueOf, principalOf } from './values.ts';
import { preconditionsOf } from '../rules/etag.ts';
import { formOnly } from './form-media.ts';
import { jsonBodyType } from './body-media.ts';
import { serializePath, serializeQuery } from '../shared/parameter-style/serialize.ts';
import { concreteMediaType } from '../shared/media-type.ts';
import { fixedQuery, routedPath } from '../shared/path-key.ts';
import { parseQueryParameters } from '../shared/parameter-style/parse.ts';
import type { StyledParameter } from '../shared/parameter-style/style.ts';

/** A made-up Basic credential: the wrong scheme for every contract that is not Basic. */
const BASIC_CREDENTIAL = 'Basic dXNlcjpwYXNz';
/** Bodies past this size are sent on a connection of their own (`Connection: close`). */
const LARGE_BODY_CHARS = 64 * 1024;
/** How much of a response body an event keeps. */
const RECORDED_BODY_CHARS = 64 * 1024;

/** The run's starting state: credentials (a generated one when none is given), their principals, a seeded faker. */
export function createRunState(contract: ContractModel, givenOptions: RunOptions): RunState {
  const options = withOwnKeysOnly(givenOptions);
  const security = contract.security;
  const given = { user1: options.credentials ?? Object.create(null) as Record<string, string>, user2: options.credentials2 ?? Object.create(null) as Record<string, string> };
  // A scheme without a credential of its own gets the token; a second caller who gave only per-scheme
  // credentials is known by the one of the contract's main scheme.
  const user1 = options.token ?? (security ? exampleToken(security, 'user-1') : undefined);
  const user2 = options.token2 ?? (security ? given.user2[security.name] : undefined) ?? Object.values(given.user2)[0];
  const principal = (actor: Actor, token: string | undefined) => principalOf(security, (security ? given[actor][security.name] : undefined) ?? token);
  return {
    contract,
    options,
    faker: createSeededFaker(options.seed),
    credentials: { user1, user2 },
    schemeCredentials: given,
    principals: { user1: principal('user1', user1), user2: principal('user2', user2) },
    pathValues: new Map(Object.entries(options.pathParams)),
    records: new Map(),
    memory: RunMemory.create(),
  };
}

/**
 * The options with their maps keyed by names the document chooses (path parameters, security schemes) made
 * prototype-free: a parameter or scheme named `constructor` must find nothing, not `Object`.
 */
function withOwnKeysOnly(options: RunOptions): RunOptions {
  const own = <T>(record: Readonly<Record<string, T>>): Record<string, T> => Object.assign(Object.create(null) as Record<string, T>, record);
  return {
    ...options,
    pathParams: own(options.pathParams),
    ...(options.credentials ? { credentials: own(options.credentials) } : {}),
    ...(options.credentials2 ? { credentials2: own(options.credentials2) } : {}),
    ...(options.headers ? { headers: own(options.headers) } : {}),
  };
}

/** Builds the HTTP request of a step and sends it; never rejects. */
export async function exchange(state: RunState, operation: OperationModel, spec: RequestSpec): Promise<Exchange> {
  const request = buildRequest(state, operation, spec);
  const requestBody = spec.rawBody !== undefined ? spec.rawBodySummary ?? spec.rawBody : spec.body;
  let result = await sendRequest(request, { timeoutMs: state.options.timeoutMs });
  // A server may stop reading a body it refuses and close the connection (RFC 9110 §15.5.14 lets it after
  // a 413): the client's write then fails before it reads the answer. Sent again on a new connection, the
  // answer is usually read; what still fails is judged by `response_received`.
  if (spec.oversized === true && isClosedWhileSending(result.error)) result = await sendRequest(request, { timeoutMs: state.options.timeoutMs });
  return { request, requestBody, result, response: result.response };
}

export function buildRequest(state: RunState, operation: OperationModel, spec: RequestSpec): HttpRequest {
  // A base URL's own query (`?api_key=...`) goes after the operation's path, merged with its query.
  const [baseWithoutQuery, baseQuery = ''] = state.options.baseUrl.split('#')[0].split(/\?(.*)/s);
  const base = baseWithoutQuery.replace(/\/+$/, '');
  const path = routedPath(operation.path).replace(/\{([^}]+)\}/g, (_, name: string) => pathText(operation, name, Object.hasOwn(spec.path, name) ? spec.path[name] : ''));
  const queryValues: Record<string, string> = { ...(spec.query ?? {}) };
  const parameters = headerParameters(state, operation, spec.omitCookies);
  const headers: Record<string, string> = { accept: acceptFor(operation), 'user-agent': 'harness-check', ...parameters.headers, ...state.options.headers };
  if (parameters.cookies.length > 0) headers.cookie = parameters.cookies.join('; ');
  Object.assign(headers, conditionalHeaders(state, operation), spec.headers);
  for (const name of spec.omitHeaders ?? []) delete headers[name.toLowerCase()];
  const given = state.schemeCredentials[spec.actor];
  const schemes = alternativeFor(operation, given);
  const token = state.credentials[spec.actor];
  if (spec.badAuth === 'basic') headers.authorization = BASIC_CREDENTIAL;
  else if (spec.badAuth === 'notJwt' && schemes[0]) headers.authorization = authorizationHeader(schemes[0], 'not-a-jwt-token');
  else if (spec.badAuth === undefined) {
    for (const scheme of schemes) {
      const credential = given[scheme.name] ?? token;
      if (credential === undefined) continue;
      const placed = placeCredential(scheme, credential);
      if (placed.headers.cookie && headers.cookie) placed.headers.cookie = `${headers.cookie}; ${placed.headers.cookie}`;
      Object.assign(headers, placed.headers);
      Object.assign(queryValues, placed.query);
    }
  }
  const query = [baseQuery, fixedQuery(operation.path), ...queryPieces(operation, queryValues)].filter((part) => part !== '').join('&');
  let body: string | undefined;
  // Fetch cannot send a body with GET or HEAD (some documents give them one): it is left out.
  const bodiless = operation.method === 'GET' || operation.method === 'HEAD';
  if (bodiless) { /* nothing to send */ } else if (spec.rawBody !== undefined) body = spec.rawBody;
  else if (spec.body !== undefined) body = textOnly(operation) && typeof spec.body === 'string' ? spec.body : JSON.stringify(spec.body);
  if (body !== undefined) headers['content-type'] = jsonBodyType(operation, spec.mediaType) ?? (textOnly(operation) ? concreteMediaType(operation.body!.mediaTypes[0], typeof spec.body !== 'string') : 'application/json');
  const form = !bodiless && spec.body !== undefined && spec.rawBody === undefined ? spec.form ?? formOnly(operation) : undefined;
  if (form === 'application/x-www-form-urlencoded') {
    headers['content-type'] = form;
    body = formEncode(spec.body, operation.body?.formEncoding);
  } else if (form === 'multipart/form-data') {
    headers['content-type'] = `multipart/form-data; boundary=${MULTIPART_BOUNDARY}`;
    body = multipartEncode(spec.body);
  }
  // A server may answer a large body before reading it all (413) and leave the connection unusable: not reused.
  if (body !== undefined && body.length > LARGE_BODY_CHARS) headers.connection = 'close';
  return { method: operation.method, url: `${base}${path}${query ? `?${query}` : ''}`, headers, body };
}

/** A path parameter's value in its style (`.5`, `;id=5`, `a,b`), percent-encoded. */
function pathText(operation: OperationModel, name: string, text: string): string {
  const parameter = operation.pathParams.find((p) => p.name === name);
  return parameter ? serializePath(parameter, parameterValueOf(parameter, text)) : encodeURIComponent(text);
}

/** The query as a server reads the one these texts are sent as (each parameter in its style, then parsed back). */
export function queryAsRead(operation: OperationModel, values: Readonly<Record<string, string>>): Record<string, unknown> {
  return parseQueryParameters(operation.queryParams, [...new URLSearchParams(queryPieces(operation, values).join('&'))]);
}

/** `name=value` pieces of the query string, each declared parameter in its style. */
function queryPieces(operation: OperationModel, values: Readonly<Record<string, string>>): string[] {
  return Object.entries(values).flatMap(([name, text]) => {
    const parameter = operation.queryParams.find((p) => p.name === name);
    return parameter ? serializeQuery(parameter, parameterValueOf(parameter, text)) : [`${encodeURIComponent(name)}=${encodeURIComponent(text)}`];
  });
}

/**
 * The security alternative a request satisfies: the first whose every scheme has a credential given by
 * name (`--credential`), else the first that asks for anything.
 */
function alternativeFor(operation: OperationModel, given: Readonly<Record<string, string>>): readonly SecurityModel[] {
  const alternatives = operation.security.filter((alternative) => alternative.length > 0);
  return alternatives.find((alternative) => alternative.every((scheme) => scheme.name in given)) ?? alternatives[0] ?? [];
}

/** The exchange as events carry it (before redaction): bodies as values, long ones cut. */
export function toExchangeRecord(exchange: Exchange): ExchangeRecord {
  const { request, response, result } = exchange;
  const body = response ? recordedBody(response) : undefined;
  return {
    request: { method: request.method, url: request.url, headers: request.headers, ...(exchange.requestBody === undefined ? {} : { body: boundBody(exchange.requestBody) }) },
    ...(response ? {
      response: {
        status: response.status,
        headers: response.headers,
        ...(body === undefined ? {} : { body }),
        durationMs: result.durationMs,
      },
    } : {}),
    ...(result.error === undefined ? {} : { error: result.error }),
  };
}

function recordedBody(response: NonNullable<Exchange['response']>): unknown {
  if (response.bodyError) return `(${response.bodyError})`;
  if (response.text === undefined) return undefined;
  if (response.text.length > RECORDED_BODY_CHARS) return `${response.text.slice(0, RECORDED_BODY_CHARS)}... (${response.text.length} characters in all)`;
  return boundBody(response.body);
}

/** JSON first; an operation that documents only other media types (text, images...) is asked for those. */
function acceptFor(operation: OperationModel): string {
  const types = [...operation.responses.values()].flatMap((r) => r.mediaTypes);
  if (types.length === 0 || types.some((t) => /json/i.test(t))) return 'application/json';
  return [...new Set(types)].join(', ');
}

/**
 * `If-Match: *` where the document requires `If-Match` (a step that tests the tag sends its own): any current
 * record passes it (RFC 9110 §13.1.1), so no step is refused for a tag it had no reason to track.
 */
function conditionalHeaders(state: RunState, operation: OperationModel): Record<string, string> | undefined {
  return preconditionsOf(state.contract, operation)?.ifMatchRequired ? { 'if-match': '*' } : undefined;
}

/** The operation takes neither JSON nor forms (text, octet streams...): bodies go as their own media type. */
function textOnly(operation: OperationModel): boolean {
  const types = operation.body?.mediaTypes ?? [];
  return types.length > 0 && !types.some((t) => /json|x-www-form-urlencoded|multipart\/form-data/i.test(t));
}


const MULTIPART_BOUNDARY = 'harness-form-boundary-7d1c';

function formFields(value: unknown): [string, string][] {
  const fields: [string, string][] = [];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return fields;
  for (const [name, field] of Object.entries(value)) {
    if (field === undefined || field === null) continue;
    for (const item of Array.isArray(field) ? field : [field]) fields.push([name, typeof item === 'object' ? JSON.stringify(item) : String(item)]);
  }
  return fields;
}

/** A urlencoded body; fields the document's `encoding` gives a style are written in it (deepObject, pipes...). */
function formEncode(value: unknown, encoding: Readonly<Record<string, StyledParameter>> = {}): string {
  const plain = formFields(value).filter(([name]) => !(name in encoding));
  const styled = value !== null && typeof value === 'object' ? Object.entries(value).filter(([name, field]) => name in encoding && field !== undefined) : [];
  return [new URLSearchParams(plain).toString(), ...styled.flatMap(([name, field]) => serializeQuery(encoding[name], field))].filter((part) => part !== '').join('&');
}

function multipartEncode(value: unknown): string {
  const parts = formFields(value).map(([name, field]) => `--${MULTIPART_BOUNDARY}\r\nContent-Disposition: form-data; name="${name.replace(/"/g, '%22')}"\r\n\r\n${field}\r\n`);
  return `${parts.join('')}--${MULTIPART_BOUNDARY}--\r\n`;
}
