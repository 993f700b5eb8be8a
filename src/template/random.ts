/** A seeded source of randomness: the same seed gives the same ids, so mock state is reproducible. */
export interface Random {
  /** An integer in [0, n). */
  int(n: number): number;
}

/** mulberry32: tiny, fast and good enough for ids and test data (not for secrets). */
export function createRandom(seed: number): Random {
  // Kept as a signed 32-bit integer (the same bits as the unsigned one): a small integer V8 stores in place,
  // where an unsigned value above 2^31 is a heap number allocated on every draw.
  let state = seed | 0;
  return {
    int(n: number): number {
      state = (state + 0x6d2b79f5) | 0;
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

/** Character codes of a short random string, reused: one string per id, not one per character. */
const stringCodes: number[] = [];
const SHORT_STRING = 256;

export function randomString(random: Random, alphabet: Alphabet, length: number): string {
  const chars = ALPHABETS[alphabet];
  if (length > SHORT_STRING) {
    let result = '';
    for (let i = 0; i < length; i++) result += chars[random.int(chars.length)];
    return result;
  }
  // As many characters as `i < length` counts (a fractional length rounds up, NaN gives none).
  stringCodes.length = length > 0 ? Math.ceil(length) : 0;
  for (let i = 0; i < length; i++) stringCodes[i] = chars.charCodeAt(random.int(chars.length));
  return String.fromCharCode.apply(null, stringCodes);
}

const HEX_CODES = Array.from(ALPHABETS.hex, (char) => char.charCodeAt(0));
const VARIANT_CODES = Array.from('89ab', (char) => char.charCodeAt(0));
/** The UUID's character codes, reused (one string per UUID and nothing else: seeding makes many). */
const uuidCodes: number[] = new Array(36).fill(45);

/**
 * An RFC 4122 version 4 UUID drawn from the seeded source: 32 hex digits (the version digit's draw is
 * replaced by `4`), then the variant digit's own draw.
 */
export function randomUuid(random: Random): string {
  let at = 0;
  for (let digit = 0; digit < 32; digit++) {
    if (digit === 8 || digit === 12 || digit === 16 || digit === 20) at++; // the dashes stay in place
    const code = HEX_CODES[random.int(16)];
    uuidCodes[at++] = digit === 12 ? 52 : code;
  }
  uuidCodes[19] = VARIANT_CODES[random.int(4)];
  return String.fromCharCode.apply(null, uuidCodes);
}
