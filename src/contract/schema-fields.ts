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

/** The schema and its `allOf` branches, parent first, 8 levels down at most: the nodes whose properties all hold. */
export function visitAllOf(schema: unknown, visit: (node: Record<string, unknown>) => void, depth = 0): void {
  if (schema === null || typeof schema !== 'object' || depth > 8) return;
  const node = schema as Record<string, unknown>;
  visit(node);
  for (const branch of Array.isArray(node.allOf) ? node.allOf : []) visitAllOf(branch, visit, depth + 1);
}

/**
 * The `default` of each top-level property, through `allOf`: the first one written for the property, on
 * any of its declarations (`properties` of the schema or of an `allOf` branch) or beside an `allOf` inside
 * it (`status: {allOf: [$ref], default: open}`). `anyOf`/`oneOf` branches hold no unconditional default.
 */
export function propertyDefaults(schema: unknown): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  visitAllOf(schema, (node) => {
    const properties = node.properties;
    if (properties === null || typeof properties !== 'object') return;
    for (const [name, property] of Object.entries(properties as Record<string, unknown>)) {
      if (Object.hasOwn(defaults, name)) continue;
      const value = defaultThroughAllOf(property);
      if (value !== undefined) Object.defineProperty(defaults, name, { value, enumerable: true, writable: true, configurable: true });
    }
  });
  return defaults;
}

function defaultThroughAllOf(property: unknown): unknown {
  let found: unknown;
  visitAllOf(property, (node) => {
    if (found === undefined && node.default !== undefined) found = node.default;
  });
  return found;
}

/**
 * A property's schema, looking through allOf/anyOf/oneOf (the first declaration found, own properties
 * first); bounded, as documents may nest compositions in cycles.
 */
export function propertySchema(schema: unknown, field: string, depth = 0): Record<string, unknown> | undefined {
  if (schema === null || typeof schema !== 'object' || depth > 8) return undefined;
  const node = schema as Record<string, unknown>;
  const own = (node.properties as Record<string, Record<string, unknown>> | undefined)?.[field];
  if (own) return own;
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    for (const branch of Array.isArray(node[key]) ? node[key] as unknown[] : []) {
      const found = propertySchema(branch, field, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}
