import { BY_CODE, BY_CODE_OR_CLASS, isDocumentedStatus } from '../contract/documented-status.ts';
import type { OperationModel, ParameterModel } from '../contract/model.ts';
import { toViolations, type Validator } from '../schema/ajv.ts';
import { validateFormBody } from './form-validation.ts';
import type { MockRequest } from './context.ts';
import type { IncomingRequest, RequestUrl } from './incoming.ts';
import { bodyBytesNow, isStringSchema, parseRequestBodyNow, readBodyBytes, type ParsedBody } from './request-body.ts';
import { SituationError } from './situation-error.ts';
import { isCallerParameter } from '../shared/client-headers.ts';
import { cookiePairs, parseHeader, parsePath, parseQuery, parseQueryParameters } from '../shared/parameter-style/parse.ts';
import { valueShape } from '../shared/parameter-style/style.ts';
import { asValidatedMergePatch, isJsonPatchType, patchFormatFor, patchFormatOf, type PatchFormat } from '../rules/patch-media.ts';

/** What the read stage got from a request: the request as behaviours act on it, and the body bytes it took. */
export interface ReadRequest {
  readonly request: MockRequest;
  /** Body bytes read (0 when the operation reads none): what a stored record is weighed by. */
  readonly bodyBytes: number;
}

/**
 * Turns an authenticated request into what behaviours act on: path and query parameters decoded,
 * coerced and validated, the body parsed and validated. Each refusal is a SituationError, thrown at once
 * or rejected. At once (no promise) when the body is already read (`request.body`) and is not multipart.
 */
export function readMockRequest(
  operation: OperationModel,
  request: IncomingRequest,
  url: RequestUrl,
  rawParams: Readonly<Record<string, string>>,
  principal: string | undefined,
  bodyLimit: number,
): ReadRequest | Promise<ReadRequest> {
  const parameters: Parameters = { operation, path: readPathParams(operation, rawParams), query: readQuery(operation, url), principal };
  readHeaderParams(operation, request);
  if (!readsBody(operation, request)) return withValue(parameters, undefined, 0);
  if (request.body !== undefined) return withBody(parameters, request, bodyBytesNow(request as IncomingRequest & { body: Uint8Array }, bodyLimit));
  return readBodyBytes(request, bodyLimit).then((bytes) => withBody(parameters, request, bytes));
}

/** What a request carries besides its body, once read. */
type Parameters = Omit<MockRequest, 'body'>;

function withBody(parameters: Parameters, request: IncomingRequest, bytes: Uint8Array): ReadRequest | Promise<ReadRequest> {
  const operation = parameters.operation;
  assertUncoded(request.header('content-encoding'), bytes);
  const parsed = parseRequestBodyNow(operation.body!, request.header('content-type'), bytes);
  if (parsed instanceof Promise) return parsed.then((value) => withValue(parameters, validated(operation, value), bytes.byteLength, value?.jsonText));
  const patch = parsed === undefined || operation.behaviour.kind !== 'update' ? undefined : patchFormatFor(operation.body!, parsed.accepted, parsed.mediaType);
  // A patch's text is not the record's: nothing rests on it (store.ts).
  return withValue(parameters, validated(operation, parsed), bytes.byteLength, patch === undefined ? parsed?.jsonText : undefined, patch);
}

/**
 * The mock reads bodies as sent: a gzip body was parsed as its compressed bytes ("not valid UTF-8"), and a
 * plain one under `Content-Encoding: gzip` was stored as if the header were not there.
 */
function assertUncoded(coding: string | null, bytes: Uint8Array): void {
  if (coding === null || bytes.byteLength === 0) return;
  const codings = coding.split(',').map((name) => name.trim().toLowerCase()).filter((name) => name !== '' && name !== 'identity');
  if (codings.length > 0) throw new SituationError('malformed', `Content-Encoding ${codings.join(', ')} is not supported: send the body uncompressed.`);
}

function withValue({ operation, path, query, principal }: Parameters, body: unknown, bodyBytes: number, bodyText?: string, patch?: PatchFormat): ReadRequest {
  return { request: { operation, path, query, body, bodyText, principal, patch }, bodyBytes };
}

/** A body on GET or HEAD is documented by some APIs but cannot be sent by fetch: never required. */
function readsBody(operation: OperationModel, request: IncomingRequest): boolean {
  if (!operation.body) return false;
  const bodiless = operation.method === 'GET' || operation.method === 'HEAD';
  return !(bodiless && request.header('content-length') === null && request.header('transfer-encoding') === null);
}

/** The parsed body's value once it passed the operation's schema (undefined: no body). */
function validated(operation: OperationModel, parsed: ParsedBody | undefined): unknown {
  if (parsed === undefined) return undefined;
  validateBody(operation, parsed);
  return parsed.value;
}

function readPathParams(operation: OperationModel, raw: Readonly<Record<string, string>>): Record<string, unknown> {
  const path: Record<string, unknown> = {};
  const idName = operation.behaviour.id?.from === 'path' ? operation.behaviour.id.name : undefined;
  for (const name of Object.keys(raw)) {
    const value = raw[name];
    const parameter = pathParameter(operation, name);
    try {
      path[name] = parameter ? parsePath(parameter, value) : value.includes('%') ? decodeURIComponent(value) : value;
    } catch {
      const message = `The path segment "${value}" is not valid percent-encoding.`;
      if (name === idName) throw new SituationError('notFound', message);
      throw new SituationError(badPathParameterSituation(operation), message);
    }
  }
  if (operation.validatePath && !operation.validatePath(path)) {
    const violations = toViolations(operation.validatePath.errors);
    const badId = violations.some((v) => v.property === idName);
    // Documents type a key their records hold as free text (`{code}` as `format: uuid`): a stored record's
    // key that breaks only the parameter's schema is looked up all the same; one naming no record is not found.
    if (badId && violations.length === 1 && looksUpStoredRecord(operation)) return path;
    // An id that cannot exist is simply not found; any other bad path parameter is invalid input.
    if (badId) throw new SituationError('notFound', `No record matches "${String(path[idName!])}".`);
    throw new SituationError(badPathParameterSituation(operation), 'A path parameter is invalid.', violations);
  }
  return path;
}

/** The operation finds its record in the store by the path's key (an upsert would create one at a bad key). */
function looksUpStoredRecord(operation: OperationModel): boolean {
  const behaviour = operation.behaviour;
  return behaviour.resource !== undefined && !behaviour.resource.stateless && behaviour.upsert !== true;
}

function pathParameter(operation: OperationModel, name: string): ParameterModel | undefined {
  for (const parameter of operation.pathParams) if (parameter.name === name) return parameter;
  return undefined;
}

/**
 * A path parameter other than the id that is unreadable or breaks its schema is `invalid` input, or
 * `notFound` (nothing lives under such a path) where the operation documents only that: the mock never
 * answers a status the operation does not document (Make's list has no 400, Gigs' create no 404).
 */
function badPathParameterSituation(operation: OperationModel): 'invalid' | 'notFound' {
  const documents = (situation: 'invalid' | 'notFound') => isDocumentedStatus(operation.responses, operation.situations[situation].status, BY_CODE);
  return !documents('invalid') && documents('notFound') ? 'notFound' : 'invalid';
}

const NO_PAIRS: readonly [string, string][] = [];

/**
 * Query parameters read by their style (shared/parameter-style): lists split, deep and exploded objects
 * gathered; a name no parameter takes keeps its first value.
 */
function readQuery(operation: OperationModel, url: RequestUrl): Record<string, unknown> {
  // No query string: no URLSearchParams is made (the parameters still get their defaults, if any), and
  // with no query parameters either, nothing is read.
  const noPairs = url.search === '';
  const query = noPairs && operation.queryParams.length === 0 ? {} : parseQueryParameters(operation.queryParams, noPairs ? NO_PAIRS : [...url.searchParams]);
  const empty = noPairs ? [] : sentEmpty(operation, query);
  if (operation.validateQuery && !operation.validateQuery(query)) {
    throw new SituationError('invalid', 'A query parameter is invalid.', toViolations(operation.validateQuery.errors));
  }
  for (const name of empty) query[name] = '';
  return query;
}

/** Parameters that `allowEmptyValue` and were sent empty (`?flag=`): taken out of what is validated, and named. */
function sentEmpty(operation: OperationModel, query: Record<string, unknown>): string[] {
  const names: string[] = [];
  for (const parameter of operation.queryParams) {
    if (!parameter.allowEmptyValue || query[parameter.name] !== '' || parameter.required) continue;
    delete query[parameter.name];
    names.push(parameter.name);
  }
  return names;
}

/**
 * Header and cookie parameters the request carries, read by their style and validated. An absent required
 * header or cookie the caller supplies (shared/client-headers: not credentials, not what clients set
 * themselves) is refused where the operation documents its answer to invalid input; other absent ones are not.
 */
function readHeaderParams(operation: OperationModel, request: IncomingRequest): void {
  refuseMissingHeaders(operation, request);
  const validate = operation.validateHeaders;
  if (!validate) return;
  const values: Record<string, unknown> = {};
  const cookies = cookiePairs(request.header('cookie') ?? '');
  const cookieNames = new Set(operation.headerParams.filter((p) => p.in === 'cookie').map((p) => p.name));
  for (const parameter of operation.headerParams) {
    if (parameter.in === 'cookie') {
      const read = parseQuery(parameter, cookies, cookieNames);
      if (read !== undefined) values[parameter.name] = read.value;
      continue;
    }
    const text = request.header(parameter.name);
    if (text !== null) values[parameter.name] = parseHeader(parameter, text);
  }
  if (!validate(values)) throw new SituationError('invalid', 'A header or cookie parameter is invalid.', toViolations(validate.errors));
}

function refuseMissingHeaders(operation: OperationModel, request: IncomingRequest): void {
  if (operation.headerParams.length === 0) return;
  const cookies = new Set(cookiePairs(request.header('cookie') ?? '').map(([name]) => name));
  const absent = (p: ParameterModel): boolean => (p.in === 'cookie' ? !cookies.has(p.name) : request.header(p.name) === null);
  const missing = operation.headerParams.filter((p) => p.required && (p.in === 'cookie' || p.in === 'header') && absent(p) && isCallerParameter(operation, p));
  if (missing.length === 0 || !isDocumentedStatus(operation.responses, operation.situations.invalid.status, BY_CODE_OR_CLASS)) return;
  const names = missing.map((p) => `${p.in} \`${p.name}\``).join(', ');
  throw new SituationError('invalid', `The required ${names} ${missing.length === 1 ? 'is' : 'are'} missing.`, missing.map((p) => ({
    pointer: `/${p.name}`, property: p.name, keyword: 'required', message: `The ${p.in} \`${p.name}\` is required.`,
  })));
}

function validateBody(operation: OperationModel, parsed: ParsedBody): void {
  const model = operation.body!;
  const body = patchFormatOf(parsed.mediaType) === 'merge-patch' ? asValidatedMergePatch(parsed.value) : parsed.value;
  const documented = model.byMediaType.get(parsed.accepted);
  if (parsed.raw && !isStringSchema(documented?.schema)) return;
  if (parsed.form && !isObjectSchema(documented?.schema)) return;
  // A JSON Patch documented without a schema is checked by the patch rule, not against another type's schema.
  if (!documented?.validate && isJsonPatchType(parsed.accepted)) return;
  const validate = documented?.validate ?? model.validate;
  let refusing: Validator | undefined;
  try {
    if (parsed.form && model.validateForm) refusing = validateFormBody(body as Record<string, unknown>, model.validateForm, documented?.validate);
    else refusing = validate(body) ? undefined : validate;
  } catch (error) {
    if (error instanceof RangeError) throw new SituationError('malformed', 'The body is nested too deeply.');
    throw error;
  }
  if (refusing) throw new SituationError('invalid', 'The request body does not match the schema.', toViolations(refusing.errors));
}

/** Whether the schema's `type` (one name or a list) admits `name`. */
function allowsType(schema: unknown, name: string): boolean {
  const type = (schema as { type?: unknown } | undefined)?.type;
  return type === name || (Array.isArray(type) && type.includes(name));
}

/** An object schema, or a composition of object schemas (`oneOf: [Dog, Cat]`): a form body is validated against it. */
function isObjectSchema(schema: unknown): boolean {
  if (schema === null || typeof schema !== 'object') return false;
  return allowsType(schema, 'object') || valueShape(schema) === 'object';
}
