/**
 * The classic `allOf` trap: a part closed by `additionalProperties: false` (`Base`), extended by another
 * part that adds fields (`Account: {allOf: [Base, {properties: {name}}]}`). JSON Schema applies each part
 * to the whole value, so `Base` refuses `name` and no value with any added field is valid: a mock would
 * refuse every create and a runner fail every answer. Authors mean "no fields beyond those of all parts",
 * so, in place, with a warning: such a part is read as itself without its closing keyword (a copy: the
 * part stays closed where it is used alone), and a composed schema closed by `additionalProperties: false`
 * of its own is closed by `unevaluatedProperties: false` instead, which sees the fields of its parts.
 */

type Schema = Record<string, unknown>;

export interface ClosedAllOfContext {
  /** The node a `$ref` object leads to (undefined: not a followed reference). */
  targetOf(ref: Schema): { node: unknown } | undefined;
  warn(schema: Schema, message: string): void;
}

const isSchema = (value: unknown): value is Schema => value !== null && typeof value === 'object' && !Array.isArray(value);
/** `$ref` chains longer than this are left as they are (a hostile document's loop). */
const MAX_REF_HOPS = 32;

export function openClosedAllOfParts(composed: readonly Schema[], context: ClosedAllOfContext): void {
  for (const schema of composed) {
    if (!Array.isArray(schema.allOf)) continue;
    const names = new Set<string>();
    collectPropertyNames(schema, context, names, new Set());
    if (schema.additionalProperties === false && !coversAll(schema, names)) {
      delete schema.additionalProperties;
      schema.unevaluatedProperties = false;
      context.warn(schema, 'additionalProperties: false beside allOf refuses the fields its allOf parts add: read as unevaluatedProperties: false.');
    }
    schema.allOf = schema.allOf.map((part: unknown) => openedPart(part, names, schema, context));
  }
}

function openedPart(part: unknown, names: ReadonlySet<string>, owner: Schema, context: ClosedAllOfContext): unknown {
  const resolved = resolve(part, context);
  if (resolved === undefined || !closes(resolved) || coversAll(resolved, names)) return part;
  const open = { ...resolved };
  delete open.additionalProperties;
  delete open.unevaluatedProperties;
  context.warn(owner, 'an allOf part closed by additionalProperties: false refuses the fields the other parts add: that part is read without it here.');
  return open;
}

const closes = (schema: Schema): boolean => schema.additionalProperties === false || schema.unevaluatedProperties === false;

function coversAll(schema: Schema, names: ReadonlySet<string>): boolean {
  const own = isSchema(schema.properties) ? schema.properties : {};
  for (const name of names) if (!Object.hasOwn(own, name)) return false;
  return true;
}

/** The schema a part stands for, through `$ref`s (undefined: dangling or a loop). */
function resolve(part: unknown, context: ClosedAllOfContext): Schema | undefined {
  let node = part;
  for (let hops = 0; isSchema(node) && typeof node.$ref === 'string'; hops++) {
    const target = context.targetOf(node);
    if (target === undefined || hops === MAX_REF_HOPS) return undefined;
    node = target.node;
  }
  return isSchema(node) ? node : undefined;
}

/** The property names a schema and its `allOf` parts declare, through `$ref`s. */
function collectPropertyNames(schema: unknown, context: ClosedAllOfContext, names: Set<string>, seen: Set<Schema>): void {
  const resolved = resolve(schema, context);
  if (resolved === undefined || seen.has(resolved)) return;
  seen.add(resolved);
  if (isSchema(resolved.properties)) for (const name of Object.keys(resolved.properties)) names.add(name);
  if (Array.isArray(resolved.allOf)) for (const part of resolved.allOf) collectPropertyNames(part, context, names, seen);
}
