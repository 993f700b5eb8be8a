import { allowedValues } from '../schema/allowed-values.ts';
import { objectConstraints, type ObjectConstraints } from './object-constraints.ts';

/**
 * A `oneOf` branch that matches every object another branch matches: a catch-all beside narrower shapes
 * (`oneOf: [UserReference (type: enum [user_reference]), {type: string, id: string}]`). Every answer of a
 * narrower shape then matches two branches and breaks "exactly one". Read conservatively: the covering
 * branch requires no more than the other, adds no distinguishing keyword, and only types the properties
 * the other declares the same way (a plain `type`, or an `enum` of that type).
 */
export function coveringBranches(branches: readonly unknown[], resolve: (ref: string) => unknown): number {
  const views = branches.map((branch) => objectConstraints(branch, resolve));
  let covering = 0;
  views.forEach((loose, i) => {
    if (loose && isPlain(loose) && views.some((strict, j) => j !== i && strict !== undefined && covers(loose, strict))) covering++;
  });
  return covering;
}

/** What a property's schema may hold and still only type the property. */
const TYPING_KEYWORDS = new Set(['type', 'description', 'title', 'example', 'examples', 'readOnly', 'writeOnly', 'deprecated']);

/** A branch that only types its properties: nothing in it tells one object of a type from another. */
function isPlain(view: ObjectConstraints): boolean {
  return !view.distinguishing && [...view.properties.values()].every((schemas) => schemas.every((schema) => Object.keys(schema).every((key) => TYPING_KEYWORDS.has(key))));
}

function covers(loose: ObjectConstraints, strict: ObjectConstraints): boolean {
  if ([...loose.required].some((name) => !strict.required.has(name))) return false;
  return [...loose.properties].every(([name, schemas]) => {
    const types = new Set(schemas.flatMap((schema) => [schema.type].flat().filter((type): type is string => typeof type === 'string')));
    const declared = strict.properties.get(name);
    return declared !== undefined && (types.size === 0 || declared.some((schema) => typedWithin(schema, types)));
  });
}

/** Every value the schema allows has one of the types (its own `type`, or its `enum`/`const` values). */
function typedWithin(schema: Record<string, unknown>, types: ReadonlySet<string>): boolean {
  const values = allowedValues(schema);
  if (values) return values.every((value) => types.has(jsonType(value)) || (jsonType(value) === 'integer' && types.has('number')));
  const own = [schema.type].flat().filter((type) => type !== undefined);
  return own.length > 0 && own.every((type) => typeof type === 'string' && (types.has(type) || (type === 'integer' && types.has('number'))));
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}
