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
