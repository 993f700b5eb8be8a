import { isPlainObject } from '../shared/plain-object.ts';
import { allowedValues } from '../schema/allowed-values.ts';

/**
 * A `oneOf` with a `discriminator` means "the branch the discriminator's value names" (OpenAPI), but JSON
 * Schema reads `oneOf` as "exactly one branch matches", which fails whenever the branches overlap. Generated
 * documents make them overlap all the time: every report type shares a `name` of the same enum, so a valid
 * document report also matches the video report. Each branch given by `$ref` is narrowed, in place, to the
 * discriminator values that name it (the `mapping` entries pointing at it, else the schema's own name, as
 * OpenAPI says): `{allOf: [{$ref}, {properties: {name: {enum: [document]}}}]}`. The branches then exclude
 * each other the way the discriminator does, and samples and validation agree with the document's meaning.
 * A branch no mapping names that pins the property to values of its own (`type: {enum: [message]}` in
 * schema `Message`) is narrowed to those: the schema's name would leave it no valid value at all.
 */
export function narrowDiscriminatedBranches(schema: Record<string, unknown>, resolve: (ref: string) => unknown): void {
  const discriminator = schema.discriminator as { propertyName?: unknown; mapping?: unknown } | undefined;
  if (!Array.isArray(schema.oneOf) || typeof discriminator?.propertyName !== 'string') return;
  const property = discriminator.propertyName;
  const mapping = isPlainObject(discriminator.mapping) ? Object.entries(discriminator.mapping).filter((entry): entry is [string, string] => typeof entry[1] === 'string') : [];
  schema.oneOf = schema.oneOf.map((branch: unknown) => {
    const ref = isPlainObject(branch) && typeof branch.$ref === 'string' && Object.keys(branch).length === 1 ? branch.$ref : undefined;
    if (ref === undefined) return branch;
    const named = mapping.filter(([, target]) => target === ref || lastSegment(target) === lastSegment(ref)).map(([value]) => value);
    const values = named.length > 0 ? named : implicitValues(resolve(ref), property, lastSegment(ref), resolve);
    return { allOf: [branch, { type: 'object', properties: { [property]: { enum: values } } }] };
  });
}

/** The schema's name, unless the branch pins the property to other values (an enum or const, through allOf). */
function implicitValues(branch: unknown, property: string, name: string, resolve: (ref: string) => unknown): unknown[] {
  const pinned = pinnedValues(branch, property, resolve, 0);
  return pinned && pinned.length > 0 && !pinned.includes(name) ? pinned : [name];
}

function pinnedValues(schema: unknown, property: string, resolve: (ref: string) => unknown, depth: number): unknown[] | undefined {
  if (!isPlainObject(schema) || depth > 8) return undefined;
  if (typeof schema.$ref === 'string') return pinnedValues(resolve(schema.$ref), property, resolve, depth + 1);
  const own = isPlainObject(schema.properties) ? schema.properties[property] : undefined;
  const values = isPlainObject(own) ? allowedValues(own) : undefined;
  if (values) return values;
  for (const branch of Array.isArray(schema.allOf) ? schema.allOf : []) {
    const found = pinnedValues(branch, property, resolve, depth + 1);
    if (found) return found;
  }
  return undefined;
}

function lastSegment(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1);
}
