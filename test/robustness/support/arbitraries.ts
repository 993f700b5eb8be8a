import fc from 'fast-check';
import { authorizationHeader, exampleToken } from '../../../src/auth/example-token.ts';
import type { ContractModel, OperationModel } from '../../../src/contract/model.ts';
import { collectFields } from '../../../src/contract/schema-fields.ts';
import { utf8AsLatin1 } from './http.ts';

/** A body as bytes plus a label for failure messages (the bytes may be 900 KB). */
export interface FuzzBody {
  readonly label: string;
  readonly bytes: Buffer;
}

const body = (label: string, bytes: Buffer | string): FuzzBody => ({ label, bytes: typeof bytes === 'string' ? Buffer.from(bytes) : bytes });

/** Printable Latin-1 (what a header value may carry), without DEL. */
const headerChar = fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff })).map((code) => String.fromCharCode(code));
export const headerText = (maxLength = 40) => fc.string({ unit: headerChar, maxLength });

/** Any JSON value, with the awkward numbers and strings JSON allows. */
const jsonValue = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(-1, 0, 1.5, 2 ** 53 + 1, -0, 1e308, '', ' ', '\u0000', '\ud800', 'null', 'true', '0', '__proto__', [], {}, [[]], { __proto__: null }) },
);

/** Properties the operation's body schema (and its resource) knows, plus some it does not. */
export function fieldNames(operation: OperationModel): string[] {
  const names = new Set<string>([...collectFields(operation.body?.schema), ...operation.behaviour.resource.fields]);
  for (const extra of ['__proto__', 'constructor', 'prototype', '', 'x'.repeat(300), 'ünïcødé']) names.add(extra);
  return [...names];
}

const DEPTH = 10_000;
const deepArrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const deepObjects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/**
 * Random and malformed request bodies: objects over the operation's own fields with values of any type,
 * deep nesting (alone and inside a field the schema accepts), unterminated nesting, huge strings, invalid
 * UTF-8, duplicate keys, an empty body, random bytes and text, JSONC, and JSON oddities.
 */
export function fuzzBody(operation: OperationModel): fc.Arbitrary<FuzzBody> {
  const field = fc.constantFrom(...fieldNames(operation));
  const wrongTypes = fc.dictionary(field, jsonValue, { maxKeys: 6 }).map((value) => body('object of random values', JSON.stringify(value)));
  const deep = fc.tuple(field, fc.constantFrom('arrays', 'objects', 'array of objects'), fc.boolean()).map(([name, kind, wrapped]) => {
    const nested = kind === 'arrays' ? deepArrays(DEPTH) : kind === 'objects' ? deepObjects(DEPTH) : `[{"a":${deepArrays(DEPTH)}}]`;
    return body(`${DEPTH} levels of ${kind}${wrapped ? ` in "${name}"` : ''}`, wrapped ? `{${JSON.stringify(name)}:${nested}}` : nested);
  });
  const unterminated = fc.integer({ min: 1, max: 20_000 }).map((depth) => body(`${depth} unterminated [`, '['.repeat(depth)));
  const huge = fc.tuple(field, fc.integer({ min: 1_000, max: 900_000 }), fc.constantFrom('x', 'é', '\\u0000', '"')).map(([name, size, unit]) => {
    const text = unit === '"' ? '\\"'.repeat(size >> 1) : unit === 'é' ? 'é'.repeat(size >> 1) : unit.repeat(Math.floor(size / unit.length));
    return body(`${size}-byte "${unit}" string in "${name}"`, `{${JSON.stringify(name)}:"${text}"}`);
  });
  const invalidUtf8 = fc.tuple(field, fc.constantFrom([0xff], [0xc3, 0x28], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82])).map(([name, bad]) =>
    body(`invalid UTF-8 ${bad.map((b) => b.toString(16)).join(' ')} in "${name}"`, Buffer.concat([Buffer.from(`{${JSON.stringify(name)}:"a`), Buffer.from(bad), Buffer.from('b"}')])));
  const duplicates = fc.tuple(field, jsonValue, jsonValue).map(([name, first, second]) =>
    body(`duplicate "${name}"`, `{${JSON.stringify(name)}:${JSON.stringify(first)},${JSON.stringify(name)}:${JSON.stringify(second)}}`));
  const bytes = fc.uint8Array({ maxLength: 200 }).map((value) => body('random bytes', Buffer.from(value)));
  const text = fc.string({ maxLength: 200 }).map((value) => body('random text', value));
  const oddities = fc.constantFrom(
    body('empty', ''), body('whitespace', ' \n\t '), body('null', 'null'), body('string', '"text"'), body('number', '1e400'),
    body('array', '[]'), body('BOM', '\ufeff{}'), body('NaN', 'NaN'), body('trailing garbage', '{}garbage'), body('two documents', '{}{}'),
    body('proto pollution', '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'),
    body('JSONC', '{/* comment */ "a": 1, // line\n}'), body('lone surrogate escape', '{"a":"\\ud800"}'), body('NUL bytes', '\u0000\u0000'),
    body('unterminated string', '{"a":"'), body('trailing comma', '{"a":1,}'),
  );
  return fc.oneof(
    { weight: 6, arbitrary: wrongTypes },
    { weight: 2, arbitrary: deep },
    { weight: 1, arbitrary: unterminated },
    { weight: 1, arbitrary: huge },
    { weight: 2, arbitrary: invalidUtf8 },
    { weight: 2, arbitrary: duplicates },
    { weight: 1, arbitrary: bytes },
    { weight: 1, arbitrary: text },
    { weight: 3, arbitrary: oddities },
  );
}

/** No content type, the right one in odd spellings, and wrong, broken or hostile ones. */
export const contentType = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(undefined, 'application/json', 'application/json; charset=utf-8') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'APPLICATION/JSON', 'application/jsonc', 'application/vnd.api+json', 'application/merge-patch+json', 'text/plain',
      'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', '', ';', ';;;', 'application/',
      '/', '*/*', 'application/*', 'application/json; charset=latin1', 'application/json;;;; =', ' application/json ',
      utf8AsLatin1('application/jsön'), 'x'.repeat(2000),
    ),
  },
  { weight: 1, arbitrary: headerText(60) },
);

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const jwtOf = (header: unknown, payload: unknown, signature = 'c2ln') => `${b64(header)}.${b64(payload)}.${signature}`;

/**
 * Authorization headers: none, empty, wrong schemes, the right scheme with garbage, JWTs that do not
 * decode or name nobody, expired ones, non-ASCII and oversized values, and (mostly) valid credentials for
 * `principals` so that requests get past authentication.
 */
export function authHeader(contract: ContractModel, principals: readonly string[]): fc.Arbitrary<string | undefined> {
  const security = contract.security;
  if (!security) return fc.constant(undefined);
  const prefix = authorizationHeader(security, '').trim();
  const valid = fc.constantFrom(...principals).map((principal) => authorizationHeader(security, exampleToken(security, principal)));
  const bad = fc.oneof(
    fc.constantFrom(
      undefined, '', ' ', prefix, `${prefix} `, `${prefix}    `, 'Basic dXNlcjpwYXNz', 'Digest username="x"', 'Bearer', 'bearer x y z',
      `${prefix} a.b.c`, `${prefix} ..`, `${prefix} eyJ.eyJ.sig`, `${prefix} ${'a'.repeat(8000)}`,
      `${prefix} ${jwtOf({ alg: 'none' }, { sub: 'alice' }).slice(0, -2)}=`,
      `${prefix} ${jwtOf({ alg: 'HS256' }, 'not json')}`,
      `${prefix} ${jwtOf({ alg: 'HS256' }, [1, 2, 3])}`,
      `${prefix} ${jwtOf(null, { sub: 'alice' })}`,
      `${prefix} ${jwtOf({ alg: 'HS256' }, { name: 'no principal claim' })}`,
      `${prefix} ${jwtOf({ alg: 'HS256' }, { sub: { nested: true }, uid: '' })}`,
      `${prefix} ${jwtOf({ alg: 'HS256' }, { sub: 'alice', exp: 1 })}`,
      `${prefix} ${jwtOf({ alg: 'HS256' }, { sub: 'alice' })}.extra`,
      `${prefix} ${b64('{"alg":"HS256"}')}.${Buffer.from([0xff, 0xfe]).toString('base64url')}.sig`,
      utf8AsLatin1(`${prefix} ünïcødé-tøkên`), utf8AsLatin1(`Bëarer ${exampleToken(security, 'alice')}`), `${prefix}\t${'x'}`,
      `${prefix.toUpperCase()} ${exampleToken(security, 'alice')}`,
    ),
    headerText(80).map((value) => `${prefix} ${value}`),
    headerText(80),
  );
  return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 2, arbitrary: bad });
}

/** Path segments that are garbage for any router: broken percent-encoding, dot segments, very long. */
export const garbageSegment = fc.oneof(
  fc.constantFrom('%', '%E0%A4%A', '%zz', '%00', '%C0%AF', '%ED%A0%80', '%FF', '..', '.', '%2e%2e', '%2E', '%2F', '%5C', '\\', ';', ':', '@',
    "!$&'()*+,;=", '%20', '~', '__harness', '%%%', '%u2603', 'ü'.normalize('NFD')).map((s) => encodeNonAscii(s)),
  fc.integer({ min: 256, max: 8000 }).map((size) => 'a'.repeat(size)),
  fc.string({ maxLength: 30 }).map((s) => encodeURIComponent(s)),
  headerText(20).map((s) => encodeNonAscii(s.replace(/[/?#]/g, ''))),
);

/** Percent-encodes what a raw request target may not carry (node refuses non-ASCII and spaces there). */
export function encodeNonAscii(text: string): string {
  return text.replace(/[^\x21-\x7e]/gu, (char) => encodeURIComponent(char));
}

/** A raw query string (without `?`): declared names with wrong values, unknown names, broken encoding. */
export function fuzzQuery(names: readonly string[], values: readonly string[]): fc.Arbitrary<string> {
  const name = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...names, 'token', 'access_token', 'api_key', 'toString', '__proto__') },
    { weight: 1, arbitrary: garbageSegment },
  );
  const value = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...values, '0', '1', '-1', '1000000', '1.5', '1e3', 'abc', '', 'true', 'null', '{"uid":"DESC"}', '{bad', '["x"]', '%zz', '%E0%A4%A') },
    { weight: 1, arbitrary: garbageSegment },
  );
  return fc.array(fc.tuple(name, value, fc.boolean()), { maxLength: 5 }).map((pairs) =>
    // Capped so that the request line stays well under node's 16 KB header limit (a 431 from node itself).
    pairs.map(([n, v, bare]) => (bare && v === '' ? n : `${n}=${v}`)).join('&').slice(0, 3000));
}

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'PROPFIND', 'PROPPATCH', 'MKCOL', 'LOCK', 'SEARCH', 'PURGE', 'REPORT', 'TRACE', 'COPY', 'MOVE'] as const;
