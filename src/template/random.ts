/** A seeded source of randomness: the same seed gives the same ids, so mock state is reproducible. */
export interface Random {
  /** An integer in [0, n). */
  int(n: number): number;
}

/** mulberry32: tiny, fast and good enough for ids and test data (not for secrets). */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return {
    int(n: number): number {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      const value = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      return Math.floor(value * n);
    },
  };
}

const ALPHABETS = {
  hex: '0123456789abcdef',
  alnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  digits: '0123456789',
} as const;

export type Alphabet = keyof typeof ALPHABETS;

export function randomString(random: Random, alphabet: Alphabet, length: number): string {
  const chars = ALPHABETS[alphabet];
  let result = '';
  for (let i = 0; i < length; i++) result += chars[random.int(chars.length)];
  return result;
}

/** An RFC 4122 version 4 UUID drawn from the seeded source. */
export function randomUuid(random: Random): string {
  const hex = ALPHABETS.hex;
  const digits: string[] = [];
  for (let i = 0; i < 32; i++) digits.push(hex[random.int(16)]);
  digits[12] = '4';
  digits[16] = '89ab'[random.int(4)];
  let uuid = '';
  for (let i = 0; i < 32; i++) uuid += i === 8 || i === 12 || i === 16 || i === 20 ? `-${digits[i]}` : digits[i];
  return uuid;
}
