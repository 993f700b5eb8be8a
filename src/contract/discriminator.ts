/**
 * A `oneOf` with a `discriminator` means "the branch the discriminator's value names" (OpenAPI), but JSON
 * Schema reads `oneOf` as "exactly one branch matches", which fails whenever the branches overlap. Generated
 * documents make them overlap all the time: every report type shares a `name` of the same enum, so a valid
 * document report also matches the video report. Each branch given by `$ref` is narrowed, in place, to the
 * discriminator values that name it (the `mapping` entries pointing at it, else the schema's own name, as
 * OpenAPI says): `{allOf: [{$ref}, {properties: {name: {enum: [document]}}}]}`. The branches then exclude
 * each other the way the discriminator does, and samples and validation agree with the document's meaning.
 */
export function narrowDiscriminatedBranches(schema: Record<string, unknown>): void {
  const discriminator = schema.discriminator as { propertyName?: unknown; mapping?: unknown } | undefined;
  if (!Array.isArray(schema.oneOf) || typeof discriminator?.propertyName !== 'string') return;
  const property = discriminator.propertyName;
  const mapping = isPlainObject(discriminator.mapping) ? Object.entries(discriminator.mapping).filter((entry): entry is [string, string] => typeof entry[1] === 'string') : [];
  schema.oneOf = schema.oneOf.map((branch: unknown) => {
    const ref = isPlainObject(branch) && typeof branch.$ref === 'string' && Object.keys(branch).length === 1 ? branch.$ref : undefined;
    if (ref === undefined) return branch;
    const named = mapping.filter(([, target]) => target === ref || lastSegment(target) === lastSegment(ref)).map(([value]) => value);
    const values = named.length > 0 ? named : [lastSegment(ref)];
    return { allOf: [branch, { type: 'object', properties: { [property]: { enum: values } } }] };
  });
}

function lastSegment(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
