import type { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats.js';

/** Formats ajv-formats (and OpenAPI's own numeric and binary ones) validate or accept. */
export const KNOWN_FORMATS: ReadonlySet<string> = new Set([
  'date', 'time', 'date-time', 'iso-time', 'iso-date-time', 'duration', 'uri', 'uri-reference', 'uri-template', 'url', 'email',
  'hostname', 'ipv4', 'ipv6', 'regex', 'uuid', 'json-pointer', 'json-pointer-uri-fragment', 'relative-json-pointer', 'byte',
  'int32', 'int64', 'float', 'double', 'password', 'binary',
]);

/**
 * `format: uri` as ajv-formats checks it (its full RFC 3986 expression, the dearest check of a create body
 * that carries URLs), tried after a plain `http(s)://host[:port]/path?query#fragment` test whose every
 * match the full expression also accepts (the same characters, less: no userinfo, IP literals or
 * %-escapes), so the answer is the full check's for every string.
 */
const PLAIN_HTTP_URI = /^https?:\/\/[a-z0-9\-._~]+(?::\d*)?(?:\/[a-z0-9\-._~!$&'()*+,;=:@]*)*(?:\?[a-z0-9\-._~!$&'()*+,;=:@/?]*)?(?:#[a-z0-9\-._~!$&'()*+,;=:@/?]*)?$/i;

const fullUri = fullFormats.uri as (text: string) => boolean;

export function isUri(text: string): boolean {
  return PLAIN_HTTP_URI.test(text) || fullUri(text);
}

/** ajv-formats' formats on an ajv, with the quicker `uri` above in place of its own (the same answers). */
export function addKnownFormats(ajv: Ajv): void {
  addFormats.default(ajv);
  ajv.addFormat('uri', isUri);
}
