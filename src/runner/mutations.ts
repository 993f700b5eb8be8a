import type { Faker } from '@faker-js/faker';
import type { Validator } from '../schema/ajv.ts';
import { collectCombinators } from './mutations-combinators.ts';
import type { SchemaCompiler } from '../schema/compiler.ts';
import { isInferred, validatorFor, type Draw } from './schemas.ts';
import { isPlainObject } from '../shared/plain-object.ts';

type Schema = Record<string, unknown>;

export type MutationKind = 'missing' | 'type' | 'enum' | 'format' | 'pattern' | 'range' | 'additional' | 'combinator' | 'items';

/** An invalid variant of a valid body. */
export interface Mutation {
  readonly kind: MutationKind;
  /** e.g. "`intent.type` missing", "`label` is a number". */
  readonly description: string;
  readonly body: unknown;
  /** Where in the body the mutation is (`['intent', 'type']`). */
  readonly path: readonly string[];
  /** The rule it breaks is marked x-inferred in the schema. */
  readonly inferred: boolean;
}

export interface MutationOptions {
  /** Top-level fields the server sets (generated, versioning, key): never used to demand a refusal. */
  readonly serverFields?: ReadonlySet<string>;
}

const MAX_PER_KIND = 2;
const UNEXPECTED_PROPERTY = 'harnessUnexpected';

/**
 * Invalid bodies derived from a valid one and its schema: each required field missing, wrong types,
 * out-of-enum values, bad formats and patterns, values out of range, an unknown property where the schema
 * is closed, no alternative of an `anyOf`/`oneOf` of `required` sets (or two of a `oneOf`), what a `not`
 * forbids, a `dependentRequired` field without its dependants, too few, too many or repeated array items.
 * Fields the server sets are left alone: a server may ignore what a client sends there. Only mutations the
 * operation's own validator rejects are kept (a mutation the schema still accepts would blame the server
 * for a valid request), at most two of each kind, picked with the seed.
 *
 * @example
 * deriveMutations(contract.schemas, operation.body.schema, { label: 'x', type: 'oauth' }, operation.body.validate, faker);
 * // [{ kind: 'missing', description: '`label` missing', body: { type: 'oauth' }, inferred: true }, ...]
 */
export function deriveMutations(schemas: SchemaCompiler, schema: object, valid: unknown, validate: Validator, faker: Faker, options: MutationOptions = {}): Mutation[] {
  const candidates: Mutation[] = [];
  const serverFields = options.serverFields ?? new Set<string>();
  const emit: Emit = (kind, path, description, replace, inferred) => {
    if (path.length > 0 && serverFields.has(path[0])) return;
    const body = structuredClone(valid);
    const mutated = replace === REMOVE ? removeAt(body, path) : typeof replace === 'function' ? (replace as Rewrite)(body) : setAt(body, path, replace);
    candidates.push({ kind, description, body: mutated, path, inferred });
  };
  collect(schema as Schema, valid, [], false, emit, { faker, schemas });
  const kept = candidates.filter((mutation) => !safeValidate(validate, mutation.body));
  const byKind = new Map<MutationKind, Mutation[]>();
  for (const mutation of kept) byKind.set(mutation.kind, [...(byKind.get(mutation.kind) ?? []), mutation]);
  const chosen: Mutation[] = [];
  for (const group of byKind.values()) {
    const seen = new Set<string>();
    const unique = group.filter((m) => !seen.has(m.description) && seen.add(m.description));
    chosen.push(...faker.helpers.shuffle(unique).slice(0, MAX_PER_KIND));
  }
  return chosen;
}

export const REMOVE = Symbol('remove');
/** Rewrites a copy of the whole body (for mutations that touch several places at once). */
export type Rewrite = (body: unknown) => unknown;
export type Emit = (kind: MutationKind, path: readonly string[], description: string, replace: unknown, inferred: boolean) => void;

function collect(schema: Schema, value: unknown, path: string[], inferredAbove: boolean, emit: Emit, draw: Draw, depth = 0): void {
  if (depth > 6) return;
  const inferred = inferredAbove || isInferred(schema);
  const name = path.length ? `\`${path.join('.')}\`` : 'the body';
  const types = typesOf(schema);
  if (types.length > 0 && value !== undefined) {
    const wrong = types.includes('string') ? 12345 : 'harness-wrong-type';
    emit('type', path, `${name} is ${typeof wrong === 'number' ? 'a number' : 'a string'}`, wrong, inferred);
  } else if (path.length === 0) {
    // An untyped root (anyOf of object and array...): a string is still a wrong type for most.
    emit('type', path, `${name} is a string`, 'harness-wrong-type', inferred);
  }
  if (Array.isArray(schema.enum) || 'const' in schema) {
    emit('enum', path, `${name} is not one of the allowed values`, 'harness-not-allowed', inferred);
  }
  if (typeof schema.format === 'string') emit('format', path, `${name} is not a valid ${schema.format}`, 'not a valid value', inferred);
  if (typeof schema.pattern === 'string') emit('pattern', path, `${name} does not match ${schema.pattern}`, 'harness does not match', inferred);
  if (typeof schema.minimum === 'number') emit('range', path, `${name} is below the minimum ${schema.minimum}`, schema.minimum - 1, inferred);
  if (typeof schema.minLength === 'number' && schema.minLength > 0) emit('range', path, `${name} is shorter than ${schema.minLength}`, '', inferred);
  collectCombinators(schema, value, path, inferred, emit, draw);

  if (isPlainObject(value)) {
    const node = mergedObjectSchema(draw.schemas, schema, value);
    for (const field of node.required) {
      if (value[field] !== undefined) emit('missing', [...path, field], `\`${[...path, field].join('.')}\` missing`, REMOVE, inferred || isInferred(node.properties[field]));
    }
    if (node.closed) emit('additional', [...path, UNEXPECTED_PROPERTY], `unknown property \`${[...path, UNEXPECTED_PROPERTY].join('.')}\``, true, inferred);
    for (const [field, property] of Object.entries(node.properties)) {
      if (value[field] !== undefined) collect(property, value[field], [...path, field], inferred, emit, draw, depth + 1);
      else if (depth < 2) collectAbsent(property, [...path, field], inferred, emit);
    }
  } else if (Array.isArray(value) && value.length > 0 && isPlainObject(schema.items)) {
    collect(schema.items as Schema, value[0], [...path, '0'], inferred, emit, draw, depth + 1);
  }
}

/** An optional property the valid body left out, sent with a value its schema forbids. */
function collectAbsent(schema: Schema, path: string[], inferredAbove: boolean, emit: Emit): void {
  const inferred = inferredAbove || isInferred(schema);
  const name = `\`${path.join('.')}\``;
  if (Array.isArray(schema.enum)) emit('enum', path, `${name} is not one of the allowed values`, 'harness-not-allowed', inferred);
  if (typeof schema.format === 'string') emit('format', path, `${name} is not a valid ${schema.format}`, 'not a valid value', inferred);
  const types = typesOf(schema);
  if (types.length > 0 && !types.includes('string')) emit('type', path, `${name} is a string`, 'harness-wrong-type', inferred);
}

interface ObjectNode {
  readonly properties: Record<string, Schema>;
  readonly required: string[];
  readonly closed: boolean;
}

/** Properties and required fields of an object schema and of the oneOf/anyOf/allOf branches the value matches. */
function mergedObjectSchema(schemas: SchemaCompiler, schema: Schema, value: unknown): ObjectNode {
  const properties: Record<string, Schema> = { ...((schema.properties as Record<string, Schema>) ?? {}) };
  const required = new Set<string>(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  let closed = schema.additionalProperties === false;
  const branches = [
    ...((schema.allOf as Schema[]) ?? []),
    ...[...((schema.oneOf as Schema[]) ?? []), ...((schema.anyOf as Schema[]) ?? [])].filter((branch) => safeValidate(validatorFor(schemas, branch), value)),
  ];
  for (const branch of branches) {
    if (!isPlainObject(branch)) continue;
    const inner = mergedObjectSchema(schemas, branch, value);
    Object.assign(properties, inner.properties);
    for (const field of inner.required) required.add(field);
    closed ||= inner.closed;
  }
  return { properties, required: [...required], closed };
}

function typesOf(schema: Schema): string[] {
  if (typeof schema.type === 'string') return [schema.type];
  if (Array.isArray(schema.type)) return schema.type as string[];
  return [];
}

function safeValidate(validate: Validator | null, value: unknown): boolean {
  if (!validate) return false;
  try {
    return validate(value) as boolean;
  } catch {
    return false;
  }
}

export function setAt(root: unknown, path: readonly string[], value: unknown): unknown {
  if (path.length === 0) return value;
  let node = root as Record<string, unknown>;
  for (const segment of path.slice(0, -1)) {
    if (node[segment] === null || typeof node[segment] !== 'object') node[segment] = {};
    node = node[segment] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
  return root;
}

function removeAt(root: unknown, path: readonly string[]): unknown {
  let node = root as Record<string, unknown>;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string, unknown>;
  if (Array.isArray(node)) node.splice(Number(path[path.length - 1]), 1);
  else delete node[path[path.length - 1]];
  return root;
}
