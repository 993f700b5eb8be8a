import { authorizationHeader, exampleToken } from '../auth/example-token.ts';
import type { ContractModel, OperationModel } from '../contract/model.ts';
import { createSeededFaker } from '../schema/faker.ts';
import type { ExchangeRecord } from './events.ts';
import { sendRequest, type HttpRequest } from './http-client.ts';
import type { Exchange, RequestSpec, RunOptions, RunState } from './types.ts';
import { principalOf } from './values.ts';

/** A made-up Basic credential: the wrong scheme for every contract that is not Basic. */
const BASIC_CREDENTIAL = 'Basic dXNlcjpwYXNz';
/** How much of a response body an event keeps. */
const RECORDED_BODY_CHARS = 64 * 1024;

/** The run's starting state: credentials (a generated one when none is given), their principals, a seeded faker. */
export function createRunState(contract: ContractModel, options: RunOptions): RunState {
  const security = contract.security;
  const user1 = options.token ?? (security ? exampleToken(security, 'user-1') : undefined);
  const user2 = options.token2;
  return {
    contract,
    options,
    faker: createSeededFaker(options.seed),
    credentials: { user1, user2 },
    principals: { user1: principalOf(security, user1), user2: principalOf(security, user2) },
    pathValues: new Map(Object.entries(options.pathParams)),
    records: new Map(),
  };
}

/** Builds the HTTP request of a step and sends it; never rejects. */
export async function exchange(state: RunState, operation: OperationModel, spec: RequestSpec): Promise<Exchange> {
  const request = buildRequest(state, operation, spec);
  const requestBody = spec.rawBody !== undefined ? spec.rawBodySummary ?? spec.rawBody : spec.body;
  const result = await sendRequest(request, { timeoutMs: state.options.timeoutMs });
  return { request, requestBody, result, response: result.response };
}

export function buildRequest(state: RunState, operation: OperationModel, spec: RequestSpec): HttpRequest {
  const base = state.options.baseUrl.replace(/\/+$/, '');
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(spec.path[name] ?? ''));
  const query = new URLSearchParams(Object.entries(spec.query ?? {})).toString();
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'harness-check', ...state.options.headers };
  const security = state.contract.security;
  if (operation.secured && security) {
    const token = state.credentials[spec.actor];
    if (spec.badAuth === 'basic') headers.authorization = BASIC_CREDENTIAL;
    else if (spec.badAuth === 'notJwt') headers.authorization = authorizationHeader(security, 'not-a-jwt-token');
    else if (spec.badAuth === undefined && token !== undefined) headers.authorization = authorizationHeader(security, token);
  }
  let body: string | undefined;
  if (spec.rawBody !== undefined) body = spec.rawBody;
  else if (spec.body !== undefined) body = JSON.stringify(spec.body);
  if (body !== undefined) headers['content-type'] = operation.body?.mediaTypes.find((t) => /json/i.test(t)) ?? 'application/json';
  return { method: operation.method, url: `${base}${path}${query ? `?${query}` : ''}`, headers, body };
}

/** The exchange as events carry it (before redaction): bodies as values, long ones cut. */
export function toExchangeRecord(exchange: Exchange): ExchangeRecord {
  const { request, response, result } = exchange;
  return {
    request: { method: request.method, url: request.url, headers: request.headers, ...(exchange.requestBody === undefined ? {} : { body: exchange.requestBody }) },
    ...(response ? {
      response: {
        status: response.status,
        headers: response.headers,
        ...(recordedBody(response) === undefined ? {} : { body: recordedBody(response) }),
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
  return response.body;
}
