import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import type { BodyModel } from '../contract/model.ts';
import { isJsonMediaType, mediaTypeMatches, mediaTypeOf } from '../shared/media-type.ts';
import type { IncomingRequest } from './incoming.ts';
import { SituationError } from './situation-error.ts';
import { jsonTextNestsDeeperThan, MAX_JSON_DEPTH, valueNestsDeeperThan } from '../shared/json-nesting.ts';
import { isFormMediaType, parseFormBody, parseUrlEncoded, shapeFormFields } from './form-body.ts';

/** Bodies beyond this are refused with the contract's `tooLarge` situation. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/**
 * Bodies nested deeper than this are `malformed`. Parsing copes with any depth, but storing, cloning and
 * answering a record recurse (structuredClone, JSON.stringify) and overflow the stack a few thousand levels
 * down: without the cap a 10,000-level body was stored and then broke every later list and state dump.
 */
export const MAX_BODY_DEPTH = MAX_JSON_DEPTH;

/** Decoders are stateless between whole-buffer `decode` calls: one each, not one per request. */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
const LENIENT_UTF8 = new TextDecoder();

/** Reads the raw bytes, refusing early when Content-Length already says the body is too large. */
export async function readBodyBytes(request: IncomingRequest, limit: number): Promise<Uint8Array> {
  assertDeclaredWithin(request, limit);
  return withinLimit(await request.bytes(), limit);
}

/** The bytes the engine already read (`request.body`), held to the same limits as `readBodyBytes`. */
export function bodyBytesNow(request: IncomingRequest & { readonly body: Uint8Array }, limit: number): Uint8Array {
  assertDeclaredWithin(request, limit);
  return withinLimit(request.body, limit);
}

function assertDeclaredWithin(request: IncomingRequest, limit: number): void {
  const declared = Number(request.header('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
}

function withinLimit(bytes: Uint8Array, limit: number): Uint8Array {
  if (bytes.byteLength > limit) throw tooLarge(limit);
  return bytes;
}

function tooLarge(limit: number): SituationError {
  return new SituationError('tooLarge', `The request body exceeds ${limit} bytes.`);
}

/**
 * Decodes and parses a request body for an operation: the media type must be one the operation accepts
 * (`malformed` otherwise), the bytes valid UTF-8 and the text valid JSON nested at most MAX_BODY_DEPTH
 * levels (`malformed`); a missing required body is `invalid`, an empty one labelled JSON `malformed`. Returns
 * undefined when there is no body: an empty optional body is none, whatever its Content-Type says.
 */
export function parseBody(body: BodyModel, contentType: string | null, bytes: Uint8Array): unknown {
  return parseBodySync(body, contentType, bytes)?.value;
}

/** `parseBody` with what it learnt on the way, for every media type (multipart needs the async parser). */
export async function parseRequestBody(body: BodyModel, contentType: string | null, bytes: Uint8Array): Promise<ParsedBody | undefined> {
  return parseRequestBodyNow(body, contentType, bytes);
}

/** `parseRequestBody` at once (returned or thrown) for every media type but multipart, which is awaited. */
export function parseRequestBodyNow(body: BodyModel, contentType: string | null, bytes: Uint8Array): ParsedBody | undefined | Promise<ParsedBody> {
  const kind = classify(body, contentType, bytes);
  if (kind === undefined) return undefined;
  if (kind.mediaType !== 'multipart/form-data') return parseClassified(body, kind, bytes);
  return parseFormBody(kind.mediaType, contentType ?? kind.mediaType, bytes).then(
    (fields) => ({ value: shapeFormFields(fields, body.byMediaType.get(kind.accepted)?.schema), ...kind, form: true }),
    () => {
      throw new SituationError('malformed', `The body is not valid ${kind.mediaType}.`);
    },
  );
}

/** The media type a body came in and the documented one it matches; undefined when there is no body. */
function classify(body: BodyModel, contentType: string | null, bytes: Uint8Array): { mediaType: string; accepted: string } | undefined {
  if (bytes.byteLength === 0) {
    // An optional body left out: clients (and generated curl samples) often label it JSON all the same.
    if (!body.required) return undefined;
    if (contentType && isJsonMediaType(mediaTypeOf(contentType))) throw new SituationError('malformed', 'The body is empty but the Content-Type says JSON.');
    if (body.required) throw new SituationError('invalid', 'A request body is required.', [{ pointer: '', property: '', keyword: 'required', message: 'A request body is required.' }]);
    return undefined;
  }
  const mediaType = contentType ? mediaTypeOf(contentType) : defaultMediaType(body);
  const accepted = body.mediaTypes.find((type) => mediaTypeMatches(type, mediaType));
  if (accepted === undefined) {
    throw new SituationError('malformed', `Content-Type ${mediaType} is not accepted; send ${body.mediaTypes.join(' or ')}.`);
  }
  return { mediaType, accepted };
}

function parseBodySync(body: BodyModel, contentType: string | null, bytes: Uint8Array): ParsedBody | undefined {
  const kind = classify(body, contentType, bytes);
  return kind === undefined ? undefined : parseClassified(body, kind, bytes);
}

function parseClassified(body: BodyModel, kind: { mediaType: string; accepted: string }, bytes: Uint8Array): ParsedBody {
  const { mediaType, accepted } = kind;
  if (mediaType === 'application/x-www-form-urlencoded') {
    try {
      return { value: shapeFormFields(parseUrlEncoded(bytes, body.formEncoding), body.byMediaType.get(accepted)?.schema), mediaType, accepted, form: true };
    } catch {
      throw new SituationError('malformed', `The body is not valid ${mediaType}.`);
    }
  }
  if (isFormMediaType(mediaType)) throw new SituationError('malformed', `The body is not valid ${mediaType}.`);
  if (isJsonMediaType(mediaType)) {
    const text = decodedJson(bytes);
    return { value: parsedJson(mediaType, text), mediaType, accepted, form: false, jsonText: mediaType.endsWith('jsonc') ? undefined : text };
  }
  // A concrete non-JSON type (text, XML, a file): taken as text.
  if (!/json|\*/i.test(accepted) && !mediaType.includes('*')) return rawBody(bytes, mediaType, accepted);
  // Under a wildcard (documented or sent): JSON where the bytes are JSON and the schema is not text, else text.
  if (!isStringSchema(body.byMediaType.get(accepted)?.schema)) return jsonOrText(bytes, mediaType, accepted);
  return rawBody(bytes, mediaType, accepted);
}

/** Whether the schema's `type` (one name or a list) admits text. */
export function isStringSchema(schema: unknown): boolean {
  const type = (schema as { type?: unknown } | undefined)?.type;
  return type === 'string' || (Array.isArray(type) && type.includes('string'));
}

function rawBody(bytes: Uint8Array, mediaType: string, accepted: string): ParsedBody {
  return { value: LENIENT_UTF8.decode(bytes), mediaType, accepted, form: false, raw: true };
}

function jsonOrText(bytes: Uint8Array, mediaType: string, accepted: string): ParsedBody {
  try {
    return { value: parseJsonBody(mediaType, bytes), mediaType, accepted, form: false };
  } catch (error) {
    if (error instanceof SituationError) return rawBody(bytes, mediaType, accepted);
    throw error;
  }
}

/** A body the mock understood: the value, the media type it came in and the documented one it matched. */
export interface ParsedBody {
  readonly value: unknown;
  readonly mediaType: string;
  readonly accepted: string;
  readonly form: boolean;
  /** Neither JSON nor a form: the text as sent, validated only against a string schema. */
  readonly raw?: boolean;
  /** The JSON text `value` was parsed from (plain JSON, not JSONC): what a stored record can rest as. */
  readonly jsonText?: string;
}

function defaultMediaType(body: BodyModel): string {
  return body.mediaTypes.some((t) => isJsonMediaType(t.toLowerCase())) ? 'application/json' : body.mediaTypes[0].toLowerCase();
}

function parseJsonBody(mediaType: string, bytes: Uint8Array): unknown {
  return parsedJson(mediaType, decodedJson(bytes));
}

function decodedJson(bytes: Uint8Array): string {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    throw new SituationError('malformed', 'The body is not valid UTF-8.');
  }
}

function parsedJson(mediaType: string, text: string): unknown {
  const jsonc = mediaType.endsWith('jsonc');
  const value = jsonc ? parseJsoncText(text) : parseJsonText(text);
  // A document n levels deep has at least 2n characters: short bodies (the common case) need no walk.
  if (text.length >= 2 * MAX_BODY_DEPTH) {
    // JSONC may hide brackets in comments: its parsed value is walked instead of its text.
    if (jsonc) assertNestingWithin(value, MAX_BODY_DEPTH);
    else assertJsonTextNestingWithin(text, MAX_BODY_DEPTH);
  }
  return value;
}

/** The nesting of JSON text that parsed, within `limit` (shared/json-nesting.ts); `malformed` past it. */
export function assertJsonTextNestingWithin(text: string, limit: number): void {
  if (jsonTextNestsDeeperThan(text, limit)) throw new SituationError('malformed', `The body is nested more than ${limit} levels deep.`);
}

function assertNestingWithin(value: unknown, limit: number): void {
  if (valueNestsDeeperThan(value, limit)) throw new SituationError('malformed', `The body is nested more than ${limit} levels deep.`);
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof RangeError ? 'it is nested too deeply' : (error as Error).message;
    throw new SituationError('malformed', `The body is not valid JSON: ${reason}.`);
  }
}

function parseJsoncText(text: string): unknown {
  const errors: ParseError[] = [];
  let value: unknown;
  try {
    value = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false });
  } catch (error) {
    // jsonc-parser recurses per nesting level: a deep enough body overflows the stack (a 500 before).
    if (error instanceof RangeError) throw new SituationError('malformed', 'The body is not valid JSONC: it is nested too deeply.');
    throw error;
  }
  if (errors.length > 0) throw new SituationError('malformed', `The body is not valid JSONC (error at offset ${errors[0].offset}).`);
  return value;
}

