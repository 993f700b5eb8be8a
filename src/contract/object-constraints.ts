import { isPlainObject } from '../shared/plain-object.ts';

/** What an object schema asks of an object, gathered through its `$ref`s and `allOf` parts. */
export interface ObjectConstraints {
  readonly required: ReadonlySet<string>;
  /** Each property's schemas (a `$ref` followed), one per level that declares the property. */
  readonly properties: ReadonlyMap<string, readonly Record<string, unknown>[]>;
  /** Some level has a keyword beyond `type`, `properties` and `required` that can tell objects apart. */
  readonly distinguishing: boolean;
  /** Every level says it is about objects: typed `object`, or with `properties`, a `$ref` or `allOf`. */
  readonly objectAtEveryLevel: boolean;
}

/**
 * The keywords beyond `type`, `properties` and `required` that can refuse one object and accept another.
 * The rest constrain no object: annotations (`description`, `default`, `xml`...) and keywords of other types
 * (`format`, `maxLength`, `items`...), which a validator skips for an object. `maxProperties` is in: it tells
 * a large object from a small one, as `minProperties` does. `$dynamicRef` is in because it is not followed.
 */
const DISTINGUISHING = new Set(['enum', 'const', 'not', 'if', 'oneOf', 'anyOf', 'discriminator', 'minProperties', 'maxProperties', 'propertyNames',
  'dependentRequired', 'dependentSchemas', 'dependencies', 'additionalProperties', 'unevaluatedProperties', 'patternProperties', '$dynamicRef', '$recursiveRef']);

/** How deep `$ref`s and `allOf`s are followed before the schema counts as unknown. */
const MAX_DEPTH = 8;

/**
 * The object constraints of a schema, following `$ref` and `allOf`; undefined when the schema is not known
 * to be about objects: it is typed otherwise, a level is not a schema, it nests deeper than MAX_DEPTH or
 * refers back to itself. A part reached twice (a diamond of `allOf`s) is gathered once.
 * @example objectConstraints({ type: 'object', required: ['id'] }, resolve)?.required // Set {'id'}
 */
export function objectConstraints(schema: unknown, resolve: (ref: string) => unknown): ObjectConstraints | undefined {
  const view = { required: new Set<string>(), properties: new Map<string, Record<string, unknown>[]>(), distinguishing: false, objectAtEveryLevel: true };
  const gathered = new Set<object>();
  const inProgress = new Set<object>();
  const collect = (level: unknown, depth: number): boolean => {
    if (!isPlainObject(level) || depth > MAX_DEPTH || inProgress.has(level)) return false;
    if (gathered.has(level)) return true;
    inProgress.add(level);
    const known = collectLevel(level, depth);
    inProgress.delete(level);
    gathered.add(level);
    return known;
  };
  const collectLevel = (level: Record<string, unknown>, depth: number): boolean => {
    if (typeof level.$ref === 'string' && !collect(resolve(level.$ref), depth + 1)) return false;
    const types = [level.type].flat().filter((type) => type !== undefined);
    if (types.length > 0 && !types.includes('object')) return false;
    const allOf = Array.isArray(level.allOf) ? level.allOf : [];
    if (!(types.includes('object') || isPlainObject(level.properties) || typeof level.$ref === 'string' || allOf.length > 0)) view.objectAtEveryLevel = false;
    if (Object.keys(level).some((key) => DISTINGUISHING.has(key))) view.distinguishing = true;
    for (const name of Array.isArray(level.required) ? level.required : []) if (typeof name === 'string') view.required.add(name);
    for (const [name, property] of Object.entries(isPlainObject(level.properties) ? level.properties : {})) {
      const resolved = isPlainObject(property) && typeof property.$ref === 'string' ? resolve(property.$ref) : property;
      if (isPlainObject(resolved)) view.properties.set(name, [...view.properties.get(name) ?? [], resolved]);
    }
    return allOf.every((part) => collect(part, depth + 1));
  };
  return collect(schema, 0) ? view : undefined;
}
