import type { MockReply } from './instance.ts';

/** A reply as bytes on the wire: the headers and the text both adapters send (one place for the encoding). */
export interface EncodedReply {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** Undefined: no body. */
  readonly text: string | undefined;
}

/**
 * JSON bodies are serialised with their media type (application/json unless the document says
 * `application/problem+json`...); text bodies are sent as they are.
 */
export function encodeReply(reply: MockReply, jsonText?: string): EncodedReply {
  const headers: Record<string, string> = reply.headers === undefined ? { 'cache-control': 'no-store' } : { 'cache-control': 'no-store', ...reply.headers };
  if (reply.body === undefined) return { status: reply.status, headers, text: undefined };
  const mediaType = reply.mediaType ?? 'application/json';
  const json = isJsonType(mediaType) || typeof reply.body !== 'string';
  const text = json ? jsonText ?? JSON.stringify(reply.body) : (reply.body as string);
  headers['content-type'] = contentType(json, mediaType);
  return { status: reply.status, headers, text };
}

function isJsonType(mediaType: string): boolean {
  return mediaType === 'application/json' || /json/i.test(mediaType);
}

/** A value serialised as JSON under a non-JSON type is labelled JSON; text types say their charset. */
function contentType(json: boolean, mediaType: string): string {
  if (mediaType === 'application/json') return mediaType;
  if (json && !/json/i.test(mediaType)) return 'application/json';
  if (mediaType === 'application/json' || /charset/i.test(mediaType) || !/^text\/|json|xml/i.test(mediaType)) return mediaType;
  return `${mediaType}; charset=utf-8`;
}
