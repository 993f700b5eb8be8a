/** Top-level property names a schema allows, looking through allOf/anyOf/oneOf. */
export function collectFields(schema: unknown): Set<string> {
  const fields = new Set<string>();
  const visit = (node: unknown) => {
    if (node === null || typeof node !== 'object') return;
    const object = node as Record<string, unknown>;
    for (const name of Object.keys((object.properties as object | undefined) ?? {})) fields.add(name);
    for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
      if (Array.isArray(object[key])) for (const branch of object[key] as unknown[]) visit(branch);
    }
  };
  visit(schema);
  return fields;
}
