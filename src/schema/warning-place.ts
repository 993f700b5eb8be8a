import { escapePointer, unescapePointer } from '../shared/json-pointer.ts';

/** What ajv is compiling when it logs a strict-mode warning (one of its `SchemaEnv`s). */
export interface CompilingSchema {
  readonly schema: unknown;
}

/** Where a schema object sits: the absolute id (`<document id>#<pointer>`) of a document node, if known. */
export type LocateSchema = (node: object) => string | undefined;

/** Keywords whose value maps names to subschemas: their keys are names, not keywords. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);

/**
 * ajv's strict-mode messages name a place relative to the schema being compiled (`at "<base>#/properties/x"`),
 * and unknown keywords name none: rewrites the message to name the absolute document place of the schema
 * that caused it, so the warning points at its file, line and JSON pointer.
 */
export function placeStrictWarning(message: string, compiling: CompilingSchema | undefined, locate: LocateSchema): string {
  if (!compiling) return message;
  const at = / at "[^"#]*#([^"]*)"/.exec(message);
  const unknown = /unknown keyword: "([^"]+)"/.exec(message);
  const segments = at ? fragmentSegments(at[1]!) : unknown ? pathToKeyword(compiling.schema, unknown[1]!) : undefined;
  if (!segments) return message;
  const place = absolutePlace(compiling.schema, segments, locate);
  if (place === undefined) return message;
  return at ? message.replace(at[0], ` at "${place}"`) : `${message} at "${place}"`;
}

function fragmentSegments(fragment: string): string[] {
  return fragment.split('/').slice(1).map((segment) => {
    try {
      return unescapePointer(decodeURIComponent(segment));
    } catch {
      return unescapePointer(segment);
    }
  });
}

/** Types ajv names in a `missing type` warning, as the values a keyword applies to. */
const VALUES: Readonly<Record<string, string>> = { array: 'arrays', object: 'objects', string: 'strings', number: 'numbers', integer: 'integers' };

/**
 * ajv's `missing type "object" for keyword "properties"` said plainly: the keyword only constrains values of
 * that type, so without a `type` any other value passes it; an unknown keyword is ignored.
 */
export function explainStrictWarning(message: string): string {
  return message.replace(/unknown keyword: "([^"]+)"/, 'unknown keyword "$1": ignored, it checks nothing').replace(/missing type "([^"]+)" for keyword "([^"]+)"/, (_all, types: string, keyword: string) => {
    const names = types.split(',');
    const values = names.map((name) => VALUES[name] ?? name).join(' and ');
    return `"${keyword}" without type "${names.join('" or "')}": it applies to ${values} only, and a value of any other type passes it`;
  });
}

/** The id of the deepest known node on the path, with the rest of the path appended. */
function absolutePlace(root: unknown, segments: readonly string[], locate: LocateSchema): string | undefined {
  let node: unknown = root;
  let known = isObject(root) ? locate(root) : undefined;
  let rest: string[] = [];
  for (const segment of segments) {
    node = isObject(node) ? (node as Record<string, unknown>)[segment] : undefined;
    const id = isObject(node) ? locate(node) : undefined;
    if (id !== undefined) {
      known = id;
      rest = [];
    } else rest.push(segment);
  }
  if (known === undefined) return undefined;
  const suffix = rest.map((segment) => `/${encodeURIComponent(escapePointer(segment))}`).join('');
  return known.includes('#') ? `${known}${suffix}` : `${known}#${suffix}`;
}

/** The path to the first schema (depth first) that has `keyword`, skipping the names of schema maps. */
function pathToKeyword(schema: unknown, keyword: string, depth = 0): string[] | undefined {
  if (!isObject(schema) || depth > 64) return undefined;
  if (!Array.isArray(schema) && Object.hasOwn(schema, keyword)) return [];
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'enum' || key === 'const' || key === 'default' || key === 'examples' || key === 'example') continue;
    const children = SCHEMA_MAPS.has(key) && isObject(value) ? Object.entries(value) : [[undefined, value] as const];
    for (const [name, child] of children) {
      const found = pathToKeyword(child, keyword, depth + 1);
      if (found) return name === undefined ? [key, ...found] : [key, name, ...found];
    }
  }
  return undefined;
}

function isObject(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}

/** Every object node of the documents, by identity, to its absolute id: built once, when first needed. */
export function documentLocator(documents: readonly { readonly id: string; readonly data: unknown }[], origins: WeakMap<object, string>): LocateSchema {
  let places: WeakMap<object, string> | undefined;
  return (node) => {
    places ??= indexDocuments(documents);
    return places.get(node) ?? origins.get(node);
  };
}

function indexDocuments(documents: readonly { readonly id: string; readonly data: unknown }[]): WeakMap<object, string> {
  const places = new WeakMap<object, string>();
  const stack: [unknown, string][] = documents.map((d) => [d.data, `${d.id}#`]);
  while (stack.length > 0) {
    const [node, place] = stack.pop()!;
    if (!isObject(node) || places.has(node)) continue;
    places.set(node, place);
    for (const [key, value] of Object.entries(node)) {
      if (isObject(value)) stack.push([value, `${place}/${encodeURIComponent(escapePointer(key))}`]);
    }
  }
  return places;
}
