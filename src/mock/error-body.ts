import type { ResponseModel } from '../contract/model.ts';
import type { Violation } from '../schema/ajv.ts';

const MESSAGE = /^(message|detail|details_message|error_description|description|title|error|msg|errorMessage|reason|issue)$/i;
const STATUS = /^(status|statusCode|status_code|code|http_status|httpStatus)$/i;
const VIOLATIONS = /^(errors|details|violations|issues|invalid_params|invalidParams|fields|validation_errors|validationErrors)$/i;
const FIELD = /^(field|property|path|pointer|name|param|parameter|loc|location|source)$/i;

const REASONS: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict',
  410: 'Gone', 412: 'Precondition Failed', 428: 'Precondition Required', 413: 'Content Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Content', 429: 'Too Many Requests',
  500: 'Internal Server Error', 503: 'Service Unavailable', 507: 'Insufficient Storage',
};

export interface ErrorContent {
  readonly body: unknown;
  readonly mediaType: string;
}

/**
 * The error body of a document without an error template: the schema the operation documents for that
 * status, filled from its (seeded) sample with the message, the status and the violations where the
 * schema has places for them, and kept only if it still validates; an RFC 9457 problem document when
 * nothing usable is documented.
 */
export function errorBodyFor(response: ResponseModel | undefined, status: number, message: string, violations: readonly Violation[]): ErrorContent {
  const mediaType = response?.mediaTypes.find((t) => /json/i.test(t));
  if (response?.validate && mediaType && response.sample !== undefined) {
    // The violations where the schema has a place for them; else the message and status alone; else the sample.
    for (const listed of violations.length > 0 ? [violations, []] : [violations]) {
      const filled = fill(structuredClone(response.sample), response.schema, status, message, listed, 0);
      if (safeValidate(response.validate, filled)) return { body: filled, mediaType };
    }
    return { body: structuredClone(response.sample), mediaType };
  }
  if (response && !mediaType) {
    const text = textErrorBody(response, status, message);
    if (text) return text;
  }
  return { body: problem(status, message, violations), mediaType: 'application/problem+json' };
}

/**
 * An error documented only as text or XML: the message where the schema takes it, else a documented
 * example, else the seeded sample; for XML without any, a small document carrying the status and message.
 */
function textErrorBody(response: ResponseModel, status: number, message: string): ErrorContent | undefined {
  const mediaType = response.mediaTypes.find((type) => !type.includes('*'));
  if (mediaType === undefined) return undefined;
  const xml = /[/+]xml\b/i.test(mediaType);
  const fits = (text: string) => !response.validate || !typesOf(response.schema as Record<string, unknown>).includes('string') || safeValidate(response.validate, text);
  const documented = [...response.examples.map((example) => example.value), response.sample].filter((value): value is string => typeof value === 'string');
  const candidates = xml ? [...documented, xmlError(response.schema, status, message)] : [message, ...documented];
  const body = candidates.find(fits);
  return body === undefined ? undefined : { body, mediaType };
}

function xmlError(schema: unknown, status: number, message: string): string {
  const named = (schema as { xml?: { name?: unknown } } | undefined)?.xml?.name;
  const root = typeof named === 'string' && /^[A-Za-z_][\w.-]*$/.test(named) ? named : 'error';
  const escaped = message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<?xml version="1.0" encoding="UTF-8"?><${root}><status>${status}</status><message>${escaped}</message></${root}>`;
}

function problem(status: number, message: string, violations: readonly Violation[]): Record<string, unknown> {
  return {
    type: 'about:blank',
    title: REASONS[status] ?? 'Error',
    status,
    detail: message,
    ...(violations.length > 0 ? { errors: violations.map((v) => ({ pointer: v.pointer || '/', detail: v.message })) } : {}),
  };
}

function fill(value: unknown, schema: unknown, status: number, message: string, violations: readonly Violation[], depth: number): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || depth > 2) return value;
  const object = value as Record<string, unknown>;
  const properties = propertiesOf(schema);
  for (const [name, property] of Object.entries(properties)) {
    const types = typesOf(property);
    if (MESSAGE.test(name) && (types.length === 0 || types.includes('string'))) object[name] = message;
    else if (STATUS.test(name) && (types.includes('integer') || types.includes('number'))) object[name] = status;
    else if (VIOLATIONS.test(name) && types.includes('array') && violations.length > 0) {
      object[name] = violations.map((violation) => violationItem(property, violation));
    } else if (name in object && types.includes('object')) {
      object[name] = fill(object[name], property, status, message, violations, depth + 1);
    }
  }
  return object;
}

function violationItem(arraySchema: Record<string, unknown>, violation: Violation): unknown {
  const items = propertiesOf(arraySchema.items);
  if (Object.keys(items).length === 0) return typesOf(arraySchema.items as Record<string, unknown>).includes('string') ? violation.message : { message: violation.message, field: violation.property };
  const item: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(items)) {
    const types = typesOf(property);
    if (!(types.length === 0 || types.includes('string'))) continue;
    if (MESSAGE.test(name)) item[name] = violation.message;
    else if (FIELD.test(name)) item[name] = name === 'pointer' ? violation.pointer : violation.property;
    else if (name === 'code' || name === 'keyword' || name === 'type') item[name] = violation.keyword;
  }
  return item;
}

function propertiesOf(schema: unknown): Record<string, Record<string, unknown>> {
  const result: Record<string, Record<string, unknown>> = {};
  const visit = (node: unknown, depth: number) => {
    if (node === null || typeof node !== 'object' || depth > 6) return;
    const object = node as Record<string, unknown>;
    Object.assign(result, object.properties ?? {});
    for (const branch of Array.isArray(object.allOf) ? object.allOf : []) visit(branch, depth + 1);
  };
  visit(schema, 0);
  return result;
}

function typesOf(schema: Record<string, unknown> | undefined): string[] {
  const type = schema?.type;
  return Array.isArray(type) ? type.map(String) : typeof type === 'string' ? [type] : [];
}

function safeValidate(validate: (value: unknown) => unknown, value: unknown): boolean {
  try {
    return validate(value) === true;
  } catch {
    return false;
  }
}
