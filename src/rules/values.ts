/** Small predicates every rule reads values with: "empty" is absent or null, everywhere. */
export function isEmpty(value: unknown): boolean {
  return value === undefined || value === null;
}

/** A body field's truth as a flag: `false`, `0`, `''`, `'false'`, null and absent are false. */
export function isTruthy(value: unknown): boolean {
  return value !== undefined && value !== null && value !== false && value !== 0 && value !== '' && value !== 'false';
}

export type Data = Readonly<Record<string, unknown>>;
