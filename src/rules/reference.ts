/**
 * Compact references: a record field that names another record may be written as the bare id
 * (`"board": "b1"`) and shown as an object carrying it (`"board": {"id": "b1", "name": ...}`). A list
 * filtered by that field (`?board=b1`) matches either form. The mock (storing, filtering) and the runner
 * (what a filtered list must hold, which value to send) ask here.
 */

/** Property names that carry a referenced record's id, in order of preference. */
const ID_PROPERTIES = ['id', 'gid', 'uuid', '_id', 'key'] as const;

/** The id-carrying property of an object schema, when it has one. */
export function referenceIdProperty(schema: unknown): string | undefined {
  if (schema === null || typeof schema !== 'object') return undefined;
  const properties = (schema as { properties?: unknown }).properties;
  if (properties === null || typeof properties !== 'object') return undefined;
  return ID_PROPERTIES.find((name) => Object.hasOwn(properties, name));
}

/** The id a value stands for: a scalar itself, an object its id property; undefined when it names none. */
export function referencedId(value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  for (const name of ID_PROPERTIES) {
    const id = (value as Record<string, unknown>)[name];
    if (typeof id === 'string' || typeof id === 'number') return String(id);
  }
  return undefined;
}

/** The strings a stored field's value is found by in a filter: scalars, references' ids, and each array item's. */
export function filterValues(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(filterValues);
  if (value === null || value === undefined) return [String(value)];
  const id = referencedId(value);
  return id === undefined ? [] : [id];
}
