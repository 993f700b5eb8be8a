import { isJsonMedia, type StyledParameter } from './style.ts';
import { isPlainObject } from '../plain-object.ts';

/**
 * A parameter's value as it goes on the wire, by the OpenAPI 3.x style rules (the specification's table of
 * style examples is the reference; test/shared/parameter-style.test.ts holds it). Items and names are
 * percent-encoded in the URL; delimiters (`,` `.` `;` `=` `|` `[` `]`) are not.
 */

const scalarText = (value: unknown): string => (value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));

/** An object as [name, text] pairs; an array as its items' texts. */
const pairsOf = (value: object): [string, string][] => Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, scalarText(v)]);
const itemsOf = (value: readonly unknown[]): string[] => value.map(scalarText);


/** A value given as text in a parameter's usual form: the parameter's own text (`content`), or the value. */
function mediaText(parameter: StyledParameter, value: unknown): string | undefined {
  if (parameter.mediaType === undefined) return undefined;
  if (isJsonMedia(parameter.mediaType)) return JSON.stringify(value);
  return scalarText(value);
}

/** The text that replaces `{name}` in a path template, percent-encoded (`.5`, `;id=3,4`, `role=admin,x=1`). */
export function serializePath(parameter: StyledParameter, value: unknown): string {
  const e = encodeURIComponent;
  const media = mediaText(parameter, value);
  if (media !== undefined) return e(media);
  const { style, explode, name } = parameter;
  const delimiter = explode ? (style === 'label' ? '.' : style === 'matrix' ? ';' : ',') : ',';
  if (Array.isArray(value)) {
    const items = itemsOf(value).map(e);
    if (style === 'matrix') return items.length === 0 ? `;${e(name)}` : explode ? items.map((i) => `;${e(name)}=${i}`).join('') : `;${e(name)}=${items.join(',')}`;
    return (style === 'label' ? '.' : '') + items.join(delimiter);
  }
  if (isPlainObject(value)) {
    const pairs = pairsOf(value).map(([k, v]) => [e(k), e(v)]);
    const joined = explode ? pairs.map(([k, v]) => `${k}=${v}`).join(delimiter) : pairs.flat().join(',');
    if (style === 'matrix') return explode ? `;${joined}` : `;${e(name)}=${joined}`;
    return (style === 'label' ? '.' : '') + joined;
  }
  const text = e(scalarText(value));
  if (style === 'matrix') return text === '' ? `;${e(name)}` : `;${e(name)}=${text}`;
  return (style === 'label' ? '.' : '') + text;
}

/** The `name=value` pieces a query parameter adds to the query string, each percent-encoded. */
export function serializeQuery(parameter: StyledParameter, value: unknown): string[] {
  const e = encodeURIComponent;
  const { style, explode, name } = parameter;
  const media = mediaText(parameter, value);
  if (media !== undefined) return [`${e(name)}=${e(media)}`];
  if (style === 'deepObject' && isPlainObject(value)) return deepPairs(e(name), value);
  const delimiter = style === 'pipeDelimited' ? '|' : style === 'spaceDelimited' ? '%20' : ',';
  if (Array.isArray(value)) {
    const items = itemsOf(value).map(e);
    return explode ? items.map((i) => `${e(name)}=${i}`) : [`${e(name)}=${items.join(delimiter)}`];
  }
  if (isPlainObject(value)) {
    const pairs = pairsOf(value).map(([k, v]) => [e(k), e(v)]);
    return explode ? pairs.map(([k, v]) => `${k}=${v}`) : [`${e(name)}=${pairs.flat().join(delimiter)}`];
  }
  return [`${e(name)}=${e(scalarText(value))}`];
}

/** `filter[status]=open&filter[tags]=a&filter[tags]=b&filter[owner][id]=7`: nested objects nest brackets, arrays repeat. */
function deepPairs(prefix: string, value: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [key, inner] of Object.entries(value)) {
    const name = `${prefix}[${encodeURIComponent(key)}]`;
    if (isPlainObject(inner)) out.push(...deepPairs(name, inner));
    else if (Array.isArray(inner)) out.push(...inner.map((item) => `${name}=${encodeURIComponent(scalarText(item))}`));
    else if (inner !== undefined) out.push(`${name}=${encodeURIComponent(scalarText(inner))}`);
  }
  return out;
}

/** A header's value (style simple): `a,b,c`, `k,v,k2,v2` or, exploded, `k=v,k2=v2`. Not percent-encoded. */
export function serializeHeader(parameter: StyledParameter, value: unknown): string {
  const media = mediaText(parameter, value);
  if (media !== undefined) return media;
  if (Array.isArray(value)) return itemsOf(value).join(',');
  if (isPlainObject(value)) return parameter.explode ? pairsOf(value).map(([k, v]) => `${k}=${v}`).join(',') : pairsOf(value).flat().join(',');
  return scalarText(value);
}

/** The `name=value` cookie pairs (style form) a cookie parameter adds to the `Cookie` header, percent-encoded. */
export function serializeCookie(parameter: StyledParameter, value: unknown): string[] {
  const e = encodeURIComponent;
  const { explode, name } = parameter;
  const media = mediaText(parameter, value);
  if (media !== undefined) return [`${name}=${e(media)}`];
  if (Array.isArray(value)) {
    const items = itemsOf(value).map(e);
    return explode ? items.map((i) => `${name}=${i}`) : [`${name}=${items.join(',')}`];
  }
  if (isPlainObject(value)) {
    const pairs = pairsOf(value).map(([k, v]) => [k, e(v)]);
    return explode ? pairs.map(([k, v]) => `${k}=${v}`) : [`${name}=${pairs.flat().join(',')}`];
  }
  return [`${name}=${e(scalarText(value))}`];
}
