import { sampleValid } from '../schema/sample.ts';
import type { Emit } from './mutations.ts';
import { isInferred, sampleOptionsFor, validatorFor, type Draw } from './schemas.ts';
import { isPlainObject } from '../shared/plain-object.ts';

type Schema = Record<string, unknown>;

/** Keywords that say nothing a value could break: a branch made only of these and `required` is a required set. */
const ANNOTATIONS = new Set(['required', 'description', 'title', 'x-inferred', '$comment']);

/**
 * Invalid variants from the keywords that relate several fields or items: no alternative of an
 * `anyOf`/`oneOf` of `required` sets, two alternatives of such a `oneOf`, what a `not` forbids, a
 * `dependentRequired` field without its dependants, arrays below `minItems`, above `maxItems` or with
 * a repeated item. The caller re-validates each: only what the schema really rejects is sent.
 */
export function collectCombinators(schema: Schema, value: unknown, path: string[], inferred: boolean, emit: Emit, draw: Draw): void {
  const name = path.length ? `\`${path.join('.')}\`` : 'the body';
  if (isPlainObject(value)) {
    requiredAlternatives(schema, value, path, name, inferred, emit, draw);
    forbiddenByNot(schema, value, path, name, inferred, emit, draw);
    dependants(schema, value, path, name, inferred, emit, draw);
  }
  if (Array.isArray(value) || (value === undefined && schema.type === 'array')) arrayBounds(schema, value ?? [], path, name, inferred, emit, draw);
}

function requiredSets(branches: unknown): string[][] | undefined {
  if (!Array.isArray(branches) || branches.length < 2) return undefined;
  const sets: string[][] = [];
  for (const branch of branches) {
    if (!isPlainObject(branch) || !Array.isArray(branch.required) || branch.required.length === 0) return undefined;
    if (Object.keys(branch).some((key) => !ANNOTATIONS.has(key))) return undefined;
    sets.push(branch.required as string[]);
  }
  return sets;
}

function requiredAlternatives(schema: Schema, value: Record<string, unknown>, path: string[], name: string, inferred: boolean, emit: Emit, draw: Draw): void {
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const sets = requiredSets(schema[keyword]);
    if (!sets) continue;
    const fields = [...new Set(sets.flat())];
    const rule = inferred || (schema[keyword] as unknown[]).some(isInferred);
    const list = fields.map((f) => `\`${f}\``).join(', ');
    emit('combinator', path, `${name} has none of ${list} (${keyword} requires one)`, rewriteAt(path, (node) => {
      for (const field of fields) delete node[field];
    }), rule);
    if (keyword !== 'oneOf') continue;
    const filled = fillAll(schema, value, fields, draw);
    if (filled) emit('combinator', path, `${name} has all of ${list} (oneOf allows one alternative)`, rewriteAt(path, (node) => Object.assign(node, filled)), rule);
  }
}

function forbiddenByNot(schema: Schema, value: Record<string, unknown>, path: string[], name: string, inferred: boolean, emit: Emit, draw: Draw): void {
  const not = schema.not;
  if (!isPlainObject(not) || !Array.isArray(not.required)) return;
  const fields = not.required as string[];
  const filled = fillAll(schema, value, fields, draw);
  if (!filled) return;
  emit('combinator', path, `${name} has ${fields.map((f) => `\`${f}\``).join(' and ')}, which \`not\` forbids`, rewriteAt(path, (node) => Object.assign(node, filled)), inferred || isInferred(not));
}

function dependants(schema: Schema, value: Record<string, unknown>, path: string[], name: string, inferred: boolean, emit: Emit, draw: Draw): void {
  const rules = schema.dependentRequired;
  if (!isPlainObject(rules)) return;
  for (const [field, needed] of Object.entries(rules)) {
    if (!Array.isArray(needed) || needed.length === 0) continue;
    const trigger = value[field] !== undefined ? {} : fillAll(schema, value, [field], draw);
    if (!trigger) continue;
    emit('combinator', path, `${name} has \`${field}\` without ${needed.map((f) => `\`${f}\``).join(', ')}`, rewriteAt(path, (node) => {
      Object.assign(node, trigger);
      for (const dependant of needed as string[]) delete node[dependant];
    }), inferred);
  }
}

function arrayBounds(schema: Schema, value: unknown[], path: string[], name: string, inferred: boolean, emit: Emit, draw: Draw): void {
  if (path.length === 0) return;
  const { minItems, maxItems } = schema;
  if (typeof minItems === 'number' && minItems > 0) {
    emit('items', path, `${name} has fewer than ${minItems} items`, value.slice(0, minItems - 1), inferred);
  }
  const item = value[0] ?? sampleItem(schema, draw);
  if (item === undefined) return;
  if (typeof maxItems === 'number') {
    const extra = Array.from({ length: maxItems + 1 - value.length }, () => sampleItem(schema, draw) ?? item);
    emit('items', path, `${name} has more than ${maxItems} items`, [...value, ...extra], inferred);
  }
  if (schema.uniqueItems === true) emit('items', path, `${name} repeats an item`, [item, structuredClone(item), ...value.slice(1)], inferred);
}

/** Valid values for the fields the object lacks, from their property schemas; undefined when one cannot be made. */
function fillAll(schema: Schema, value: Record<string, unknown>, fields: readonly string[], draw: Draw): Record<string, unknown> | undefined {
  const properties = isPlainObject(schema.properties) ? schema.properties : {};
  const filled: Record<string, unknown> = {};
  for (const field of fields) {
    if (value[field] !== undefined) continue;
    const sample = sampleFor(properties[field], draw);
    if (sample === undefined) return undefined;
    filled[field] = sample;
  }
  return filled;
}

function sampleItem(schema: Schema, draw: Draw): unknown {
  return sampleFor(schema.items, draw);
}

function sampleFor(schema: unknown, draw: Draw): unknown {
  const validate = validatorFor(draw.schemas, schema);
  if (!validate) return undefined;
  try {
    return sampleValid(schema, draw.faker, validate, sampleOptionsFor(draw.schemas));
  } catch {
    return undefined;
  }
}

/** A rewrite of the object at `path` inside a copy of the body. */
function rewriteAt(path: readonly string[], change: (node: Record<string, unknown>) => void): (body: unknown) => unknown {
  return (body) => {
    let node: unknown = body;
    for (const segment of path) node = (node as Record<string, unknown>)[segment];
    if (isPlainObject(node)) change(node);
    return body;
  };
}
