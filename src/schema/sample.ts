import type { Faker } from '@faker-js/faker';
import { toViolations, type Validator } from './ajv.ts';
import { stringForPattern } from './pattern.ts';

type Schema = Record<string, any>;

export interface SampleOptions {
  /** Chance that an optional property is present (default 0.6). */
  readonly optionalProbability?: number;
  /** Below this depth only required properties are generated (default 4). */
  readonly maxDepth?: number;
}

/**
 * A value shaped by a JSON Schema (2020-12 subset used by OpenAPI contracts), realistic where the property
 * name or format says what it is. Not guaranteed valid for every schema: use `sampleValid` to be sure.
 *
 * @example
 * sampleFromSchema({ type: 'object', required: ['email'], properties: { email: { type: 'string', format: 'email' } } }, faker);
 * // { email: 'Jane.Doe@hotmail.com' }
 */
export function sampleFromSchema(schema: unknown, faker: Faker, options: SampleOptions = {}): unknown {
  return sample(schema, faker, options, undefined, 0);
}

/** Samples until the validator accepts the value; throws after `attempts` tries with the last violations. */
export function sampleValid(schema: unknown, faker: Faker, validate: Validator, options: SampleOptions = {}, attempts = 25): unknown {
  let violations = '';
  for (let i = 0; i < attempts; i++) {
    const value = sampleFromSchema(schema, faker, options);
    if (validate(value)) return value;
    violations = toViolations(validate.errors).map((v) => v.message).join(' ');
  }
  throw new Error(`Failed to generate a value matching the schema after ${attempts} attempts: ${violations}`);
}

function sample(raw: unknown, faker: Faker, options: SampleOptions, name: string | undefined, depth: number): unknown {
  if (raw === true || raw === undefined || raw === null || typeof raw !== 'object') return faker.lorem.word();
  const schema = raw as Schema;
  if ('const' in schema) return structuredClone(schema.const);
  if (Array.isArray(schema.enum)) return structuredClone(faker.helpers.arrayElement(schema.enum));
  if (Array.isArray(schema.allOf)) return sample(mergeAll(schema), faker, options, name, depth);
  const branches = (schema.oneOf ?? schema.anyOf) as Schema[] | undefined;
  if (Array.isArray(branches) && branches.length > 0) {
    const { oneOf: _o, anyOf: _a, ...rest } = schema;
    return sample(merge(rest, faker.helpers.arrayElement(branches)), faker, options, name, depth);
  }
  if (Array.isArray(schema.examples) && schema.examples.length > 0 && faker.datatype.boolean(0.5)) return structuredClone(faker.helpers.arrayElement(schema.examples));
  switch (pickType(schema, faker)) {
    case 'object': return sampleObject(schema, faker, options, depth);
    case 'array': return sampleArray(schema, faker, options, name, depth);
    case 'string': return sampleString(schema, faker, name);
    case 'integer': return sampleNumber(schema, faker, true);
    case 'number': return sampleNumber(schema, faker, false);
    case 'boolean': return faker.datatype.boolean();
    case 'null': return null;
    default: return faker.lorem.word();
  }
}

function pickType(schema: Schema, faker: Faker): string | undefined {
  const type = schema.type;
  if (Array.isArray(type)) {
    const concrete = type.filter((t: string) => t !== 'null');
    if (concrete.length === 0 || (type.includes('null') && faker.datatype.boolean(0.15))) return 'null';
    return faker.helpers.arrayElement(concrete);
  }
  if (typeof type === 'string') return type;
  if (schema.properties || schema.required) return 'object';
  if (schema.items) return 'array';
  return undefined;
}

function sampleObject(schema: Schema, faker: Faker, options: SampleOptions, depth: number): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const required = new Set<string>(schema.required ?? []);
  const chance = options.optionalProbability ?? 0.6;
  for (const [key, property] of Object.entries((schema.properties ?? {}) as Record<string, unknown>)) {
    const include = required.has(key) || (depth < (options.maxDepth ?? 4) && faker.datatype.boolean(chance));
    if (include) result[key] = sample(property, faker, options, key, depth + 1);
  }
  return result;
}

function sampleArray(schema: Schema, faker: Faker, options: SampleOptions, name: string | undefined, depth: number): unknown[] {
  const min = schema.minItems ?? 0;
  const max = Math.max(min, Math.min(schema.maxItems ?? min + 3, min + 3));
  const length = depth >= (options.maxDepth ?? 4) ? min : faker.number.int({ min, max });
  const items: unknown[] = [];
  for (let i = 0; i < length * 3 && items.length < length; i++) {
    const item = sample(schema.items ?? {}, faker, options, name, depth + 1);
    if (schema.uniqueItems && items.some((other) => JSON.stringify(other) === JSON.stringify(item))) continue;
    items.push(item);
  }
  return items;
}

function sampleNumber(schema: Schema, faker: Faker, integer: boolean): number {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (integer ? 1 : 0.001) : 0);
  const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - (integer ? 1 : 0.001) : Math.max(min, 0) + 100);
  if (integer) {
    const step = schema.multipleOf ?? 1;
    return Math.ceil(min / step) * step + step * faker.number.int({ min: 0, max: Math.max(0, Math.floor((max - min) / step)) });
  }
  return faker.number.float({ min, max, fractionDigits: 2 });
}

const BY_FORMAT: Record<string, (faker: Faker) => string> = {
  email: (f) => f.internet.email().toLowerCase(),
  uri: (f) => f.internet.url(),
  url: (f) => f.internet.url(),
  'uri-reference': (f) => `/${f.lorem.slug()}`,
  'date-time': (f) => f.date.recent({ days: 30, refDate: '2026-01-01T00:00:00Z' }).toISOString(),
  date: (f) => f.date.past({ years: 30, refDate: '2026-01-01T00:00:00Z' }).toISOString().slice(0, 10),
  uuid: (f) => f.string.uuid(),
  hostname: (f) => f.internet.domainName(),
  ipv4: (f) => f.internet.ipv4(),
  ipv6: (f) => f.internet.ipv6(),
};

const BY_NAME: [RegExp, (faker: Faker) => string][] = [
  [/email/i, (f) => f.internet.email().toLowerCase()],
  [/(^|_)uids?$|Uids?$|^(users|invited|members)$/, (f) => f.string.uuid()],
  [/^(full_?name|name)$/i, (f) => f.person.fullName()],
  [/first_?name/i, (f) => f.person.firstName()],
  [/last_?name/i, (f) => f.person.lastName()],
  [/(url|endpoint|webhook|link)$/i, (f) => f.internet.url()],
  [/label|title/i, (f) => f.commerce.productName()],
  [/password|secret/i, (f) => f.internet.password({ length: 14 })],
  [/phone/i, (f) => f.phone.number()],
  [/city/i, (f) => f.location.city()],
  [/country/i, (f) => f.location.countryCode()],
  [/locale/i, () => 'en-US'],
  [/description|message|comment/i, (f) => f.lorem.sentence()],
  [/status/i, (f) => f.helpers.arrayElement(['open', 'active', 'pending', 'closed'])],
  [/provider|company/i, (f) => f.company.name().toLowerCase().replace(/[^a-z0-9]+/g, '-')],
];

function sampleString(schema: Schema, faker: Faker, name: string | undefined): string {
  let value: string | undefined;
  if (typeof schema.format === 'string' && BY_FORMAT[schema.format]) value = BY_FORMAT[schema.format](faker);
  else if (typeof schema.pattern === 'string') value = stringForPattern(schema.pattern, faker);
  if (value === undefined && name) value = BY_NAME.find(([test]) => test.test(name))?.[1](faker);
  value ??= faker.lorem.words({ min: 1, max: 3 });
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? Infinity;
  while (value.length < min) value += faker.string.alphanumeric(min - value.length);
  return value.length > max ? value.slice(0, max) : value;
}

function merge(base: Schema, extra: unknown): Schema {
  if (!extra || typeof extra !== 'object') return base;
  const other = extra as Schema;
  return {
    ...base,
    ...other,
    properties: base.properties || other.properties ? { ...base.properties, ...other.properties } : undefined,
    required: base.required || other.required ? [...new Set([...(base.required ?? []), ...(other.required ?? [])])] : undefined,
  };
}

function mergeAll(schema: Schema): Schema {
  const { allOf, ...rest } = schema;
  return (allOf as unknown[]).reduce<Schema>((acc, part) => merge(acc, part), rest);
}
