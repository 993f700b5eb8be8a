import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import type { BodyModel } from '../contract/model.ts';
import type { IncomingRequest } from './incoming.ts';
import { SituationError } from './situation-error.ts';

/** Bodies beyond this are refused with the contract's `tooLarge` situation. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** Reads the raw bytes, refusing early when Content-Length already says the body is too large. */
export async function readBodyBytes(request: IncomingRequest, limit: number): Promise<Uint8Array> {
  const declared = Number(request.header('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const bytes = await request.bytes();
  if (bytes.byteLength > limit) throw tooLarge(limit);
  return bytes;
}

function tooLarge(limit: number): SituationError {
  return new SituationError('tooLarge', `The request body exceeds ${limit} bytes.`);
}

/**
 * Decodes and parses a request body for an operation: the media type must be one the operation accepts
 * (`malformed` otherwise), the bytes valid UTF-8 and the text valid JSON (`malformed`); a missing required
 * body is `invalid`. Returns undefined when there is no body.
 */
export function parseBody(body: BodyModel, contentType: string | null, bytes: Uint8Array): unknown {
  if (bytes.byteLength === 0) {
    if (contentType && isJson(mediaTypeOf(contentType))) throw new SituationError('malformed', 'The body is empty but the Content-Type says JSON.');
    if (body.required) throw new SituationError('invalid', 'A request body is required.', [{ pointer: '', property: '', keyword: 'required', message: 'A request body is required.' }]);
    return undefined;
  }
  const mediaType = contentType ? mediaTypeOf(contentType) : 'application/json';
  if (!body.mediaTypes.some((accepted) => mediaMatches(accepted, mediaType))) {
    throw new SituationError('malformed', `Content-Type ${mediaType} is not accepted; send ${body.mediaTypes.join(' or ')}.`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new SituationError('malformed', 'The body is not valid UTF-8.');
  }
  return mediaType.endsWith('jsonc') ? parseJsoncText(text) : parseJsonText(text);
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
  const value = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) throw new SituationError('malformed', `The body is not valid JSONC (error at offset ${errors[0].offset}).`);
  return value;
}

function mediaTypeOf(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase();
}

function isJson(mediaType: string): boolean {
  return mediaType === 'application/json' || mediaType.endsWith('+json') || mediaType.endsWith('/jsonc');
}

function mediaMatches(accepted: string, actual: string): boolean {
  const a = accepted.toLowerCase();
  if (a === actual || a === '*/*') return true;
  if (a.endsWith('/*')) return actual.startsWith(a.slice(0, -1));
  return a === 'application/json' && actual.endsWith('+json');
}
