import { isJsonMedia, valueShape, type StyledParameter, type ValueShape } from './style.ts';

/**
 * A parameter's value read back from the wire by the OpenAPI 3.x style rules, the inverse of serialize.ts.
 * Values stay text (the validator coerces them to the schema's types); what a client sends in another
 * common form (an exploded array sent as one list, a path value without its `.` prefix) is still read.
 */

/** Thrown for percent-encoding that does not decode. */
export class UnreadableParameter extends Error {}

function decode(text: string): string {
  // Without a `%` there is nothing to decode (and nothing that could fail): most ids and values.
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    throw new UnreadableParameter(`"${text}" is not valid percent-encoding.`);
  }
}

/** `__proto__` as a name would reach the object's prototype: such names are not read. */
const safeName = (name: string): boolean => name !== '__proto__';
/** How deep `name[a][b]...` nests at most; deeper names are not read. */
const MAX_DEPTH = 32;

/** Decoded pieces of a delimited list; an empty text is an empty list. */
const splitList = (text: string, delimiter: string | RegExp): string[] => (text === '' ? [] : text.split(delimiter));

/** `k,v,k2,v2` (or `k=v` pairs when `exploded`) as an object. */
function objectOf(pieces: readonly string[], exploded: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  if (exploded) {
    for (const piece of pieces) {
      const at = piece.indexOf('=');
      if (at > 0 && safeName(piece.slice(0, at))) out[piece.slice(0, at)] = piece.slice(at + 1);
    }
    return out;
  }
  for (let i = 0; i + 1 < pieces.length; i += 2) if (safeName(pieces[i])) out[pieces[i]] = pieces[i + 1];
  return out;
}

function mediaValue(parameter: StyledParameter, text: string): unknown {
  if (!isJsonMedia(parameter.mediaType)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text; // the validator refuses it, as it would any value of the wrong type
  }
}

/** A path parameter from its raw (still percent-encoded) segment text. */
export function parsePath(parameter: StyledParameter, raw: string): unknown {
  if (parameter.mediaType !== undefined) return mediaValue(parameter, decode(raw));
  const shape = valueShape(parameter.schema);
  const { style, explode, name } = parameter;
  let text = raw;
  if (style === 'label' && text.startsWith('.')) text = text.slice(1);
  if (style === 'matrix') return parseMatrix(text, name, shape, explode);
  const delimiter = style === 'label' && explode ? '.' : ',';
  return shaped(shape, text, delimiter, explode);
}

function shaped(shape: ValueShape, text: string, delimiter: string, explode: boolean): unknown {
  if (shape === 'scalar') return decode(text);
  const pieces = splitList(text, delimiter);
  if (shape === 'array') return pieces.map(decode);
  const exploded = explode || pieces.every((p) => p.includes('='));
  return decodeObject(objectOf(pieces, exploded && pieces.length > 0));
}

const decodeObject = (raw: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(raw).map(([k, v]) => [decode(k), decode(v)]).filter(([k]) => safeName(k)));

/** `;id=5`, `;id=3,4,5`, `;id=3;id=4`, `;R=100;G=200`, `;color=R,100,G,200`. */
function parseMatrix(text: string, name: string, shape: ValueShape, explode: boolean): unknown {
  if (!text.startsWith(';')) return shaped(shape, text, ',', explode);
  const parts = text.slice(1).split(';').map((part) => {
    const at = part.indexOf('=');
    return at < 0 ? [decode(part), ''] as const : [decode(part.slice(0, at)), part.slice(at + 1)] as const;
  });
  const own = parts.filter(([key]) => key === name).map(([, value]) => value);
  if (shape === 'object' && explode && own.length === 0) return Object.fromEntries(parts.filter(([k]) => safeName(k)).map(([k, v]) => [k, decode(v)]));
  if (shape === 'array') return own.flatMap((value) => splitList(value, ',')).map(decode);
  return shaped(shape, own[0] ?? '', ',', false);
}

/** Decoded query pairs (`url.searchParams`, in order). */
export type QueryPairs = readonly (readonly [string, string])[];

/**
 * A query parameter's value, and the names it took from the query (an exploded object's properties take
 * their own names); undefined when the query does not carry it. `claimed` are names other parameters own.
 */
export function parseQuery(parameter: StyledParameter, pairs: QueryPairs, claimed: ReadonlySet<string>): { value: unknown; names: string[] } | undefined {
  const { name, style, explode } = parameter;
  const own = pairs.filter(([key]) => key === name).map(([, value]) => value);
  if (parameter.mediaType !== undefined) return own.length ? { value: mediaValue(parameter, own[0]), names: [name] } : undefined;
  const shape = valueShape(parameter.schema);
  if (shape === 'object' && (style === 'deepObject' || own.length === 0)) {
    return style === 'deepObject' ? parseDeepObject(name, pairs) : explode ? explodedObject(parameter, pairs, claimed) : undefined;
  }
  if (own.length === 0) return undefined;
  const delimiter = style === 'pipeDelimited' ? '|' : style === 'spaceDelimited' ? / |%20/ : ',';
  if (shape === 'array') return { value: own.flatMap((value) => (explode && style === 'form' ? [value] : splitList(value, delimiter))), names: [name] };
  if (shape === 'object') return { value: objectOf(splitList(own[0], delimiter), own[0].includes('=') && !own[0].includes(',')), names: [name] };
  return { value: own[0], names: [name] };
}

/** An exploded form object: its properties are query parameters of their own (`?role=admin&firstName=Alex`). */
function explodedObject(parameter: StyledParameter, pairs: QueryPairs, claimed: ReadonlySet<string>): { value: unknown; names: string[] } | undefined {
  const properties = (parameter.schema as { properties?: Record<string, unknown> }).properties;
  const open = (parameter.schema as { additionalProperties?: unknown }).additionalProperties;
  const takes = (key: string) => safeName(key) && ((properties !== undefined && Object.hasOwn(properties, key)) || ((properties === undefined || (open !== undefined && open !== false)) && !claimed.has(key)));
  const value: Record<string, unknown> = {};
  for (const [key, text] of pairs) {
    if (!takes(key) || Object.hasOwn(value, key)) continue;
    value[key] = valueShape(properties?.[key]) === 'array' ? pairs.filter(([k]) => k === key).map(([, v]) => v) : text;
  }
  const names = Object.keys(value);
  return names.length ? { value, names } : undefined;
}

/** `filter[status]=open&filter[owner][id]=7&filter[tags][]=a&filter[tags]=b` -> nested objects; repeats make arrays. */
function parseDeepObject(name: string, pairs: QueryPairs): { value: unknown; names: string[] } | undefined {
  const value: Record<string, unknown> = {};
  const names: string[] = [];
  for (const [key, text] of pairs) {
    if (!key.startsWith(`${name}[`)) continue;
    const path = [...key.slice(name.length).matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]);
    if (path.length === 0 || path.length > MAX_DEPTH || !path.every(safeName)) continue;
    names.push(key);
    place(value, path, text);
  }
  return names.length ? { value, names } : undefined;
}

function place(target: Record<string, unknown>, path: readonly string[], text: string): void {
  const [head, ...rest] = path;
  const append = rest.length === 0 || (rest.length === 1 && rest[0] === '');
  if (append) {
    const existing = Object.hasOwn(target, head) ? target[head] : undefined;
    if (existing === undefined) target[head] = rest.length === 1 ? [text] : text;
    else target[head] = Array.isArray(existing) ? [...existing, text] : [existing, text];
    return;
  }
  const inner = Object.hasOwn(target, head) ? target[head] : undefined;
  const next = inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? inner as Record<string, unknown> : {};
  target[head] = next;
  place(next, rest, text);
}

/**
 * A whole query as a server reads it: each declared parameter by its style (lists split, deep and exploded
 * objects gathered), and a name no parameter takes with its first value.
 */
export function parseQueryParameters(parameters: readonly StyledParameter[], pairs: QueryPairs): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  if (parameters.length === 0 && pairs.length === 0) return query;
  const claimed = new Set(parameters.map((p) => p.name));
  const taken = new Set<string>();
  for (const parameter of parameters) {
    const read = parseQuery(parameter, pairs, claimed);
    if (read === undefined) continue;
    query[parameter.name] = read.value;
    for (const name of read.names) taken.add(name);
  }
  for (const [name, value] of pairs) if (!Object.hasOwn(query, name) && !taken.has(name) && safeName(name)) query[name] = value;
  return query;
}

/** A header parameter's value (style simple) from the header's text. */
export function parseHeader(parameter: StyledParameter, text: string): unknown {
  if (parameter.mediaType !== undefined) return mediaValue(parameter, text);
  const shape = valueShape(parameter.schema);
  if (shape === 'scalar') return text;
  const pieces = splitList(text, ',').map((piece) => piece.trim());
  return shape === 'array' ? pieces : objectOf(pieces, parameter.explode || pieces.every((p) => p.includes('=')));
}

/** A `Cookie` header as decoded pairs, in order. */
export function cookiePairs(header: string): [string, string][] {
  return header.split(';').map((part) => part.trim()).filter((part) => part.includes('=')).map((part) => {
    const at = part.indexOf('=');
    const value = part.slice(at + 1);
    let decoded = value;
    try { decoded = decodeURIComponent(value); } catch { /* kept as sent */ }
    return [part.slice(0, at), decoded];
  });
}
