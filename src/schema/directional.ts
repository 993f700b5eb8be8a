import type { Validator } from './ajv.ts';

/**
 * OpenAPI's reading of `required` beside `readOnly` and `writeOnly`, which JSON Schema lacks: a required
 * `readOnly` property is required in responses only, a required `writeOnly` one in requests only (3.0
 * says so; 3.1 documents carry the same intent). One schema serves both directions (`User` is the create
 * body and the answer), so a request validator must not demand the `id` the server assigns, nor a
 * response validator the `password` it never shows.
 */
export type Direction = 'request' | 'response';

/** Resolves an absolute `$ref` (the compiler's `nodeAt`). */
export type ResolveRef = (ref: string) => unknown;

const EXEMPT_BY: Readonly<Record<Direction, 'readOnly' | 'writeOnly'>> = { request: 'readOnly', response: 'writeOnly' };
/** Bounds the walk through a hostile document's schemas. */
const MAX_NODES = 2000;

type Schema = Record<string, unknown>;
const isSchema = (value: unknown): value is Schema => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * `validate` with the `required` errors for properties the other direction owns taken out: valid when they
 * were all its errors. Valid values cost nothing more; only a refusal is looked at again.
 */
export function forDirection(validate: Validator, root: object, direction: Direction, resolve: ResolveRef): Validator {
  // One per validator and direction: a schema shared through `$ref` keeps one validator (compiled once).
  const known = wrappers[direction].get(validate);
  if (known) return known;
  const wrapped = directed(validate, root, EXEMPT_BY[direction], resolve);
  wrappers[direction].set(validate, wrapped);
  return wrapped;
}

const wrappers: Readonly<Record<Direction, WeakMap<Validator, Validator>>> = { request: new WeakMap(), response: new WeakMap() };

function directed(validate: Validator, root: object, keyword: string, resolve: ResolveRef): Validator {
  const wrapped = function (this: unknown, ...args: Parameters<Validator>) {
    if (validate.apply(this, args) === true) {
      wrapped.errors = null;
      return true;
    }
    const errors = (validate.errors ?? []).filter((error) => {
      if (error.keyword !== 'required') return true;
      const missing = String((error.params as { missingProperty?: unknown }).missingProperty);
      return !declaredAs(schemasAt(root, error.instancePath, resolve), missing, keyword, resolve);
    });
    wrapped.errors = errors.length > 0 ? errors : null;
    return errors.length === 0;
  } as Validator;
  wrapped.errors = null;
  return wrapped;
}

/** Whether a schema that applies declares `property` with the keyword (on the property, or the schema it references). */
function declaredAs(schemas: readonly Schema[], property: string, keyword: string, resolve: ResolveRef): boolean {
  return schemas.some((schema) => {
    const declared = isSchema(schema.properties) ? schema.properties[property] : undefined;
    if (!isSchema(declared)) return false;
    if (declared[keyword] === true) return true;
    return expand(declared, resolve).some((node) => node[keyword] === true);
  });
}

/** Every schema that may apply to the value at `instancePath` (all branches of compositions: an over-approximation). */
function schemasAt(root: object, instancePath: string, resolve: ResolveRef): Schema[] {
  let current = expand(root, resolve);
  for (const raw of instancePath.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const next: Schema[] = [];
    for (const schema of current) next.push(...expand(childSchema(schema, segment), resolve));
    current = next;
    if (current.length === 0 || current.length > MAX_NODES) return [];
  }
  return current;
}

function childSchema(schema: Schema, segment: string): unknown {
  if (isSchema(schema.properties) && Object.hasOwn(schema.properties, segment)) return schema.properties[segment];
  if (!/^\d+$/.test(segment)) return isSchema(schema.additionalProperties) ? schema.additionalProperties : undefined;
  const tuple = Array.isArray(schema.prefixItems) ? schema.prefixItems[Number(segment)] : undefined;
  return tuple ?? schema.items;
}

/** A schema with what it references and its composition branches, each once. */
function expand(start: unknown, resolve: ResolveRef): Schema[] {
  const found: Schema[] = [];
  const seen = new Set<unknown>();
  const pending: unknown[] = [start];
  while (pending.length > 0 && found.length < MAX_NODES) {
    const node = pending.pop();
    if (!isSchema(node) || seen.has(node)) continue;
    seen.add(node);
    found.push(node);
    if (typeof node.$ref === 'string') pending.push(resolve(node.$ref));
    for (const key of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(node[key])) pending.push(...(node[key] as unknown[]));
  }
  return found;
}
