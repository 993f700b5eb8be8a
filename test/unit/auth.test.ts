import { describe, expect, it } from 'vitest';
import type { SecurityModel } from '../../src/contract/model.ts';
import { loadContract } from '../../src/contract/registry.ts';
import { authenticate } from '../../src/mock/auth.ts';

const gigs = await loadContract('gigs-connect-sessions');
const bearer = gigs.security as SecurityModel;
const now = () => new Date();

describe('opaque token callers', () => {
  it('two tokens that collide under a 32-bit FNV-1a hash are two different callers', async () => {
    // Both hash to 0x99e791fe under FNV-1a 32: found by a birthday search over sk_test_<n>.
    const first = await authenticate(bearer, 'Bearer sk_test_987955', { now });
    const second = await authenticate(bearer, 'Bearer sk_test_1286510', { now });
    expect(first).not.toBe(second);
  });

  it('is a full-length, stable digest that does not contain the token', async () => {
    const token = 'sk_live_alice_4f9a8b7c6d5e';
    const principal = await authenticate(bearer, `Bearer ${token}`, { now });
    expect(principal).toMatch(/^tok_[0-9a-f]{64}$/);
    expect(principal).not.toContain(token);
    expect(await authenticate(bearer, `Bearer ${token}`, { now })).toBe(principal);
  });
});
