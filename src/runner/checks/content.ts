import type { ErrorObject } from 'ajv';
import type { HeaderModel, ResponseModel } from '../../contract/model.ts';
import { toViolations } from '../../schema/ajv.ts';
import { isJsonMediaType, mediaTypeMatches } from '../../shared/media-type.ts';
import { parseHeader } from '../../shared/parameter-style/parse.ts';
import { hasNullBody, isBodilessAnswerMethod } from '../../shared/null-body.ts';
import { valueAt } from '../locate.ts';
import { inferredAlong } from '../schemas.ts';
import type { CheckContext, Exchange, Finding } from '../types.ts';
import { documentedResponse, show } from './support.ts';

const MAX_VIOLATIONS = 10;

/** A body documented where HTTP allows none: the document contradicts itself, the empty answer is right (a warning). */
function nullBodyDocumented(status: number): Finding {
  return { message: `The contract documents a body for ${status}, which HTTP gives none (RFC 9110): the document contradicts itself; the empty answer is right.`, expected: '(no body)', actual: '(no body)', inferred: true };
}

/** A documented body comes with a Content-Type the operation documents for that status. */
export function content_type(exchange: Exchange, context: CheckContext): Finding[] | null {
  const response = exchange.response;
  if (!response || exchange.result.error !== undefined) return null;
  const documented = documentedResponse(context.operation, response.status);
  if (!documented || documented.mediaTypes.length === 0) return null;
  const header = response.headers['content-type'];
  const empty = response.text === undefined && !response.bodyError;
  if (empty && header === undefined) {
    if (isBodilessAnswerMethod(exchange.request.method)) return [];
    if (hasNullBody(response.status)) return [nullBodyDocumented(response.status)];
    return [{ message: `${response.status} has no body; the contract documents ${documented.mediaTypes.join(' or ')}.`, expected: documented.mediaTypes.join(' or '), actual: '(no body)', inferred: documented.inferred }];
  }
  const actual = (header ?? '').split(';')[0].trim().toLowerCase();
  if (documented.mediaTypes.some((type) => mediaTypeMatches(type, actual))) return [];
  return [{
    message: `Content-Type ${header === undefined ? 'is missing' : `"${header}" is not documented`} for ${response.status}.`,
    expected: documented.mediaTypes.join(' or '),
    actual: header ?? '(none)',
    inferred: documented.inferred,
  }];
}

/**
 * Headers a documented response marks required are present; every documented header present (required or
 * not) matches its schema: an optional `X-Total-Count: integer` sent as text breaks the document as well.
 */
export function required_headers(exchange: Exchange, context: CheckContext): Finding[] | null {
  const response = exchange.response;
  if (!response || exchange.result.error !== undefined) return null;
  const documented = documentedResponse(context.operation, response.status);
  const headers = documented?.headers.filter((h) => h.required || response.headers[h.name] !== undefined) ?? [];
  if (headers.length === 0) return null;
  const findings: Finding[] = [];
  for (const header of headers) {
    const value = response.headers[header.name];
    if (value === undefined) findings.push({ message: `The required header ${header.name} is missing.`, expected: header.name, actual: '(absent)', inferred: documented!.inferred });
    else if (header.validate && !header.validate(headerValue(header, value))) findings.push({ message: `Header ${header.name} does not match its schema.`, actual: value, inferred: documented!.inferred });
  }
  return findings;
}

/** A non-error body validates against the documented schema of its status; each violation with its pointer and value. */
export function response_schema(exchange: Exchange, context: CheckContext): Finding[] | null {
  const response = exchange.response;
  if (!response || exchange.result.error !== undefined || response.status >= 400) return null;
  // A HEAD answer has no body to check, whatever content the document gives its status.
  if (isBodilessAnswerMethod(exchange.request.method)) return null;
  const documented = documentedResponse(context.operation, response.status);
  if (!documented?.validate) return null;
  return validateBody(exchange, documented, `${response.status} body`, context);
}

/** An error body validates against the error schema documented for its status (or for the expected situation's status). */
export function error_shape(exchange: Exchange, context: CheckContext): Finding[] | null {
  const response = exchange.response;
  if (!response || exchange.result.error !== undefined || response.status < 400) return null;
  if (isBodilessAnswerMethod(exchange.request.method)) return null;
  let documented = documentedResponse(context.operation, response.status);
  if (!documented?.validate) {
    const expected = context.step.expect.situations.map((s) => context.operation.situations[s].status).find((s) => s !== undefined);
    documented = expected === undefined ? undefined : documentedResponse(context.operation, expected);
  }
  if (!documented?.validate) return null;
  return validateBody(exchange, documented, `${response.status} error body`, context);
}

function validateBody(exchange: Exchange, documented: ResponseModel, what: string, context: CheckContext): Finding[] {
  const response = exchange.response!;
  if (response.bodyError) return [{ message: `The ${what} could not be checked: ${response.bodyError}.`, actual: response.bodyError, inferred: documented.inferred }];
  if (response.parseError) {
    return [{ message: `The ${what} is not JSON although Content-Type is ${response.headers['content-type']}: ${response.parseError}.`, actual: show(response.text?.slice(0, 100)), inferred: documented.inferred }];
  }
  if (response.text !== undefined && !response.isJson && documented.mediaTypes.some(isJsonMediaType)) {
    // Mislabelled: content_type reports the header; validating the text as a string would only repeat it.
    return [{ skip: true, message: `the body is not labelled as JSON (Content-Type ${response.headers['content-type'] ?? 'missing'})` }];
  }
  if (response.text !== undefined && !response.isJson && !takesText(documented.schema)) {
    // XML and other text formats: the schema describes the parsed document, which ajv cannot read.
    return [{ skip: true, message: `the body is ${response.headers['content-type'] ?? 'not JSON'}; its schema describes a parsed document, not text` }];
  }
  const validate = documented.validate!;
  if (validate(response.body)) return [];
  if (response.body === undefined) {
    if (hasNullBody(response.status)) return [nullBodyDocumented(response.status)];
    return [{ message: `The ${what} is empty; the contract documents one.`, expected: documented.mediaTypes.join(' or ') || 'a body', actual: '(no body)', inferred: documented.inferred }];
  }
  return relevantErrors(validate.errors ?? []).slice(0, MAX_VIOLATIONS).map((error) => {
    const [violation] = toViolations([error]);
    const value = valueAt(response.body, violation.pointer);
    return {
      message: `The ${what} breaks the schema at ${violation.pointer || '(root)'}: ${violation.message}`,
      expected: violation.message,
      actual: error.keyword === 'required' ? '(absent)' : `${show(value)} (${typeName(value)})`,
      pointer: violation.pointer,
      inferred: documented.inferred || inferredAlong(context.contract.schemas, documented.schema, error.schemaPath),
    };
  });
}

/** A header's text as its schema reads it: a list for an array or object (style simple), else the text. */
function headerValue(header: HeaderModel, text: string): unknown {
  return header.styled ? parseHeader(header.styled, text) : text;
}

/** Whether a schema can describe a body as text: it allows strings (or says nothing of types). */
function takesText(schema: object | undefined): boolean {
  const type = (schema as { type?: unknown } | undefined)?.type;
  return type === undefined || type === 'string' || (Array.isArray(type) && type.includes('string'));
}

/** Drops the per-branch noise under a failed oneOf/anyOf: its own error says enough. */
function relevantErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const combinators = errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf').map((e) => e.schemaPath);
  const seen = new Set<string>();
  return errors.filter((error) => {
    if (combinators.some((path) => error.schemaPath.startsWith(`${path}/`))) return false;
    const key = `${error.instancePath}|${error.keyword}|${JSON.stringify(error.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
