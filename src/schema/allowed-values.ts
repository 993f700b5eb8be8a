/**
 * The values a schema allows by `enum` and `const` alone, or undefined when it has neither. With both, a
 * value must satisfy both: the `const`, when the `enum` lists it, or nothing at all.
 * @example allowedValues({ enum: ['a', 'b'], const: 'b' }) // ['b']
 */
export function allowedValues(schema: Record<string, unknown>): unknown[] | undefined {
  const listed = Array.isArray(schema.enum) ? schema.enum : undefined;
  if (!Object.hasOwn(schema, 'const')) return listed;
  return listed === undefined || listed.some((value) => sameJson(value, schema.const)) ? [schema.const] : [];
}

/** JSON equality, as `enum` and `const` compare (key order aside). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bRecord = b as Record<string, unknown>;
  return aKeys.length === Object.keys(b).length && aKeys.every((key) => Object.hasOwn(b, key) && sameJson((a as Record<string, unknown>)[key], bRecord[key]));
}
