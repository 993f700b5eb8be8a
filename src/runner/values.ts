import type { Faker } from '@faker-js/faker';
import { isDeepStrictEqual } from 'node:util';
import { decodeJwtClaims, principalIn } from '../auth/jwt.ts';
import type { OperationModel, ParameterModel, ResourceModel, SecurityModel } from '../contract/model.ts';
import type { Validator } from '../schema/ajv.ts';
import { createSeededFaker } from '../schema/faker.ts';
import { sampleFromSchema, sampleValid } from '../schema/sample.ts';
import { clientOmits } from '../rules/generated.ts';
import { ampleCapacity, memberField } from '../rules/membership.ts';
import { ownerOnlyFields } from '../rules/owner.ts';
import { setOnceOmits } from '../rules/set-once.ts';
import { defaultOf } from '../rules/stored.ts';
import { transientFields } from '../rules/transient.ts';
import { shapeVisibility } from '../rules/visibility.ts';
import { isCallerParameter } from '../shared/client-headers.ts';
import { referencedId } from '../rules/reference.ts';
import { defaultFilters } from '../rules/filter.ts';
import { serializeCookie, serializeHeader } from '../shared/parameter-style/serialize.ts';
import { valueShape } from '../shared/parameter-style/style.ts';
import type { SchemaCompiler } from '../schema/compiler.ts';
import { fieldSchema, propertySchema, requiredOf, sampleOptionsFor, validatorFor } from './schemas.ts';
import type { RunState, TrackedRecord } from './types.ts';
import { formOnly } from './form-media.ts';
import { recordBodySchema, recordInBody, withRecordInBody } from '../rules/request-envelope.ts';
import { operationsOf } from './operations-by-resource.ts';
import { isPlainObject } from '../shared/plain-object.ts';

/** The caller a token names: the JWT's principal claim, when the scheme says tokens are JWTs. */
export function principalOf(security: SecurityModel | undefined, token: string | undefined): string | undefined {
  if (!security?.jwt || !token) return undefined;
  const claims = decodeJwtClaims(token);
  return claims && principalIn(claims, security.principalClaims);
}

/**
 * The value of a path parameter that is not a record id (a scope such as a project, a section name):
 * `--path-param`, else one generated from its schema, the same for the whole run. It is generated when a
 * step first needs it, which depends on what the server answered before: so from a faker of its own,
 * seeded with the run's seed and the parameter's name, never from the run's shared sequence.
 */
export function pathValue(state: RunState, parameter: ParameterModel): string {
  const given = state.options.pathParams[parameter.name];
  if (given !== undefined) return given;
  // Parameters of one name may differ between operations (`id` an integer here, a slug there).
  const known = state.pathValues.get(parameter.name);
  if (known !== undefined && fitsParameter(state.contract.schemas, parameter, known)) return known;
  const value = known === undefined ? valueForEveryUse(state, parameter) : generateParameterValue(state.contract.schemas, parameter.schema, fakerFor(state, `${parameter.name}:${JSON.stringify(parameter.schema)}`));
  if (known === undefined) state.pathValues.set(parameter.name, value);
  return value;
}

/**
 * The run-wide value of a path parameter, drawn so that every operation's schema of that name takes it where
 * one can: documents differ between operations (`terraformId` a plain string on the list, a uuid on the
 * item), and records scoped by the parameter must be reached under the same value from each.
 */
function valueForEveryUse(state: RunState, parameter: ParameterModel): string {
  const uses = state.contract.operations.flatMap((op) => op.pathParams.filter((p) => p.name === parameter.name));
  const strict = (p: ParameterModel) => { const schema = p.schema as Record<string, unknown>; return schema.format !== undefined || schema.pattern !== undefined || schema.enum !== undefined; };
  const sources = [...uses.filter(strict), parameter];
  let fitting: string | undefined;
  for (const source of sources) {
    const value = generateParameterValue(state.contract.schemas, source.schema, fakerFor(state, parameter.name));
    if (!fitsParameter(state.contract.schemas, parameter, value)) continue;
    if (uses.every((use) => fitsParameter(state.contract.schemas, use, value))) return value;
    fitting ??= value;
  }
  // No value fits every use (`filename` a `.txt` here, a `.jpg` there): one the operation asking takes.
  return fitting ?? generateParameterValue(state.contract.schemas, parameter.schema, fakerFor(state, parameter.name));
}

/** Whether a text value, read as the parameter reads it, is valid for it. */
export function fitsParameter(schemas: SchemaCompiler, parameter: ParameterModel, value: string): boolean {
  const validate = validatorFor(schemas, parameter.schema);
  if (!validate) return true;
  const shape = valueShape(parameter.schema);
  return validate(shape === 'scalar' ? asNumberIfNumeric(parameter.schema as Record<string, unknown>, value) : parameterValueOf(parameter, value)) === true;
}

/**
 * The value a parameter's text stands for. The run keeps every parameter value as text (`--path-param`,
 * ids, generated values): an array or object parameter's is its JSON, or one item of an array; the
 * transport writes the value in the parameter's style (shared/parameter-style).
 */
export function parameterValueOf(parameter: Pick<ParameterModel, 'schema'>, text: string): unknown {
  const shape = valueShape(parameter.schema);
  if (shape === 'scalar') return text;
  if (/^\s*[[{]/.test(text)) {
    try {
      const value = JSON.parse(text) as unknown;
      if (shape === 'array' ? Array.isArray(value) : value !== null && typeof value === 'object' && !Array.isArray(value)) return value;
    } catch { /* plain text */ }
  }
  return shape === 'array' ? [text] : text;
}

/** A sampled parameter value as the run keeps it: scalars as text, arrays and objects as JSON. */
const parameterText = (value: unknown): string => (value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value));

/** A faker for one named value of the run: the same for the same seed and name, whatever ran before. */
export function fakerFor(state: RunState, name: string): Faker {
  let hash = state.options.seed >>> 0;
  for (const char of name) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  return createSeededFaker(hash);
}

/** The run state with a faker of its own for `name`: what a section draws then depends on nothing else planned. */
export function withOwnFaker(state: RunState, name: string): RunState {
  return { ...state, faker: fakerFor(state, name) };
}

/** A value for a parameter schema; plain strings get a recognisable slug rather than lorem words. */
export function generateParameterValue(schemas: SchemaCompiler, schema: object, faker: Faker): string {
  const node = schema as Record<string, unknown>;
  if (Array.isArray(node.enum) && node.enum.length > 0) return String(node.enum[0]);
  // An array of one item reads the same in every style (form, exploded or not, pipe, space, simple): one
  // value a server must accept whatever the document's `style` and `explode` say.
  const items = node.items;
  if (isArrayOnly(node) && items && typeof items === 'object' && !Array.isArray(items) && Number(node.minItems ?? 0) <= 1 && isScalarSchema(items as Record<string, unknown>)) {
    const item = generateParameterValue(schemas, items, faker);
    const validate = validatorFor(schemas, schema);
    if (!validate || validate([coerceScalar(items as Record<string, unknown>, item)])) return item;
  }
  const validate = validatorFor(schemas, schema);
  if (isPlainString(node)) {
    const slug = `harness-${faker.string.alphanumeric({ length: 8, casing: 'lower' })}`;
    if (!validate || validate(slug)) return slug;
  }
  if (validate) {
    try {
      // An object's every property: an empty one would leave nothing in a path segment or query.
      const options = sampleOptionsFor(schemas, valueShape(schema) === 'object' ? { optionalProbability: 1 } : {});
      return parameterText(sampleValid(schema, faker, validate, options));
    } catch { /* fall through */ }
  }
  return `harness-${faker.string.alphanumeric({ length: 8, casing: 'lower' })}`;
}

function isArrayOnly(node: Record<string, unknown>): boolean {
  return node.type === 'array' || (Array.isArray(node.type) && node.type.length === 1 && node.type[0] === 'array');
}

function isScalarSchema(node: Record<string, unknown>): boolean {
  const types = ([] as unknown[]).concat(node.type ?? []);
  return types.length > 0 && types.every((type) => type === 'string' || type === 'integer' || type === 'number' || type === 'boolean');
}

/** A parameter's text as a number where the schema is numeric and the text is one (as coercion reads it). */
function asNumberIfNumeric(node: Record<string, unknown>, text: string): unknown {
  const types = ([] as unknown[]).concat(node.type ?? []);
  const numeric = types.includes('integer') || types.includes('number');
  return numeric && text.trim() !== '' && !Number.isNaN(Number(text)) ? Number(text) : text;
}

/** The item as the server reads it from text (what coercion of a parameter gives). */
function coerceScalar(node: Record<string, unknown>, text: string): unknown {
  const types = ([] as unknown[]).concat(node.type ?? []);
  if (types.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true';
  return asNumberIfNumeric(node, text);
}

function isPlainString(node: Record<string, unknown>): boolean {
  return (node.type === undefined || node.type === 'string') && node.pattern === undefined && node.format === undefined && node.const === undefined;
}

/** Another valid value of the same parameter: a second scope the run's records do not belong to. */
export function otherValue(schemas: SchemaCompiler, parameter: ParameterModel, value: string, faker: Faker): string | undefined {
  const node = parameter.schema as Record<string, unknown>;
  if (Array.isArray(node.enum)) {
    const other = node.enum.find((v) => String(v) !== value);
    return other === undefined ? undefined : String(other);
  }
  const validate = validatorFor(schemas, parameter.schema);
  const candidates = [`${value}-harness-other`, generateParameterValue(schemas, parameter.schema, faker)];
  return candidates.find((candidate) => candidate !== value && (!validate || validate(candidate)));
}

/**
 * An id no record has: shaped like the resource's key (so a strict server does not refuse it as invalid),
 * and valid for the parameter that carries it.
 */
export function unknownId(schemas: SchemaCompiler, resource: ResourceModel, carrier: object | undefined, faker: Faker): string {
  const keySchema = fieldSchema(resource, resource.key);
  const keyValidate = validatorFor(schemas, keySchema);
  const carrierValidate = validatorFor(schemas, carrier);
  // The seeder gives records the documented examples, and other clients use them: no unknown id.
  const documented = new Set([...documentedValues(keySchema), ...documentedValues(carrier)]);
  const accepts = (value: string) => !documented.has(value) && (!keyValidate || keyValidate(value)) && (!carrierValidate || carrierValidate(value));
  if (keySchema && !isPlainString(keySchema as Record<string, unknown>) && keyValidate) {
    // The longest of a few samples: the short ones (`0` for `^(0|[1-9][0-9]*)$`) are the ones real records get too.
    let longest: string | undefined;
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const value = String(sampleValid(keySchema, faker, keyValidate, sampleOptionsFor(schemas)));
        if (accepts(value) && value.length > (longest?.length ?? 0)) longest = value;
      } catch { /* fall through */ }
    }
    if (longest !== undefined) return longerDigits(longest, accepts);
  }
  return `harness-unknown-${faker.string.alphanumeric({ length: 12, casing: 'lower' })}`;
}

/**
 * A numeric id drawn short (`83`) is one a counter reaches within a run: made 12 digits long where the key
 * and the parameter still accept it, out of reach of the records a run (or a seed) makes.
 */
function longerDigits(value: string, accepts: (value: string) => boolean): string {
  if (!/^[0-9]{1,11}$/.test(value)) return value;
  return [`${value}${'7'.repeat(12 - value.length)}`, '7'.repeat(12)].find(accepts) ?? value;
}

/** The values a schema documents (`example`, `examples`, `default`), as text. */
function documentedValues(schema: unknown): string[] {
  if (schema === null || typeof schema !== 'object') return [];
  const { example, examples, default: fallback } = schema as Record<string, unknown>;
  return [example, ...(Array.isArray(examples) ? examples : []), fallback].filter((value) => value !== undefined && value !== null).map(String);
}

/**
 * Required header and cookie parameters of an operation (a tenant id, an API version...): `--path-param`
 * values by name where given, else generated from their schema and the same for the whole run. Credentials
 * travel separately (their scheme places them), and headers the HTTP client sets are its own (shared/client-headers).
 */
export function headerParameters(state: RunState, operation: OperationModel, omitCookies: readonly string[] = []): { headers: Record<string, string>; cookies: string[] } {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const parameter of operation.headerParams) {
    if (!parameter.required || !isCallerParameter(operation, parameter)) continue;
    if (parameter.in === 'cookie' && omitCookies.includes(parameter.name)) continue;
    const value = parameterValueOf(parameter, pathValue(state, parameter));
    if (parameter.in === 'cookie') cookies.push(...serializeCookie(parameter, value));
    else headers[parameter.name.toLowerCase()] = serializeHeader(parameter, value);
  }
  return { headers, cookies };
}

/** Path parameters of an operation: the record's id and scope where it has them, run-wide values otherwise. */
export function pathFor(state: RunState, operation: OperationModel, record?: TrackedRecord, overrides: Record<string, string> = {}): Record<string, string> {
  // Prototype-free, looked up by own keys: parameters may be called `__proto__` or `constructor`.
  const path: Record<string, string> = Object.create(null);
  const id = operation.behaviour.id;
  for (const parameter of operation.pathParams) {
    if (Object.hasOwn(overrides, parameter.name)) path[parameter.name] = overrides[parameter.name];
    else if (record && id?.from === 'path' && id.name === parameter.name && record.id !== undefined) path[parameter.name] = record.id;
    else if (record && Object.hasOwn(record.pathValues, parameter.name)) path[parameter.name] = record.pathValues[parameter.name];
    else path[parameter.name] = pathValue(state, parameter);
  }
  return path;
}

/**
 * Query parameters that carry the record's id (`?session_id=`), plus required ones: a list's filter on a
 * field the record holds gets the record's value (its scope, such as `?board=`), others generated values.
 */
export function queryFor(state: RunState, operation: OperationModel, id: string | undefined, record?: TrackedRecord): Record<string, string> {
  const query: Record<string, string> = Object.create(null);
  const carrier = operation.behaviour.id;
  for (const parameter of operation.queryParams) {
    if (carrier?.from === 'query' && carrier.name === parameter.name) {
      if (id !== undefined) query[parameter.name] = id;
    } else if (parameter.required) {
      query[parameter.name] = recordFilterValue(state, operation, parameter, record) ?? pathValue(state, parameter);
    }
  }
  return query;
}

/** The value a list's required filter parameter takes to hold `record`: what it was written with, or shows. */
function recordFilterValue(state: RunState, operation: OperationModel, parameter: ParameterModel, record: TrackedRecord | undefined): string | undefined {
  const { kind, resource } = operation.behaviour;
  if ((kind !== 'list' && kind !== 'count') || !record || record.resource !== resource || !resource.fields.has(parameter.name)) return undefined;
  const value = referencedId(record.written[parameter.name]) ?? referencedId(record.view?.[parameter.name]);
  return value !== undefined && fitsParameter(state.contract.schemas, parameter, value) ? value : undefined;
}

/** Writes whose body may move a record out of the run's list scope. */
const WRITES: ReadonlySet<string> = new Set(['create', 'update', 'replace']);

export type BodyPurpose = 'public' | 'private' | 'plain';

/**
 * A body the operation's schema accepts, shaped for the workflow: no fields the server generates, no
 * set-once triggers or member lists (later steps set those on purpose), ample capacity, a visibility the
 * purpose calls for, and owner-only fields present so their hiding can be checked.
 */
export function validBody(state: RunState, operation: OperationModel, purpose: BodyPurpose = 'public'): unknown {
  const body = operation.body;
  if (!body) return undefined;
  const sample = sampleBody(state.contract.schemas, body.schema, validAsSent(operation), state.faker);
  if (sample === undefined) return undefined;
  if (!isPlainObject(sample)) return enrich(sample, body.validate, state.faker);
  const shaped = shapeRecordBody(state, operation, structuredClone(sample), purpose);
  if (body.validate(shaped)) return enrich(shaped, body.validate, state.faker);
  return enrich(sample, body.validate, state.faker);
}

/** The body shaped where it carries the record's fields: the body itself, or inside its envelope (`{data: {...}}`). */
function shapeRecordBody(state: RunState, operation: OperationModel, sample: Record<string, unknown>, purpose: BodyPurpose): Record<string, unknown> {
  const { behaviour } = operation;
  const schema = recordBodySchema(operation.body!.schema, behaviour.bodyEnvelope);
  const inner = behaviour.bodyEnvelope ? recordInBody(behaviour, sample) : sample;
  if (!schema) return sample;
  const shaped = shapeBody(state.contract.schemas, behaviour.resource, schema, inner, purpose, state.faker);
  if (WRITES.has(behaviour.kind)) withListScopes(state, operation, shaped, (fields) => operation.body!.validate(withRecordInBody(behaviour, sample, fields)));
  return behaviour.bodyEnvelope ? withRecordInBody(behaviour, sample, shaped) as Record<string, unknown> : shaped;
}

/**
 * The fields a list of the resource requires as a query filter (`GET /cards?board=`) get the run-wide
 * value of that parameter, where the body takes it: the run's records share one scope, so a list asked for
 * that scope holds them all and paging through them means something. Fields a list filters by default get
 * that default, so a list read without the filter holds them too.
 */
function withListScopes(state: RunState, write: OperationModel, body: Record<string, unknown>, validate: (fields: Record<string, unknown>) => boolean): void {
  const resource = write.behaviour.resource;
  for (const operation of operationsOf(state.contract.operations, resource)) {
    const { kind } = operation.behaviour;
    if (kind !== 'list' && kind !== 'count') continue;
    for (const parameter of operation.queryParams) {
      if (!parameter.required || !resource.fields.has(parameter.name) || !Object.hasOwn(body, parameter.name)) continue;
      const value = parameterValueOf(parameter, pathValue(state, parameter));
      if (validate({ ...body, [parameter.name]: value })) body[parameter.name] = value;
    }
    // A list the run reads without a filter still applies its default (`?type=` defaulting to `api_key`).
    for (const [field, value] of defaultFilters(resource, operation.behaviour.list, operation.queryParams)) {
      if (validate({ ...body, [field]: value })) body[field] = value;
    }
  }
}

/** A valid sample with as many optional fields as the schema allows; undefined when none can be made. */
export function sampleBody(schemas: SchemaCompiler, schema: object, validate: Validator, faker: Faker): unknown {
  for (const optionalProbability of [1, 0.3, 0]) {
    try {
      return sampleValid(schema, faker, validate, sampleOptionsFor(schemas, { optionalProbability }), 25);
    } catch { /* fewer optional fields next */ }
  }
  return undefined;
}

function shapeBody(schemas: SchemaCompiler, resource: ResourceModel, schema: object, body: Record<string, unknown>, purpose: BodyPurpose, faker: Faker): Record<string, unknown> {
  const required = requiredOf(schema);
  const drop = (field: string) => { if (!required.has(field)) delete body[field]; };
  // Server-owned fields, and the fields later steps set on purpose (set-once triggers, members).
  for (const field of [...clientOmits(resource), ...transientFields(resource), ...setOnceOmits(resource)]) drop(field);
  const members = memberField(resource);
  if (members !== undefined) {
    drop(members);
    ampleCapacity(resource, body);
  }
  if (purpose !== 'plain') shapeVisibility(resource, body, purpose, drop);
  avoidDefaults(schemas, resource, schema, body, faker);
  for (const field of ownerOnlyFields(resource)) {
    const property = propertySchema(schema, field);
    const validate = validatorFor(schemas, property);
    if (body[field] === undefined && property && validate) {
      try {
        body[field] = sampleValid(property, faker, validate, sampleOptionsFor(schemas));
      } catch { /* optional anyway */ }
    }
  }
  return body;
}

/**
 * A written value equal to the field's default tells nothing when read back (a server that ignores the
 * field shows the default too): where the schema allows another value, that one is sent.
 */
function avoidDefaults(schemas: SchemaCompiler, resource: ResourceModel, schema: object, body: Record<string, unknown>, faker: Faker): void {
  for (const [field, value] of Object.entries(body)) {
    const property = propertySchema(schema, field) as { default?: unknown; enum?: unknown[] } | undefined;
    const fallback = property?.default !== undefined ? property.default : defaultOf(resource, field);
    if (fallback === undefined || !isDeepStrictEqual(value, fallback)) continue;
    const other = differentValue(schemas, property, [fallback], faker);
    if (other !== undefined) body[field] = other;
  }
}

/**
 * An update that writes what a field already holds (or would default to) cannot show that the field is
 * stored: such fields get another valid value, where their schema allows one.
 */
export function changeUnchanged(schemas: SchemaCompiler, resource: ResourceModel, schema: object | undefined, body: unknown, stored: readonly string[], current: Record<string, unknown> | undefined, faker: Faker): unknown {
  if (!isPlainObject(body) || !current || !schema) return body;
  const changed = { ...body };
  for (const field of stored) {
    const value = body[field];
    if (!isDeepStrictEqual(value, current[field])) continue;
    const property = propertySchema(schema, field) as { default?: unknown; enum?: unknown[] } | undefined;
    const avoid = [value, property?.default ?? defaultOf(resource, field)].filter((v) => v !== undefined);
    const other = differentValue(schemas, property, avoid, faker);
    if (other !== undefined) changed[field] = other;
  }
  return changed;
}

/** A value valid for the property schema and unlike every one of `avoid`; undefined when none is found. */
function differentValue(schemas: SchemaCompiler, property: { enum?: unknown[] } | undefined, avoid: readonly unknown[], faker: Faker): unknown {
  const validate = validatorFor(schemas, property);
  if (!property || !validate) return undefined;
  const fits = (candidate: unknown) => avoid.every((v) => !isDeepStrictEqual(candidate, v)) && validate(candidate);
  // Booleans and enums first: no draw from the seeded faker, so the rest of the plan stays as it was.
  const listed: unknown[] = avoid.some((v) => typeof v === 'boolean') ? [true, false] : Array.isArray(property.enum) ? property.enum : [];
  const found = listed.find(fits);
  if (found !== undefined) return found;
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      const candidate = sampleValid(property, faker, validate, sampleOptionsFor(schemas));
      if (fits(candidate)) return candidate;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * The body validator as a server reads what the runner sends: for an operation that takes only forms, the
 * form's (coercing) validator over the fields as text, since a form cannot tell `7` from `"7"`. A mutation
 * this accepts is no invalid request (the runner would blame a correct server).
 */
export function validatesAsSent(operation: OperationModel): Validator {
  return bodyValidatorAsSent(operation, 'either');
}

/**
 * The body validator, and for an operation that takes only forms, the form's validator over what the
 * transport writes too: a required list drawn empty is written as nothing, so the server reads it missing.
 */
function validAsSent(operation: OperationModel): Validator {
  return bodyValidatorAsSent(operation, 'both');
}

/** The body validator, or for a form-only operation one that asks it and the form's validator over the value as text: either or both must accept. */
function bodyValidatorAsSent(operation: OperationModel, accept: 'either' | 'both'): Validator {
  const body = operation.body!;
  const form = body.validateForm;
  if (!form || !formOnly(operation)) return body.validate;
  const asForm = (value: unknown) => form(structuredClone(asFormText(value))) === true;
  const check = accept === 'either'
    ? (value: unknown) => body.validate(value) === true || asForm(value)
    : (value: unknown) => body.validate(value) === true && asForm(value);
  return Object.assign(check, { errors: null }) as unknown as Validator;
}

/**
 * Form fields as the transport writes them: scalars as text, arrays item by item (an empty one not at all),
 * objects kept (sent as JSON, read back). A body that is no object has no fields to write: the server reads
 * an empty form.
 */
function asFormText(value: unknown): unknown {
  if (!isPlainObject(value)) return {};
  const text = (item: unknown) => (item === null || typeof item === 'object' ? item : String(item));
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== null && field !== undefined && !(Array.isArray(field) && field.length === 0))
    .map(([name, field]) => [name, Array.isArray(field) ? field.map(text) : text(field)]));
}

/** A free-form `{}` or `[]` tells nothing when read back: give it content the schema still accepts. */
export function enrich(value: unknown, validate: (value: unknown) => boolean, faker: Faker): unknown {
  const filler = { harness: faker.lorem.word(), seed: faker.number.int({ min: 1, max: 9999 }) };
  if (isPlainObject(value) && Object.keys(value).length === 0 && validate(filler)) return filler;
  if (Array.isArray(value) && value.length === 0 && validate([filler])) return [filler];
  return value;
}

/**
 * A non-null value for one body field, valid for its schema: a write that is meant to set the field
 * (a set-once trigger, a member) must not send `null` where the schema also allows it.
 */
export function sampleField(schemas: SchemaCompiler, schema: object | undefined, field: string, faker: Faker): unknown {
  const property = propertySchema(schema, field);
  const validate = validatorFor(schemas, property);
  if (!property || !validate) return undefined;
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      const value = sampleValid(property, faker, validate, sampleOptionsFor(schemas, { optionalProbability: 1 }));
      if (value !== null) return value;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * A create body whose client-chosen key (the resource's key sent in the body: a pet's `id`, a collection's
 * `name`) differs from other creates of the run, as long as the body stays valid: a server rightly refuses
 * a second record with the same key.
 */
export function withFreshKey(operation: OperationModel, body: unknown, tag: string): unknown {
  const key = operation.behaviour.resource.key;
  const validate = operation.body?.validate;
  // Wrapped bodies (`{coupon: {code, ...}}`) carry the key inside their envelope.
  const record = recordInBody(operation.behaviour, body);
  if (!isPlainObject(body) || !(key in record) || !validate) return body;
  const withKey = (candidate: unknown) => withRecordInBody(operation.behaviour, body, { ...record, [key]: candidate });
  const value = record[key];
  let hash = 0;
  for (const char of tag) hash = (hash * 31 + char.charCodeAt(0)) % 100_000;
  // Numbers: the tag's hash sets the last five digits, so two tags never meet whatever values their bodies
  // drew (value + hash did: 41 + h and 40 + (h + 1)); the drawn value varies the rest from run to run.
  const candidates = typeof value === 'number' ? [1000 + hash + 100_000 * (Math.abs(Math.trunc(value)) % 1000), 1000 + hash, hash + 1, Math.max(1, value - hash)] : typeof value === 'string' ? [`${value}-${tag}`, `${value}${hash}`, `${tag}${value}`, hexVariant(value, hash)] : [];
  for (const candidate of candidates) {
    const next = withKey(candidate);
    if (candidate !== undefined && validate(next)) return next;
  }
  // A key with a format or pattern none of the above keeps (a date, an enum...): another value of its schema.
  const property = propertySchema(recordBodySchema(operation.body!.schema, operation.behaviour.bodyEnvelope), key);
  for (let attempt = 0; property && attempt < 5; attempt++) {
    try {
      const candidate = sampleFromSchema(property, createSeededFaker(hash * 31 + attempt));
      const next = withKey(candidate);
      if (!isDeepStrictEqual(candidate, value) && validate(next)) return next;
    } catch { /* the next attempt */ }
  }
  return body;
}

/** A uuid (or other hex id) with its last hex digits replaced: the same shape, another value. */
function hexVariant(value: string, hash: number): string | undefined {
  const match = /[0-9a-f]{8}$/i.exec(value);
  if (!match) return undefined;
  const digits = (hash * 2654435761 >>> 0).toString(16).padStart(8, '0');
  return value.slice(0, -8) + (digits === match[0].toLowerCase() ? digits.split('').reverse().join('') : digits);
}
