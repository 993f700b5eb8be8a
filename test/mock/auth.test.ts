import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { exampleToken } from '../../src/auth/example-token.ts';
import type { SecurityModel } from '../../src/contract/model.ts';
import { authenticate, type AuthOptions } from '../../src/mock/auth.ts';
import { SituationError } from '../../src/mock/situation-error.ts';

const NOW = new Date('2026-03-01T12:00:00Z');
const options: AuthOptions = { now: () => NOW };
const bearer: SecurityModel = { type: 'http', name: 'bearerAuth', scheme: 'bearer', jwt: false, principalClaims: [] };
const token: SecurityModel = { type: 'http', name: 'token', scheme: 'token', jwt: false, principalClaims: [] };
const jwt: SecurityModel = { type: 'http', name: 'jwt', scheme: 'jwt', jwt: true, principalClaims: ['sub', 'uid'] };

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const sign = (unsigned: string, secret: string) => createHmac('sha256', secret).update(unsigned).digest('base64url');
/** A JWT with these claims, signed with `secret` (HS256). */
function jwtOf(claims: unknown, secret = 'secret', header: unknown = { alg: 'HS256', typ: 'JWT' }): string {
  const unsigned = `${b64(header)}.${b64(claims)}`;
  return `${unsigned}.${sign(unsigned, secret)}`;
}

/** The SituationError message authenticate refuses with (failing the test if it accepts). */
async function refusal(security: SecurityModel, header: string | null, authOptions: AuthOptions = options): Promise<string> {
  try {
    const caller = await authenticate(security, header, authOptions);
    throw new Error(`accepted as ${caller}`);
  } catch (error) {
    if (!(error instanceof SituationError)) throw error;
    expect(error.situation).toBe('unauthenticated');
    return error.message;
  }
}

describe('authenticate: the Authorization header', () => {
  it('refuses a missing or blank header', async () => {
    expect(await refusal(bearer, null)).toBe('The Authorization header is missing.');
    expect(await refusal(bearer, '   ')).toBe('The Authorization header is missing.');
  });

  it('wants the contract scheme, case-insensitively, followed by a token', async () => {
    expect(await refusal(bearer, 'Token abc')).toBe('Expected "Authorization: Bearer <token>".');
    expect(await refusal(token, 'Bearer abc')).toBe('Expected "Authorization: Token <token>".');
    expect(await refusal(jwt, 'Bearer abc')).toBe('Expected "Authorization: jwt <token>".');
    expect(await refusal(bearer, 'Bearer')).toBe('Expected "Authorization: Bearer <token>".');
    expect(await refusal(bearer, 'Bearer    ')).toBe('Expected "Authorization: Bearer <token>".');
    expect(await refusal(bearer, 'abc')).toBe('Expected "Authorization: Bearer <token>".');
    const caller = await authenticate(bearer, 'Bearer abc', options);
    expect(await authenticate(bearer, 'bearer abc', options)).toBe(caller);
    expect(await authenticate(bearer, '  BEARER   abc  ', options)).toBe(caller);
  });
});

describe('authenticate: opaque tokens', () => {
  it('accept any token; the caller is a stable digest that never contains the token', async () => {
    const alice = await authenticate(bearer, 'Bearer sk_live_alice_0123456789', options);
    expect(alice).toMatch(/^tok_[0-9a-f]{8}$/);
    expect(alice).not.toContain('alice');
    expect(await authenticate(bearer, 'Bearer sk_live_alice_0123456789', options)).toBe(alice);
    expect(await authenticate(bearer, 'Bearer sk_live_bob_0123456789', options)).not.toBe(alice);
  });

  it('do not need to be JWTs even when they look like one', async () => {
    expect(await authenticate(token, `Token ${jwtOf({ sub: 'alice' })}`, options)).toMatch(/^tok_/);
  });
});

describe('authenticate: JWTs', () => {
  it('name the caller by the first principal claim present: sub, then uid', async () => {
    expect(await authenticate(jwt, `jwt ${jwtOf({ sub: 'alice', uid: 'ignored' })}`, options)).toBe('alice');
    expect(await authenticate(jwt, `jwt ${jwtOf({ uid: 'bob' })}`, options)).toBe('bob');
    expect(await authenticate(jwt, `jwt ${jwtOf({ sub: '', uid: 'carol' })}`, options)).toBe('carol');
    expect(await authenticate(jwt, `jwt ${jwtOf({ sub: 42 })}`, options)).toBe('42');
    expect(await authenticate(jwt, `jwt ${exampleToken(jwt, 'dave')}`, options)).toBe('dave');
  });

  it('refuse a token without a principal claim', async () => {
    expect(await refusal(jwt, `jwt ${jwtOf({ type: 'http', name: 'alice' })}`)).toBe('The token has no sub or uid claim.');
    expect(await refusal(jwt, `jwt ${jwtOf({ sub: { id: 'x' } })}`)).toBe('The token has no sub or uid claim.');
  });

  it.each([
    ['one part', 'abc'],
    ['two parts', `${b64({ alg: 'HS256' })}.${b64({ sub: 'a' })}`],
    ['four parts', `${jwtOf({ sub: 'a' })}.x`],
    ['characters outside base64url', `${b64({ alg: 'HS256' })}.${b64({ sub: 'a' })}+/=.sig`],
    ['a payload that is not JSON', `${b64({ alg: 'HS256' })}.${b64('not json')}.sig`],
    ['a payload that is an array', `${b64({ alg: 'HS256' })}.${b64(['sub', 'a'])}.sig`],
    ['a payload that is null', `${b64({ alg: 'HS256' })}.${b64('null')}.sig`],
    ['a header that is not an object', `${b64('"HS256"')}.${b64({ sub: 'a' })}.sig`],
    ['a payload that is not UTF-8', `${b64({ alg: 'HS256' })}.${Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('base64url')}.sig`],
  ])('refuse %s as not decodable', async (_name, value) => {
    expect(await refusal(jwt, `jwt ${value}`)).toBe('The token is not a decodable JWT.');
  });

  it('decode base64url segments of every length (no padding)', async () => {
    for (const sub of ['a', 'ab', 'abc', 'abcd', 'ünïcödé 🎲']) expect(await authenticate(jwt, `jwt ${jwtOf({ sub })}`, options)).toBe(sub);
  });

  it('refuse an expired token, by the mock clock', async () => {
    const exp = NOW.getTime() / 1000;
    expect(await refusal(jwt, `jwt ${jwtOf({ sub: 'a', exp })}`)).toBe('The token has expired.');
    expect(await authenticate(jwt, `jwt ${jwtOf({ sub: 'a', exp: exp + 1 })}`, options)).toBe('a');
    expect(await authenticate(jwt, `jwt ${jwtOf({ sub: 'a', exp: exp + 1 })}`, { now: () => new Date(NOW.getTime() + 2000) }).catch((e: Error) => e.message)).toBe('The token has expired.');
  });

  it('ignore the signature without a secret, and verify HS256 with one', async () => {
    const withSecret: AuthOptions = { ...options, jwtSecret: 'the-secret' };
    const good = jwtOf({ sub: 'alice' }, 'the-secret');
    expect(await authenticate(jwt, `jwt ${jwtOf({ sub: 'alice' }, 'another')}`, options)).toBe('alice');
    expect(await authenticate(jwt, `jwt ${good}`, withSecret)).toBe('alice');
    expect(await refusal(jwt, `jwt ${jwtOf({ sub: 'alice' }, 'another')}`, withSecret)).toBe('The token signature is invalid.');
    // The payload changed after signing: the signature no longer matches.
    const [header, , signature] = good.split('.');
    expect(await refusal(jwt, `jwt ${header}.${b64({ sub: 'mallory' })}.${signature}`, withSecret)).toBe('The token signature is invalid.');
    expect(await refusal(jwt, `jwt ${header}.${b64({ sub: 'alice' })}.`, withSecret)).toBe('The token signature is invalid.');
    expect(await refusal(jwt, `jwt ${header}.${b64({ sub: 'alice' })}.!!!`, withSecret)).toBe('The token signature is invalid.');
  });

  it('check expiry before the signature, and decoding before both', async () => {
    const withSecret: AuthOptions = { ...options, jwtSecret: 'the-secret' };
    expect(await refusal(jwt, `jwt ${jwtOf({ sub: 'a', exp: 1 }, 'wrong')}`, withSecret)).toBe('The token has expired.');
    expect(await refusal(jwt, 'jwt not.a.jwt', withSecret)).toBe('The token is not a decodable JWT.');
  });
});
