import { describe, expect, it } from 'vitest';
import { decodeBase64Url, decodeJwtClaims, principalIn } from '../../src/auth/jwt.ts';
import { principalOf } from '../../src/runner/values.ts';
import { authenticate } from '../../src/mock/auth.ts';
import type { SecurityModel } from '../../src/contract/model.ts';

const segment = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const token = (header: unknown, payload: unknown) => `${segment(header)}.${segment(payload)}.c2ln`;

describe('JWT decoding (one implementation for the mock and the runner)', () => {
  it('decodes base64url, refusing other alphabets', () => {
    expect(new TextDecoder().decode(decodeBase64Url(segment('{"a":"é"}')))).toBe('{"a":"é"}');
    expect(() => decodeBase64Url('ab+/')).toThrow(/base64url/);
  });

  it('returns the claims of a three-part token with object header and payload, nothing otherwise', () => {
    expect(decodeJwtClaims(token({ alg: 'HS256' }, { sub: 'user-1', n: 2 }))).toEqual({ sub: 'user-1', n: 2 });
    expect(decodeJwtClaims(`${segment({ alg: 'HS256' })}.${segment({ sub: 'x' })}`)).toBeUndefined();
    expect(decodeJwtClaims(token('"text"', { sub: 'x' }))).toBeUndefined();
    expect(decodeJwtClaims(token({ alg: 'HS256' }, [1, 2]))).toBeUndefined();
    expect(decodeJwtClaims(token({ alg: 'HS256' }, 'not json'))).toBeUndefined();
    expect(decodeJwtClaims(`${segment({ alg: 'HS256' })}.${Buffer.from([0xff, 0xfe]).toString('base64url')}.c2ln`)).toBeUndefined();
  });

  it('names the principal by the first claim that holds a non-empty string or a number', () => {
    expect(principalIn({ sub: '', uid: 7 }, ['sub', 'uid'])).toBe('7');
    expect(principalIn({ sub: 'a', uid: 'b' }, ['uid', 'sub'])).toBe('b');
    expect(principalIn({ sub: null, uid: true }, ['sub', 'uid'])).toBeUndefined();
  });

  it('the runner predicts the caller the mock authenticates', async () => {
    const security = { type: 'http', scheme: 'bearer', jwt: true, principalClaims: ['uid', 'sub'] } as unknown as SecurityModel;
    for (const payload of [{ sub: 'user-1' }, { uid: 42, sub: 'other' }, { sub: '', uid: 'u-9' }]) {
      const jwt = token({ alg: 'HS256', typ: 'JWT' }, payload);
      expect(principalOf(security, jwt)).toBe(await authenticate(security, `Bearer ${jwt}`, { now: () => new Date() }));
    }
    const undecodable = `${segment({ sub: 'x' })}.c2ln`;
    expect(principalOf(security, undecodable)).toBeUndefined();
    await expect(authenticate(security, `Bearer ${undecodable}`, { now: () => new Date() })).rejects.toThrow(/not a decodable JWT/);
  });
});
