import { UsageError } from './io.ts';

/**
 * A flag's value as an integer in [min, max]: decimal digits only (no sign, exponent, hex or fraction),
 * otherwise a UsageError naming the flag, the range and what was given.
 *
 * @example
 * parseIntegerFlag('--port', '4010', 0, 65535); // 4010
 * parseIntegerFlag('--port', '1e3', 0, 65535);  // throws: --port must be an integer from 0 to 65535, got "1e3".
 */
export function parseIntegerFlag(flag: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`${flag} must be an integer from ${min} to ${max}, got "${raw}".`);
  }
  return value;
}
