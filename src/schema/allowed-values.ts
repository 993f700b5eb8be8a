import { jsonEqual } from '../shared/json-equal.ts';

/**
 * The values a schema allows by `enum` and `const` alone, or undefined when it has neither. With both, a
 * value must satisfy both: the `const`, when the `enum` lists it, or nothing at all.
 * @example allowedValues({ enum: ['a', 'b'], const: 'b' }) // ['b']
 */
export function allowedValues(schema: Record<string, unknown>): unknown[] | undefined {
  const listed = Array.isArray(schema.enum) ? schema.enum : undefined;
  if (!Object.hasOwn(schema, 'const')) return listed;
  return listed === undefined || listed.some((value) => jsonEqual(value, schema.const)) ? [schema.const] : [];
}

