import { describe, expect, it } from 'vitest';
import type { BodyModel } from '../../src/contract/model.ts';
import type { IncomingRequest } from '../../src/mock/incoming.ts';
import fc from 'fast-check';
import { assertJsonTextNestingWithin, DEFAULT_BODY_LIMIT, MAX_BODY_DEPTH, parseBody, readBodyBytes } from '../../src/mock/request-body.ts';
import { SituationError } from '../../src/mock/situation-error.ts';

const validate = Object.assign(() => true, { errors: null });
const bodyOf = (mediaTypes: string[], required = true): BodyModel => ({ required, mediaTypes, schema: {}, validate, byMediaType: new Map() } as unknown as BodyModel);
const json = bodyOf(['application/json']);
const bytes = (text: string) => new TextEncoder().encode(text);

/** The situation and message parseBody refuses with (failing the test if it parses). */
function refusalOf(run: () => unknown): { situation: string; message: string; violations: readonly unknown[] } {
  try {
    const value = run();
    throw new Error(`parsed as ${JSON.stringify(value)?.slice(0, 100)}`);
  } catch (error) {
    if (!(error instanceof SituationError)) throw error;
    return { situation: error.situation, message: error.message, violations: error.violations };
  }
}

describe('parseBody: media types', () => {
  it('parses JSON under application/json, with parameters and in any case', () => {
    expect(parseBody(json, 'application/json', bytes('{"a":1}'))).toEqual({ a: 1 });
    expect(parseBody(json, 'application/json; charset=utf-8', bytes('[1,2]'))).toEqual([1, 2]);
    expect(parseBody(json, 'Application/JSON', bytes('"x"'))).toBe('x');
  });

  it('takes a body without a Content-Type as JSON', () => {
    expect(parseBody(json, null, bytes('{"a":1}'))).toEqual({ a: 1 });
  });

  it('accepts +json types where application/json is accepted, and wildcards', () => {
    expect(parseBody(json, 'application/merge-patch+json', bytes('{"a":null}'))).toEqual({ a: null });
    expect(parseBody(bodyOf(['*/*']), 'text/plain', bytes('{"a":1}'))).toEqual({ a: 1 });
    expect(parseBody(bodyOf(['application/*']), 'application/vnd.api+json', bytes('1'))).toBe(1);
  });

  it('takes text that is not JSON under a wildcard as text, and a wildcard sent as the Content-Type', () => {
    expect(parseBody(bodyOf(['*/*']), 'text/plain', bytes('plain words'))).toBe('plain words');
    expect(parseBody(bodyOf(['*/*']), '*/*', bytes('plain words'))).toBe('plain words');
    expect(parseBody(bodyOf(['*/*']), '*/*', bytes('{"a":1}'))).toEqual({ a: 1 });
    const text = { ...bodyOf(['*/*']), byMediaType: new Map([['*/*', { schema: { type: 'string' }, validate }]]) } as unknown as BodyModel;
    expect(parseBody(text, 'text/plain', bytes('123'))).toBe('123');
  });

  it('refuses a media type the operation does not accept as malformed, naming the accepted ones', () => {
    expect(refusalOf(() => parseBody(json, 'text/plain', bytes('{"a":1}')))).toMatchObject({
      situation: 'malformed', message: 'Content-Type text/plain is not accepted; send application/json.',
    });
    expect(refusalOf(() => parseBody(bodyOf(['application/json', 'application/jsonc']), 'application/x-www-form-urlencoded', bytes('a=1'))).message)
      .toBe('Content-Type application/x-www-form-urlencoded is not accepted; send application/json or application/jsonc.');
    expect(refusalOf(() => parseBody(bodyOf(['application/jsonc']), 'application/json', bytes('{}'))).situation).toBe('malformed');
  });

  it('parses application/jsonc with comments and trailing commas, and refuses broken JSONC with its offset', () => {
    const jsonc = bodyOf(['application/jsonc']);
    expect(parseBody(jsonc, 'application/jsonc', bytes('// c\n{"a": [1, 2,], /* b */ "b": {"c": 1,},}'))).toEqual({ a: [1, 2], b: { c: 1 } });
    expect(refusalOf(() => parseBody(jsonc, 'application/jsonc', bytes('{"a": }')))).toMatchObject({ situation: 'malformed', message: expect.stringMatching(/^The body is not valid JSONC \(error at offset \d+\)\.$/) });
  });

  it('refuses text that is not JSON as malformed, saying why', () => {
    for (const text of ['{', '{"a":1,}', "{'a':1}", 'NaN', '{"a":1}{"b":2}']) {
      expect(refusalOf(() => parseBody(json, 'application/json', bytes(text))), text).toMatchObject({ situation: 'malformed', message: expect.stringMatching(/^The body is not valid JSON: .+\.$/) });
    }
  });
});

describe('parseBody: empty bodies', () => {
  it('an empty body labelled JSON is malformed where a body is required, and no body where it is optional', () => {
    for (const contentType of ['application/json', 'application/problem+json', 'application/jsonc']) {
      expect(refusalOf(() => parseBody(json, contentType, new Uint8Array()))).toMatchObject({ situation: 'malformed', message: 'The body is empty but the Content-Type says JSON.' });
      // An optional body left out, as generated curl samples send it (the header set, no data).
      expect(parseBody(bodyOf(['application/json'], false), contentType, new Uint8Array())).toBeUndefined();
    }
  });

  it('an empty, unlabelled body is invalid when required (with a violation at the root) and absent otherwise', () => {
    expect(refusalOf(() => parseBody(json, null, new Uint8Array()))).toEqual({
      situation: 'invalid', message: 'A request body is required.',
      violations: [{ pointer: '', property: '', keyword: 'required', message: 'A request body is required.' }],
    });
    expect(parseBody(bodyOf(['application/json'], false), null, new Uint8Array())).toBeUndefined();
    expect(parseBody(bodyOf(['application/json'], false), 'text/plain', new Uint8Array())).toBeUndefined();
  });

  it('whitespace is not an empty body: it is not JSON', () => {
    expect(refusalOf(() => parseBody(json, 'application/json', bytes('  \n'))).situation).toBe('malformed');
  });
});

describe('parseBody: UTF-8', () => {
  it('decodes multi-byte characters', () => {
    expect(parseBody(json, 'application/json', bytes('{"name":"Zoë – 日本 🎲"}'))).toEqual({ name: 'Zoë – 日本 🎲' });
  });

  it.each([
    ['a lone continuation byte', [0x22, 0x80, 0x22]],
    ['a truncated sequence', [0x22, 0xe6, 0x97, 0x22]],
    ['an invalid byte', [0x22, 0xff, 0x22]],
    ['an overlong encoding', [0x22, 0xc0, 0xaf, 0x22]],
    ['an encoded surrogate', [0x22, 0xed, 0xa0, 0x80, 0x22]],
  ])('refuses %s as malformed', (_name, raw) => {
    expect(refusalOf(() => parseBody(json, 'application/json', Uint8Array.from(raw)))).toMatchObject({ situation: 'malformed', message: 'The body is not valid UTF-8.' });
  });
});

describe('parseBody: a concrete media type that names JSON oddly', () => {
  const odd = bodyOf(['application/json, okta-version=1.0.0']);
  it('parses JSON and refuses broken JSON as malformed (it was taken as text and accepted)', () => {
    expect(parseBody(odd, 'application/json, okta-version=1.0.0', bytes('{"a":1}'))).toEqual({ a: 1 });
    expect(refusalOf(() => parseBody(odd, 'application/json, okta-version=1.0.0', bytes('{"harness":'))).situation).toBe('malformed');
  });
});

describe('parseBody: nesting depth', () => {
  const arrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
  const objects = (depth: number) => `${'{"a":'.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`;

  it(`accepts ${MAX_BODY_DEPTH} levels and refuses ${MAX_BODY_DEPTH + 1} as malformed, arrays and objects alike`, () => {
    expect(parseBody(json, 'application/json', bytes(arrays(MAX_BODY_DEPTH)))).toBeInstanceOf(Array);
    expect(parseBody(json, 'application/json', bytes(objects(MAX_BODY_DEPTH)))).toHaveProperty('a');
    const message = `The body is nested more than ${MAX_BODY_DEPTH} levels deep.`;
    expect(refusalOf(() => parseBody(json, 'application/json', bytes(arrays(MAX_BODY_DEPTH + 1))))).toMatchObject({ situation: 'malformed', message });
    expect(refusalOf(() => parseBody(json, 'application/json', bytes(objects(MAX_BODY_DEPTH + 1))))).toMatchObject({ situation: 'malformed', message });
    expect(refusalOf(() => parseBody(json, 'application/json', bytes(`[1, {"a": [${arrays(MAX_BODY_DEPTH - 1)}]}]`)))).toMatchObject({ message });
  });

  it('counts depth, not breadth: a long flat body is fine', () => {
    const wide = JSON.stringify(Array.from({ length: 5000 }, (_, i) => ({ i })));
    expect(parseBody(json, 'application/json', bytes(wide))).toHaveLength(5000);
  });

  it('refuses a very deep body without overflowing the stack, in JSON and JSONC', () => {
    expect(refusalOf(() => parseBody(json, 'application/json', bytes(arrays(100_000)))).situation).toBe('malformed');
    expect(refusalOf(() => parseBody(bodyOf(['application/jsonc']), 'application/jsonc', bytes(arrays(100_000)))).situation).toBe('malformed');
  });

  it('reads the depth of JSON text as the parsed value has it, whatever brackets, quotes and backslashes its strings hold', () => {
    const depthOf = (value: unknown): number => (value !== null && typeof value === 'object' ? 1 + Math.max(0, ...Object.values(value).map(depthOf)) : 0);
    const tricky = fc.string({ unit: fc.constantFrom('[', ']', '{', '}', '"', '\\', '\\"', 'a', 'é', '\n') });
    const values = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, tricky, fc.integer(), fc.constant(null), fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(tricky, tie('value'), { maxKeys: 3 })),
    })).value;
    fc.assert(fc.property(values, fc.integer({ min: 0, max: 6 }), (value, limit) => {
      const text = JSON.stringify(value, null, limit % 2 === 0 ? undefined : 1);
      const refused = (() => {
        try {
          assertJsonTextNestingWithin(text, limit);
          return false;
        } catch (error) {
          if (!(error instanceof SituationError)) throw error;
          return true;
        }
      })();
      expect(refused).toBe(depthOf(value) > limit);
    }), { numRuns: 2000 });
  });
});

describe('readBodyBytes', () => {
  const request = (body: Uint8Array, headers: Record<string, string> = {}): IncomingRequest & { reads: number } => {
    const incoming = {
      method: 'POST',
      reads: 0,
      header: (name: string) => headers[name.toLowerCase()] ?? null,
      bytes: async () => {
        incoming.reads++;
        return body;
      },
    };
    return incoming;
  };

  it('returns the bytes within the limit', async () => {
    expect(await readBodyBytes(request(bytes('{"a":1}'), { 'content-length': '7' }), 7)).toEqual(bytes('{"a":1}'));
  });

  it('refuses a declared Content-Length over the limit without reading the body', async () => {
    const incoming = request(bytes('{}'), { 'content-length': String(DEFAULT_BODY_LIMIT + 1) });
    await expect(readBodyBytes(incoming, DEFAULT_BODY_LIMIT)).rejects.toMatchObject({ situation: 'tooLarge', message: `The request body exceeds ${DEFAULT_BODY_LIMIT} bytes.` });
    expect(incoming.reads).toBe(0);
  });

  it('refuses more bytes than the limit whatever Content-Length said (or without one)', async () => {
    await expect(readBodyBytes(request(bytes('12345'), { 'content-length': '2' }), 4)).rejects.toMatchObject({ situation: 'tooLarge' });
    await expect(readBodyBytes(request(bytes('12345')), 4)).rejects.toBeInstanceOf(SituationError);
    await expect(readBodyBytes(request(bytes('1234'), { 'content-length': 'abc' }), 4)).resolves.toHaveLength(4);
  });
});
