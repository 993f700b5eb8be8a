/**
 * A scalar shown where the schema types it otherwise, converted where nothing is lost: a number or boolean
 * as its text (a record's integer key `1` where the answer declares a string id, `"1"`), a numeric text as
 * the number it writes (`"42"` where an integer is declared). Undefined when no conversion is accepted:
 * the value is then drawn anew, which for a key would name no record.
 */
export function convertedScalar(value: unknown, accepts: (value: unknown) => boolean): unknown {
  for (const candidate of conversions(value)) if (accepts(candidate)) return candidate;
  return undefined;
}

function conversions(value: unknown): unknown[] {
  if (typeof value === 'number' && Number.isFinite(value)) return [String(value)];
  if (typeof value === 'boolean') return [String(value)];
  if (typeof value !== 'string') return [];
  const number = Number(value);
  return value.trim() !== '' && Number.isFinite(number) && String(number) === value ? [number] : [];
}

/**
 * The value as the schema's `type` declares it, converted where it is another scalar type (`"4"` where
 * `type: integer`); as it is where the schema declares no type, or its type already fits, or nothing converts.
 */
export function asDeclaredType(value: unknown, schema: unknown): unknown {
  const declared = schema !== null && typeof schema === 'object' ? (schema as { type?: unknown }).type : undefined;
  const types = [declared].flat().filter((type): type is string => typeof type === 'string');
  if (types.length === 0 || types.some((type) => hasType(value, type))) return value;
  return convertedScalar(value, (candidate) => types.some((type) => hasType(candidate, type))) ?? value;
}

function hasType(value: unknown, type: string): boolean {
  if (type === 'integer') return Number.isInteger(value);
  if (type === 'number') return typeof value === 'number';
  if (type === 'string' || type === 'boolean') return typeof value === type;
  return type === 'null' ? value === null : type === 'array' ? Array.isArray(value) : type === 'object' && value !== null && typeof value === 'object' && !Array.isArray(value);
}
