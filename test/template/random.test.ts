import { describe, expect, it } from 'vitest';
import { createRandom, randomString, type Random } from '../../src/template/random.ts';

/** The plain loop randomString replaces for short strings: one character per draw, appended. */
function appended(random: Random, chars: string, length: number): string {
  let result = '';
  for (let i = 0; i < length; i++) result += chars[random.int(chars.length)];
  return result;
}

const ALPHABETS = { hex: '0123456789abcdef', alnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', digits: '0123456789' } as const;

describe('randomString', () => {
  it('draws the same characters as appending one per draw, for every alphabet and length (odd ones included)', () => {
    let compared = 0;
    for (const alphabet of ['hex', 'alnum', 'digits'] as const) {
      for (const length of [0, 1, 2, 5, 24, 28, 32, 100, 255, 256, 257, 1000, 2.5, Number.NaN, -3]) {
        const fast = createRandom(1000 + compared);
        const slow = createRandom(1000 + compared);
        for (let k = 0; k < 20; k++, compared++) expect(randomString(fast, alphabet, length)).toBe(appended(slow, ALPHABETS[alphabet], length));
        // The sources stay in step: the next draw is the same.
        expect(fast.int(1000)).toBe(slow.int(1000));
      }
    }
    expect(compared).toBe(900);
  });
});

/** mulberry32 as first written here, with an unsigned state: the sequence the seeded data is made of. */
function unsignedMulberry(seed: number): Random {
  let state = seed >>> 0;
  return {
    int(n: number): number {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
    },
  };
}

describe('createRandom', () => {
  it('draws the same sequence as the unsigned-state mulberry32, for any seed', () => {
    const seeds = [0, 1, 5, 42, 0x5eed, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, -1, -(2 ** 31), 123456789.7, Number.NaN];
    for (const seed of seeds) {
      const signed = createRandom(seed);
      const unsigned = unsignedMulberry(seed);
      for (let i = 0; i < 2000; i++) {
        const n = [2, 16, 62, 1000, 2 ** 31][i % 5];
        expect(signed.int(n)).toBe(unsigned.int(n));
      }
    }
  });
});
