import { parseQuery } from '../shared/parameter-style/parse.ts';
import { valueShape, type StyledParameter } from '../shared/parameter-style/style.ts';
import { shapeFor } from '../rules/shape.ts';

/**
 * Form bodies as objects: `application/x-www-form-urlencoded` and `multipart/form-data` (through the Fetch
 * API's own parser, in Node and in the browser). A repeated name becomes an array; a file part becomes its
 * file name (what a schema of `format: binary` can check). Values stay text: the operation's form validator
 * coerces them to the schema's types.
 */
export async function parseFormBody(mediaType: string, contentType: string, bytes: Uint8Array): Promise<Record<string, unknown>> {
  if (mediaType === 'application/x-www-form-urlencoded') return parseUrlEncoded(bytes);
  const entries: [string, string][] = [];
  const form = await new Response(bytes as unknown as BodyInit, { headers: { 'content-type': contentType } }).formData();
  form.forEach((value, name) => entries.push([name, typeof value === 'string' ? value : (value as File).name || 'file']));
  return collect(entries);
}

/**
 * `a=1&b=2&b=3` -> `{a: '1', b: ['2', '3']}` (synchronous: no multipart); fields the document's `encoding`
 * gives a style are read in it, as query parameters are.
 */
export function parseUrlEncoded(bytes: Uint8Array, encoding: Readonly<Record<string, StyledParameter>> = {}): Record<string, unknown> {
  const pairs = [...new URLSearchParams(new TextDecoder('utf-8', { fatal: true }).decode(bytes))];
  const claimed = new Set(Object.keys(encoding));
  const taken = new Set<string>();
  const styled: Record<string, unknown> = {};
  for (const [name, parameter] of Object.entries(encoding)) {
    const read = parseQuery(parameter, pairs, claimed);
    if (read === undefined) continue;
    styled[name] = read.value;
    for (const key of read.names) taken.add(key);
  }
  return { ...collect(pairs.filter(([name]) => !taken.has(name))), ...styled };
}

function collect(entries: readonly [string, string][]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, value] of entries) {
    const key = name.endsWith('[]') ? name.slice(0, -2) : name;
    if (key === '__proto__') continue; // would reach the object's prototype
    if (Object.hasOwn(result, key)) result[key] = Array.isArray(result[key]) ? [...(result[key] as unknown[]), value] : [result[key], value];
    else result[key] = name.endsWith('[]') ? [value] : value;
  }
  return result;
}

/**
 * Form fields read as the form's schema describes them: an object field sent as a JSON part (multipart's
 * default for objects) or as `field[key]=value` pairs becomes an object, and so do the objects of an
 * array field. What is not JSON stays text, for the validator to refuse.
 */
export function shapeFormFields(fields: Record<string, unknown>, schema: unknown): Record<string, unknown> {
  if (schema === null || typeof schema !== 'object') return fields;
  // The fields of the shape the form fits: a `oneOf` of dog and cat forms declares `collar` in one branch.
  const properties = shapeFor(schema, formNames(fields)).schemas;
  const shaped = { ...fields };
  for (const [name, property] of Object.entries(properties)) {
    const shape = valueShape(property);
    if (shape === 'object') {
      const nested = gatherBrackets(shaped, name);
      shaped[name] = nested ?? jsonOf(shaped[name], (v) => v !== null && typeof v === 'object' && !Array.isArray(v));
    } else if (shape === 'array' && valueShape((property as { items?: unknown }).items) === 'object') {
      const items = shaped[name];
      if (Array.isArray(items)) shaped[name] = items.map((item) => jsonOf(item, (v) => v !== null && typeof v === 'object'));
      else if (items !== undefined) {
        const parsed = jsonOf(items, (v) => v !== null && typeof v === 'object');
        shaped[name] = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? [parsed] : parsed;
      }
    }
  }
  return shaped;
}

/** The form's fields by name, `collar[color]=red` read as a `collar` object: what picks the form's shape. */
function formNames(fields: Record<string, unknown>): Record<string, unknown> {
  const named: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    const bracket = key.indexOf('[');
    if (bracket > 0) named[key.slice(0, bracket)] ??= {};
    else named[key] = value;
  }
  return named;
}

function jsonOf(value: unknown, fits: (parsed: unknown) => boolean): unknown {
  if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) return value;
  try {
    const parsed = JSON.parse(value) as unknown;
    return fits(parsed) ? parsed : value;
  } catch {
    return value;
  }
}

/** `name[key]=v` fields gathered (and removed) into `{key: v}`; undefined when there are none. */
function gatherBrackets(fields: Record<string, unknown>, name: string): Record<string, unknown> | undefined {
  const pairs = Object.keys(fields).filter((key) => key.startsWith(`${name}[`));
  if (pairs.length === 0) return undefined;
  const read = parseQuery({ name, in: 'query', style: 'deepObject', explode: true, schema: { type: 'object' } },
    pairs.flatMap((key) => ([] as unknown[]).concat(fields[key]).map((v) => [key, String(v)] as const)), new Set());
  for (const key of pairs) delete fields[key];
  return read?.value as Record<string, unknown> | undefined;
}

export function isFormMediaType(mediaType: string): boolean {
  return mediaType === 'application/x-www-form-urlencoded' || mediaType === 'multipart/form-data';
}
