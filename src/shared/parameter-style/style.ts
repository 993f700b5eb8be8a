/**
 * How a parameter travels (OpenAPI 3.x `style`, `explode`, or `content`): the one description the mock
 * reading a request and the runner sending one both use, with serialize.ts and parse.ts beside it.
 */
export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';
export type ParameterStyle = 'matrix' | 'label' | 'simple' | 'form' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject';

export interface StyledParameter {
  readonly name: string;
  readonly in: ParameterLocation;
  readonly schema: object;
  readonly style: ParameterStyle;
  readonly explode: boolean;
  /** A parameter described by `content` (3.x): its value is that media type's text, JSON where it is JSON. */
  readonly mediaType?: string;
}

const STYLES: readonly ParameterStyle[] = ['matrix', 'label', 'simple', 'form', 'spaceDelimited', 'pipeDelimited', 'deepObject'];

/** Where each style may be used: a style written for another location is read as the location's default. */
const ALLOWED: Readonly<Record<ParameterLocation, readonly ParameterStyle[]>> = {
  path: ['matrix', 'label', 'simple'],
  query: ['form', 'spaceDelimited', 'pipeDelimited', 'deepObject'],
  header: ['simple'],
  cookie: ['form'],
};

export const defaultStyle = (location: ParameterLocation): ParameterStyle => (location === 'path' || location === 'header' ? 'simple' : 'form');

/** The style and explode a Parameter Object means, defaults filled in; `known` is false for a style the location cannot take. */
export function serializationOf(location: ParameterLocation, style: unknown, explode: unknown): { style: ParameterStyle; explode: boolean; known: boolean } {
  const written = STYLES.find((s) => s === style);
  const known = style === undefined || (written !== undefined && ALLOWED[location].includes(written));
  const chosen = known && written ? written : defaultStyle(location);
  return { style: chosen, explode: typeof explode === 'boolean' ? explode : chosen === 'form', known };
}

export type ValueShape = 'array' | 'object' | 'scalar';

/** Each schema's shape, found once: the mock asks it for every parameter of every request. */
const shapes = new WeakMap<object, ValueShape>();

/** What a parameter's schema holds: an array, an object (of named values), or one scalar. */
export function valueShape(schema: unknown): ValueShape {
  if (schema === null || typeof schema !== 'object') return 'scalar';
  let shape = shapes.get(schema);
  if (shape === undefined) {
    shape = shapeOf(schema as Record<string, unknown>);
    shapes.set(schema, shape);
  }
  return shape;
}

function shapeOf(node: Record<string, unknown>): ValueShape {
  const types = ([] as unknown[]).concat(node.type ?? []);
  if (types.includes('array') && !types.includes('object')) return 'array';
  if (types.includes('object') || (types.length === 0 && (node.properties !== undefined || node.additionalProperties !== undefined))) return 'object';
  if (types.length === 0 && node.items !== undefined) return 'array';
  for (const key of ['allOf', 'oneOf', 'anyOf']) {
    const parts = node[key];
    if (!Array.isArray(parts)) continue;
    const shapes = new Set(parts.map(valueShape));
    if (shapes.size === 1 && !shapes.has('scalar')) return [...shapes][0];
  }
  return 'scalar';
}

export const isJsonMedia = (mediaType: string | undefined): boolean => mediaType !== undefined && /json/i.test(mediaType);
