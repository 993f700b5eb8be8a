import type { Faker } from '@faker-js/faker';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { createStandaloneAjv, toViolations, type Validator } from './ajv.ts';
import { stringForPattern } from './pattern.ts';

export { createSeededFaker } from './faker.ts';

type Schema = Record<string, any>;

export interface SampleOptions {
  /** Chance that an optional property is present (default 0.6). */
  readonly optionalProbability?: number;
  /** At and below this depth only required properties and minimum array lengths are generated (default 4). */
  readonly maxDepth?: number;
  /** What dates (`format: date-time`, `date`) are generated around (default 2026-01-01, so output stays seed-only). */
  readonly refDate?: Date;
  /**
   * The contract's own compiler (`contract.schemas.tryCompile`: its `$ref`s, compiled once): candidates are
   * checked with it. Every caller sampling a contract's schemas passes it. Without it (a standalone schema
   * written in code) small schemas are checked with the sampler's own validators.
   */
  readonly compile?: (schema: unknown) => Validator | null;
}

/** Fixed, so that the same seed gives the same dates on any day. */
const DEFAULT_REF_DATE = new Date('2026-01-01T00:00:00Z');
/** How many candidates a schema node with `oneOf`/`anyOf`/`allOf`, or the root, gets before giving up. */
const NODE_ATTEMPTS = 10;
/** Recursion guard: contracts inline their `$ref`s, so real schemas never get near this. */
const HARD_DEPTH = 64;
/**
 * What one value may cost: values (array items, object entries) plus padding characters. `minItems: 1e9`,
 * `minLength: 1e9` or nested `minItems` would otherwise run for minutes and fill memory; past the budget
 * the value stays short (and invalid: callers already handle schemas no value can satisfy).
 */
const SAMPLE_BUDGET = 200_000;
/** The most characters a string is padded with to reach its `minLength`. */
const MAX_PADDING = 65_536;

interface Context {
  readonly faker: Faker;
  readonly optional: number;
  readonly maxDepth: number;
  readonly refDate: Date;
  /** A validator for a schema node, or undefined when there is none (the candidate then stands). */
  readonly validatorOf: (schema: unknown) => Validator | undefined;
  /** SAMPLE_BUDGET, spent by every value and padding character of this sample. */
  readonly budget: { left: number };
}

/**
 * A value for a JSON Schema (the 2020-12 subset OpenAPI contracts use), realistic where the format or the
 * property name says what it is (`email`, `firstName`, `city`, `callbackUrl`...). Branches of `oneOf` and
 * `anyOf`, merged `allOf`s, strings with patterns and formats and the whole value are checked with ajv and
 * retried, so the result validates for any schema of that subset; `sampleValid` makes sure of it for the rest.
 * Draws randomness only from `faker`: the same seed gives the same value.
 *
 * @example
 * sampleFromSchema({ type: 'object', required: ['email'], properties: { email: { type: 'string', format: 'email' } } }, faker);
 * // { email: 'jane.doe@hotmail.com' }
 */
export function sampleFromSchema(schema: unknown, faker: Faker, options: SampleOptions = {}): unknown {
  const context: Context = {
    faker,
    optional: options.optionalProbability ?? 0.6,
    maxDepth: options.maxDepth ?? 4,
    refDate: options.refDate ?? DEFAULT_REF_DATE,
    validatorOf: options.compile ? contractValidator(options.compile) : standaloneValidator,
    budget: { left: SAMPLE_BUDGET },
  };
  return checked(schema, context, () => sample(schema, context, undefined, 0));
}

/**
 * Samples until `validate` accepts the value.
 *
 * @throws Error after `attempts` tries, naming the last candidate's violations.
 */
export function sampleValid(schema: unknown, faker: Faker, validate: Validator, options: SampleOptions = {}, attempts = 25): unknown {
  let violations = '';
  for (let i = 0; i < attempts; i++) {
    const value = sampleFromSchema(schema, faker, options);
    if (validate(value)) return value;
    violations = toViolations(validate.errors).map((v) => `${v.pointer || '/'}: ${v.message}`).join('; ');
  }
  throw new Error(`Failed to generate a value matching the schema in ${attempts} attempts; the last one broke: ${violations}`);
}

// --- validation of candidates ---------------------------------------------------------------------------

function contractValidator(compile: (schema: unknown) => Validator | null): (schema: unknown) => Validator | undefined {
  return (schema) => (schema === null || typeof schema !== 'object' ? undefined : compile(schema) ?? undefined);
}

/**
 * Validators for standalone schemas (written in code, no contract, no `$ref`s): the sampler's own, never
 * given a contract's schemas (those come with their contract's compiler), so no `$id` of a document lands here.
 */
let strictAjv: Ajv2020 | undefined;
/** For schemas the strict one refuses out of their context (strict mode); validation results are the same. */
let lenientAjv: Ajv2020 | undefined;
const byObject = new WeakMap<object, Validator | null>();
const byText = new Map<string, Validator | null>();

/** A compiled validator for a standalone schema node, cached by identity and by content; undefined if none compiles. */
function standaloneValidator(schema: unknown): Validator | undefined {
  if (schema === null || typeof schema !== 'object') return undefined;
  // Inlined `$ref`s make a schema a DAG: serialising a long chain of them would take exponential time.
  if (!isSmall(schema, 2000)) return undefined;
  const known = byObject.get(schema);
  if (known !== undefined) return known ?? undefined;
  const text = JSON.stringify(schema);
  let validate = byText.get(text);
  if (validate === undefined) {
    validate = compileOrNull(strictAjv ??= createStandaloneAjv(), schema) ?? compileOrNull(lenient(), schema);
    byText.set(text, validate);
  }
  byObject.set(schema, validate);
  return validate ?? undefined;
}

function compileOrNull(ajv: Ajv2020, schema: object): Validator | null {
  try {
    return ajv.compile(schema);
  } catch {
    return null;
  }
}

function lenient(): Ajv2020 {
  if (!lenientAjv) {
    lenientAjv = new Ajv2020({ strict: false, logger: false });
    addFormats.default(lenientAjv);
  }
  return lenientAjv;
}

function isValid(schema: unknown, value: unknown, context: Context): boolean {
  const validate = context.validatorOf(schema);
  return validate === undefined || validate(value) === true;
}

/** Up to NODE_ATTEMPTS candidates until one validates against `schema`; else the last one. */
function checked(schema: unknown, context: Context, produce: () => unknown): unknown {
  const validate = context.validatorOf(schema);
  let value = produce();
  for (let i = 1; i < NODE_ATTEMPTS && validate && !validate(value); i++) value = produce();
  return value;
}

// --- dispatch -------------------------------------------------------------------------------------------

function sample(raw: unknown, context: Context, name: string | undefined, depth: number): unknown {
  if (raw === false) return undefined;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return anyValue(context, name);
  const schema = raw as Schema;
  if (depth > HARD_DEPTH || --context.budget.left < 0) return null;
  if ('const' in schema) return structuredClone(schema.const);
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return structuredClone(context.faker.helpers.arrayElement(schema.enum));
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) {
    const merged = mergeAll(schema);
    return checked(schema, context, () => sample(merged, context, name, depth));
  }
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    if (Array.isArray(schema[keyword]) && schema[keyword].length > 0) return sampleBranch(schema, keyword, context, name, depth);
  }
  const suggested = suggestion(schema, context);
  if (suggested !== undefined) return suggested;
  switch (pickType(schema, context.faker)) {
    case 'object': return sampleObject(schema, context, depth);
    case 'array': return sampleArray(schema, context, name, depth);
    case 'string': return sampleString(schema, context, name);
    case 'integer': return sampleNumber(schema, context, name, true);
    case 'number': return sampleNumber(schema, context, name, false);
    case 'boolean': return context.faker.datatype.boolean();
    case 'null': return null;
    default: return anyValue(context, name);
  }
}

/**
 * One branch of a `oneOf`/`anyOf`, merged with the rest of the node. Branches are tried in a seeded order
 * until a candidate validates against the whole node, which for `oneOf` means it matches no other branch.
 */
function sampleBranch(schema: Schema, keyword: 'oneOf' | 'anyOf', context: Context, name: string | undefined, depth: number): unknown {
  const branches = schema[keyword] as unknown[];
  const mergedBranches = branchesOf(schema, keyword);
  const validate = context.validatorOf(schema);
  const order = context.faker.helpers.shuffle(branches.map((_, index) => index));
  let last: unknown;
  for (const index of order) {
    const merged = mergedBranches[index];
    for (let attempt = 0; attempt < 2; attempt++) {
      last = sample(merged, context, name, depth);
      if (!validate || validate(last)) return last;
    }
  }
  return last;
}

const mergedBranchesOf = new WeakMap<Schema, Schema[]>();

/**
 * Each branch merged with the rest of the node, once per node: the same objects every time, so their
 * validators are found by identity.
 */
function branchesOf(schema: Schema, keyword: 'oneOf' | 'anyOf'): Schema[] {
  let merged = mergedBranchesOf.get(schema);
  if (!merged) {
    const { [keyword]: branches, ...rest } = schema;
    merged = (branches as unknown[]).map((branch) => merge(rest, branch));
    mergedBranchesOf.set(schema, merged);
  }
  return merged;
}

/** `examples`, `example` or `default`, now and then, when they are valid: documented values read naturally. */
function suggestion(schema: Schema, context: Context): unknown {
  const candidates: unknown[] = [];
  if (Array.isArray(schema.examples)) for (const example of schema.examples) candidates.push(example);
  if ('example' in schema) candidates.push(schema.example);
  if ('default' in schema) candidates.push(schema.default);
  if (candidates.length === 0 || !context.faker.datatype.boolean(0.3)) return undefined;
  const candidate = context.faker.helpers.arrayElement(candidates);
  return candidate !== undefined && isValid(schema, candidate, context) ? structuredClone(candidate) : undefined;
}

function pickType(schema: Schema, faker: Faker): string | undefined {
  const type = schema.type;
  if (Array.isArray(type)) {
    const concrete = type.filter((t: unknown) => t !== 'null') as string[];
    if (concrete.length === 0 || (type.includes('null') && faker.datatype.boolean(0.15))) return type.length === 0 ? undefined : 'null';
    return faker.helpers.arrayElement(concrete);
  }
  if (typeof type === 'string') return type;
  if ('properties' in schema || 'required' in schema || 'additionalProperties' in schema || 'minProperties' in schema) return 'object';
  if ('items' in schema || 'prefixItems' in schema || 'minItems' in schema) return 'array';
  if ('format' in schema || 'pattern' in schema || 'minLength' in schema || 'maxLength' in schema) return 'string';
  if ('minimum' in schema || 'maximum' in schema || 'exclusiveMinimum' in schema || 'exclusiveMaximum' in schema || 'multipleOf' in schema) return 'number';
  return undefined;
}

/** A value for an unconstrained schema (`{}` or `true`): realistic for the name, else a word. */
function anyValue(context: Context, name: string | undefined): unknown {
  const value = name === undefined ? undefined : byName(name, context.faker);
  return value ?? context.faker.lorem.word();
}

// --- objects and arrays ---------------------------------------------------------------------------------

function sampleObject(schema: Schema, context: Context, depth: number): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const required = new Set<string>(Array.isArray(schema.required) ? schema.required : []);
  const properties = (isObject(schema.properties) ? schema.properties : {}) as Record<string, unknown>;
  const shallow = depth < context.maxDepth;
  for (const [key, property] of Object.entries(properties)) {
    if (!required.has(key) && !(shallow && context.faker.datatype.boolean(context.optional))) continue;
    const value = sample(property, context, key, depth + 1);
    if (value !== undefined) result[key] = value;
  }
  const extra = schema.additionalProperties;
  for (const key of required) {
    if (!(key in result) && !(key in properties)) result[key] = sample(isObject(extra) ? extra : true, context, key, depth + 1);
  }
  // A map (`additionalProperties: {schema}` and no declared properties) gets a few entries.
  const mapLike = isObject(extra) && Object.keys(properties).length === 0;
  const wanted = Math.max(schema.minProperties ?? 0, mapLike && shallow ? context.faker.number.int({ min: 0, max: 2 }) : 0);
  if (wanted > context.budget.left) return result;
  let count = Object.keys(result).length;
  // Each try costs budget, also when the word is taken: lorem has few words, `minProperties` may be huge.
  for (let i = 0; count < wanted && i < wanted * 3 && extra !== false && context.budget.left-- > 0; i++) {
    const key = context.faker.lorem.word();
    if (!(key in result)) {
      result[key] = sample(isObject(extra) ? extra : true, context, key, depth + 1);
      count++;
    }
  }
  if (typeof schema.maxProperties === 'number') {
    for (const key of Object.keys(result).reverse()) {
      if (Object.keys(result).length <= schema.maxProperties) break;
      if (!required.has(key)) delete result[key];
    }
  }
  return result;
}

function sampleArray(schema: Schema, context: Context, name: string | undefined, depth: number): unknown[] {
  const prefix = (Array.isArray(schema.prefixItems) ? schema.prefixItems : []) as unknown[];
  const min = schema.minItems ?? 0;
  // A length past the budget cannot be met: give up at once (the value is invalid either way).
  if (min > context.budget.left) return [];
  let max = Math.max(min, Math.min(schema.maxItems ?? Infinity, min + 3));
  if (schema.items === false) max = Math.min(max, prefix.length);
  const length = depth >= context.maxDepth ? min : context.faker.number.int({ min: Math.min(min, max), max });
  const items: unknown[] = [];
  const seen = new Set<string>();
  for (let i = 0; items.length < length && i < length * 5 + 10 && context.budget.left > 0; i++) {
    const itemSchema = items.length < prefix.length ? prefix[items.length] : (schema.items ?? true);
    const item = sample(itemSchema, context, name, depth + 1);
    if (schema.uniqueItems) {
      const text = stableJson(item);
      if (seen.has(text)) continue;
      seen.add(text);
    }
    items.push(item);
  }
  return items;
}

// --- numbers --------------------------------------------------------------------------------------------

/** Plausible ranges for numbers named like this, used when the schema's bounds allow them. */
const NUMBER_NAMES: [RegExp, number, number][] = [
  [/^age$/, 18, 90],
  [/^port$/, 1024, 65535],
  [/^year$/, 1990, 2030],
  [/^(lat|latitude)$/, -90, 90],
  [/^(lng|lon|longitude)$/, -180, 180],
  [/^(price|amount|total|cost)$/, 1, 500],
];

function sampleNumber(schema: Schema, context: Context, name: string | undefined, integer: boolean): number {
  let low = typeof schema.minimum === 'number' ? schema.minimum : -Infinity;
  let high = typeof schema.maximum === 'number' ? schema.maximum : Infinity;
  let lowExclusive = false;
  let highExclusive = false;
  if (typeof schema.exclusiveMinimum === 'number' && schema.exclusiveMinimum >= low) [low, lowExclusive] = [schema.exclusiveMinimum, true];
  if (typeof schema.exclusiveMaximum === 'number' && schema.exclusiveMaximum <= high) [high, highExclusive] = [schema.exclusiveMaximum, true];
  const hint = name === undefined ? undefined : NUMBER_NAMES.find(([test]) => test.test(lastWord(name)));
  if (hint && hint[1] >= low && hint[2] <= high) [low, high, lowExclusive, highExclusive] = [hint[1], hint[2], false, false];
  if (low === -Infinity && high === Infinity) [low, high] = [0, 100];
  else if (low === -Infinity) low = high - 100;
  else if (high === Infinity) high = low + 100;

  let step = typeof schema.multipleOf === 'number' && schema.multipleOf > 0 ? schema.multipleOf : integer ? 1 : undefined;
  if (step === undefined) {
    const value = context.faker.number.float({ min: low, max: high, fractionDigits: 2 });
    const inside = (!lowExclusive || value > low) && (!highExclusive || value < high) && value >= low && value <= high;
    return inside ? value : (low + high) / 2;
  }
  if (integer && !Number.isInteger(step)) step = integerMultiple(step);
  let first = Math.ceil(low / step);
  if (lowExclusive && first * step <= low) first++;
  let last = Math.floor(high / step);
  if (highExclusive && last * step >= high) last--;
  if (first > last) return roundTo(first * step, step);
  last = Math.min(last, first + 1_000_000);
  let value = 0;
  for (let attempt = 0; attempt < 10; attempt++) {
    value = roundTo(context.faker.number.int({ min: first, max: last }) * step, step);
    // ajv checks `value / multipleOf` is an integer, which floating point can miss (0.3 / 0.1).
    if (Number.isInteger(value / step)) return value;
  }
  return value;
}

/** The smallest integer multiple of a fractional step (2.5 -> 5), so integers can honour it. */
function integerMultiple(step: number): number {
  for (let n = 2; n <= 1000; n++) {
    const multiple = roundTo(step * n, step);
    // Rounding can make a tiny step's multiple 0 (1e-300 * 2 to 20 places), and 0 / 0 drew NaN.
    if (multiple > 0 && Number.isInteger(multiple)) return multiple;
  }
  return Math.ceil(step);
}

function roundTo(value: number, step: number): number {
  const text = String(step);
  const exponent = /e-(\d+)$/.exec(text);
  const decimals = exponent ? Number(exponent[1]) : (text.split('.')[1] ?? '').length;
  return decimals === 0 ? Math.round(value) : Number(value.toFixed(Math.min(decimals, 20)));
}

// --- strings --------------------------------------------------------------------------------------------

const BY_FORMAT: Record<string, (faker: Faker, refDate: Date) => string> = {
  email: (f) => f.internet.email().toLowerCase(),
  'idn-email': (f) => f.internet.email().toLowerCase(),
  uri: (f) => f.internet.url(),
  url: (f) => f.internet.url(),
  iri: (f) => f.internet.url(),
  'uri-reference': (f) => `/${f.lorem.slug(2)}`,
  'iri-reference': (f) => `/${f.lorem.slug(2)}`,
  'date-time': (f, refDate) => f.date.recent({ days: 30, refDate }).toISOString(),
  'iso-date-time': (f, refDate) => f.date.recent({ days: 30, refDate }).toISOString(),
  date: (f, refDate) => f.date.past({ years: 30, refDate }).toISOString().slice(0, 10),
  time: (f, refDate) => `${f.date.recent({ days: 1, refDate }).toISOString().slice(11, 19)}Z`,
  duration: (f) => `P${f.number.int({ min: 1, max: 30 })}D`,
  uuid: (f) => f.string.uuid(),
  hostname: (f) => f.internet.domainName(),
  'idn-hostname': (f) => f.internet.domainName(),
  ipv4: (f) => f.internet.ipv4(),
  ipv6: (f) => f.internet.ipv6(),
  byte: (f) => btoa(f.lorem.word()),
  password: (f) => f.internet.password({ length: 14 }),
  'json-pointer': (f) => `/${f.lorem.word()}`,
  regex: () => '^[a-z]+$',
};

/** Realistic strings by the property's last name word (`callbackUrl` -> `url`, `first_name` -> `first name`). */
const BY_NAME: [RegExp, (faker: Faker) => string][] = [
  [/(^| )e?mail( address)?$/, (f) => f.internet.email().toLowerCase()],
  [/(^| )(uuid|guid|uid|id|uids|ids)$|^(users|invited|members|participants|owners)$/, (f) => f.string.uuid()],
  [/(^| )(first|given) ?name$|^firstname$/, (f) => f.person.firstName()],
  [/(^| )(last|family) ?name$|(^| )surname$|^lastname$/, (f) => f.person.lastName()],
  [/(^| )user ?name$|^(username|login|handle)$/, (f) => f.internet.username()],
  [/(^| )(company|organization|organisation|org) name$/, (f) => f.company.name()],
  [/(^| )file ?name$/, (f) => f.system.fileName()],
  [/^(full |display |contact |customer |person |owner |author )?name$/, (f) => f.person.fullName()],
  [/(^| )(callback|redirect|webhook|endpoint|return|cancel|success)( url| uri)?$/, (f) => `${f.internet.url().replace(/\/$/, '')}/${f.lorem.slug(2)}`],
  [/(^| )(url|uri|link|href|website|homepage|avatar|image|logo|picture|photo)$/, (f) => f.internet.url()],
  [/(^| )(password|passphrase|secret)$/, (f) => f.internet.password({ length: 14 })],
  [/(^| )(phone|mobile|telephone|tel|msisdn)( number)?$/, (f) => f.phone.number()],
  [/(^| )city$/, (f) => f.location.city()],
  [/(^| )country( code)?$/, (f) => f.location.countryCode()],
  [/(^| )(province|region)$/, (f) => f.location.state()],
  [/(^| )(street|address|address line)( 1)?$/, (f) => f.location.streetAddress()],
  [/(^| )(zip|postcode|zipcode|postal code|zip code)$/, (f) => f.location.zipCode()],
  [/(^| )(time ?zone|tz)$/, (f) => f.location.timeZone()],
  [/(^| )(description|summary|bio|about|comment|message|note|notes|text|reason)$/, (f) => f.lorem.sentence()],
  [/(^| )(title|label|subject|headline|caption)$/, (f) => f.commerce.productName()],
  [/(^| )(company|organization|organisation|employer)$/, (f) => f.company.name()],
  [/(^| )(provider|vendor)$/, (f) => f.company.name().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')],
  [/(^| )status$/, (f) => f.helpers.arrayElement(['open', 'active', 'pending', 'closed'])],
  [/(^| )currency( code)?$/, (f) => f.finance.currencyCode()],
  [/(^| )locale$/, (f) => f.helpers.arrayElement(['en-US', 'en-GB', 'de-DE', 'fr-FR', 'es-ES'])],
  [/(^| )(language|lang)$/, (f) => f.helpers.arrayElement(['en', 'de', 'fr', 'es', 'it', 'nl'])],
  [/(^| )(colou?r)$/, (f) => f.color.human()],
  [/(^| )(domain|hostname|host)$/, (f) => f.internet.domainName()],
  [/(^| )(ip|ip address|ipv4)$/, (f) => f.internet.ipv4()],
  [/(^| )slug$/, (f) => f.lorem.slug(2)],
  [/(^| )(token|api key|key)$/, (f) => f.string.alphanumeric(32)],
  [/(^| )(category|department)$/, (f) => f.commerce.department()],
  [/(^| )(mime ?type|content type)$/, (f) => f.system.mimeType()],
  [/(^| )version$/, (f) => f.system.semver()],
];

/** Property name -> the index of its BY_NAME generator (-1: none). Names come from schemas: few of them. */
const byNameIndex = new Map<string, number>();
const nameWordsOf = new Map<string, string>();
const NAME_CACHE_LIMIT = 10_000;

function byName(name: string, faker: Faker): string | undefined {
  let index = byNameIndex.get(name);
  if (index === undefined) {
    const words = nameWords(name);
    index = BY_NAME.findIndex(([test]) => test.test(words));
    if (byNameIndex.size < NAME_CACHE_LIMIT) byNameIndex.set(name, index);
  }
  return index < 0 ? undefined : BY_NAME[index][1](faker);
}

/** `callbackUrl`, `callback_url`, `callback-url` -> `callback url`. */
function nameWords(name: string): string {
  let words = nameWordsOf.get(name);
  if (words === undefined) {
    words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_\-.\s]+/g, ' ').trim().toLowerCase();
    if (nameWordsOf.size < NAME_CACHE_LIMIT) nameWordsOf.set(name, words);
  }
  return words;
}

function lastWord(name: string): string {
  return nameWords(name).split(' ').pop() ?? '';
}

/**
 * Strategies in order (format, pattern, property name, words), each fitted to the length bounds and
 * checked with ajv; then a few more tries of the pattern and of plain alphanumerics.
 */
function sampleString(schema: Schema, context: Context, name: string | undefined): string {
  const { faker } = context;
  const constraints = stringConstraints(schema);
  const format = typeof schema.format === 'string' && Object.hasOwn(BY_FORMAT, schema.format) ? BY_FORMAT[schema.format] : undefined;
  const pattern = typeof schema.pattern === 'string' ? schema.pattern : undefined;
  const fromPattern = () => (pattern === undefined ? undefined : stringForPattern(pattern, faker));
  const strategies: (() => string | undefined)[] = [
    () => format?.(faker, context.refDate),
    fromPattern,
    () => (name === undefined || format !== undefined ? undefined : byName(name, faker)),
    () => faker.lorem.words({ min: 1, max: 3 }),
  ];
  for (let i = 0; i < 5; i++) {
    if (pattern !== undefined) strategies.push(fromPattern);
    strategies.push(() => faker.string.alphanumeric({ length: { min: 1, max: 12 } }));
  }
  let last = '';
  for (const strategy of strategies) {
    const produced = strategy();
    if (produced === undefined) continue;
    last = fitLength(produced, schema, context);
    if (isValid(constraints, last, context)) return last;
  }
  return last;
}

const constraintsOf = new WeakMap<Schema, Schema>();

/** What a string of the schema must satisfy, one object per schema node (its validator is found by identity). */
function stringConstraints(schema: Schema): Schema {
  let constraints = constraintsOf.get(schema);
  if (!constraints) {
    constraints = { type: 'string' };
    for (const keyword of ['minLength', 'maxLength', 'pattern', 'format']) if (keyword in schema) constraints[keyword] = schema[keyword];
    constraintsOf.set(schema, constraints);
  }
  return constraints;
}

function fitLength(value: string, schema: Schema, context: Context): string {
  const chars = [...value];
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Infinity;
  if (chars.length < min) {
    if (min - chars.length > Math.min(MAX_PADDING, context.budget.left)) return value;
    const padding = min - chars.length;
    context.budget.left -= padding;
    return value + context.faker.string.alphanumeric(padding);
  }
  return chars.length > max ? chars.slice(0, max).join('') : value;
}

// --- merging (allOf, branches) --------------------------------------------------------------------------

const LOWER_BOUNDS = new Set(['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties']);
const UPPER_BOUNDS = new Set(['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties']);

/** One schema with the constraints of both (an approximation the callers check with ajv). */
function merge(base: Schema, extra: unknown): Schema {
  if (!isObject(extra)) return base;
  const result: Schema = { ...base };
  for (const [key, value] of Object.entries(extra as Schema)) {
    if (!(key in result)) {
      result[key] = value;
    } else if (key === 'properties' && isObject(value) && isObject(result.properties)) {
      const properties: Schema = { ...result.properties };
      for (const [name, property] of Object.entries(value)) properties[name] = name in properties ? { allOf: [properties[name], property] } : property;
      result.properties = properties;
    } else if (key === 'required' && Array.isArray(value) && Array.isArray(result.required)) {
      result.required = [...new Set([...result.required, ...value])];
    } else if (key === 'type') {
      const both = toList(result.type).filter((t) => toList(value).includes(t) || (t === 'integer' && toList(value).includes('number')));
      result.type = both.length === 0 ? value : both.length === 1 ? both[0] : both;
    } else if (key === 'allOf' && Array.isArray(value) && Array.isArray(result.allOf)) {
      result.allOf = [...result.allOf, ...value];
    } else if ((key === 'oneOf' || key === 'anyOf') && Array.isArray(value)) {
      // Both sides have branches: the extra ones become a single-branch keyword still free, if any (else
      // they are dropped and the callers' ajv check decides). Each sampling step removes one keyword, so
      // this always terminates.
      const free = (['anyOf', 'oneOf'] as const).find((keyword) => !(keyword in result));
      if (free) result[free] = [{ [key]: value }];
    } else if (LOWER_BOUNDS.has(key) && typeof value === 'number' && typeof result[key] === 'number') {
      result[key] = Math.max(result[key], value);
    } else if (UPPER_BOUNDS.has(key) && typeof value === 'number' && typeof result[key] === 'number') {
      result[key] = Math.min(result[key], value);
    } else {
      result[key] = value;
    }
  }
  return result;
}

const mergedAllOf = new WeakMap<Schema, Schema>();

/** The `allOf` parts merged into one schema, once per node (the same object every time). */
function mergeAll(schema: Schema): Schema {
  let merged = mergedAllOf.get(schema);
  if (!merged) {
    const { allOf, ...rest } = schema;
    merged = (allOf as unknown[]).reduce<Schema>((result, part) => merge(result, isObject(part) && Array.isArray((part as Schema).allOf) ? mergeAll(part as Schema) : part), rest);
    mergedAllOf.set(schema, merged);
  }
  return merged;
}

// --- helpers --------------------------------------------------------------------------------------------

function isObject(value: unknown): value is Schema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function toList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/** JSON with sorted keys: equal for values ajv's `uniqueItems` considers equal. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (isObject(value)) return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${stableJson(value[key])}`).join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/** Whether a schema has at most `limit` nodes counted as a tree (shared nodes count once per use). */
function isSmall(schema: unknown, limit: number): boolean {
  let budget = limit;
  const pending: unknown[] = [schema];
  while (pending.length > 0) {
    const node = pending.pop();
    if (node === null || typeof node !== 'object') continue;
    if (--budget < 0) return false;
    for (const child of Object.values(node as object)) if (child !== null && typeof child === 'object') pending.push(child);
  }
  return true;
}
