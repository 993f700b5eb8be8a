import { isPlainObject } from '../shared/plain-object.ts';

/**
 * A `oneOf` branch that matches every object another branch matches: a catch-all beside narrower shapes
 * (`oneOf: [UserReference (type: enum [user_reference]), {type: string, id: string}]`). Every answer of a
 * narrower shape then matches two branches and breaks "exactly one". Read conservatively: the covering
 * branch requires no more than the other, adds no distinguishing keyword, and only types the properties
 * the other declares the same way (a plain `type`, or an `enum` of that type).
 */
export function coveringBranches(branches: readonly unknown[], resolve: (ref: string) => unknown): number {
  const views = branches.map((branch) => objectView(branch, resolve));
  let covering = 0;
  views.forEach((loose, i) => {
    if (loose && isPlain(loose) && views.some((strict, j) => j !== i && strict !== undefined && covers(loose, strict))) covering++;
  });
  return covering;
}

interface ObjectView {
  readonly required: Set<string>;
  readonly properties: Map<string, Record<string, unknown>[]>;
  /** Keywords beyond `type`, `properties` and `required` at the object's own level. */
  distinguishing: boolean;
}

const OBJECT_KEYWORDS = new Set(['type', 'properties', 'required', 'allOf', '$ref', 'description', 'title', 'example', 'examples', 'nullable', 'readOnly', 'writeOnly', 'deprecated', 'externalDocs']);
const TYPING_KEYWORDS = new Set(['type', 'description', 'title', 'example', 'examples', 'readOnly', 'writeOnly', 'deprecated']);

/** The object's required fields and property schemas through `$ref` and `allOf`; undefined when not an object schema. */
function objectView(schema: unknown, resolve: (ref: string) => unknown): ObjectView | undefined {
  const view: ObjectView = { required: new Set(), properties: new Map(), distinguishing: false };
  return collect(schema, resolve, view, 0) ? view : undefined;
}

function collect(schema: unknown, resolve: (ref: string) => unknown, view: ObjectView, depth: number): boolean {
  if (!isPlainObject(schema) || depth > 8) return false;
  if (typeof schema.$ref === 'string' && !collect(resolve(schema.$ref), resolve, view, depth + 1)) return false;
  const types = [schema.type].flat().filter((type) => type !== undefined);
  if (types.length > 0 && !types.includes('object')) return false;
  if (Object.keys(schema).some((key) => !OBJECT_KEYWORDS.has(key) && !key.startsWith('x-'))) view.distinguishing = true;
  for (const name of Array.isArray(schema.required) ? schema.required : []) if (typeof name === 'string') view.required.add(name);
  for (const [name, property] of Object.entries(isPlainObject(schema.properties) ? schema.properties : {})) {
    const resolved = isPlainObject(property) && typeof property.$ref === 'string' ? resolve(property.$ref) : property;
    if (isPlainObject(resolved)) view.properties.set(name, [...view.properties.get(name) ?? [], resolved]);
  }
  return (Array.isArray(schema.allOf) ? schema.allOf : []).every((part) => collect(part, resolve, view, depth + 1));
}

/** A branch that only types its properties: nothing in it tells one object of a type from another. */
function isPlain(view: ObjectView): boolean {
  return !view.distinguishing && [...view.properties.values()].every((schemas) => schemas.every((schema) => Object.keys(schema).every((key) => TYPING_KEYWORDS.has(key))));
}

function covers(loose: ObjectView, strict: ObjectView): boolean {
  if ([...loose.required].some((name) => !strict.required.has(name))) return false;
  return [...loose.properties].every(([name, schemas]) => {
    const types = new Set(schemas.flatMap((schema) => [schema.type].flat().filter((type): type is string => typeof type === 'string')));
    const declared = strict.properties.get(name);
    return declared !== undefined && (types.size === 0 || declared.some((schema) => typedWithin(schema, types)));
  });
}

/** Every value the schema allows has one of the types (its own `type`, or its `enum`/`const` values). */
function typedWithin(schema: Record<string, unknown>, types: ReadonlySet<string>): boolean {
  const values = Array.isArray(schema.enum) ? schema.enum : 'const' in schema ? [schema.const] : undefined;
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
