import type { Faker } from '@faker-js/faker';
import type { OperationModel, ParameterModel, ResourceModel, SecurityModel } from '../contract/model.ts';
import type { Validator } from '../schema/ajv.ts';
import { sampleValid } from '../schema/sample.ts';
import { isObject } from './locate.ts';
import { fieldSchema, propertySchema, requiredOf, validatorFor } from './schemas.ts';
import type { RunState, TrackedRecord } from './types.ts';

/** The caller a token names: the JWT's principal claim, when the scheme says tokens are JWTs. */
export function principalOf(security: SecurityModel | undefined, token: string | undefined): string | undefined {
  if (!security?.jwt || !token) return undefined;
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    for (const claim of security.principalClaims) {
      const value = claims[claim];
      if ((typeof value === 'string' && value !== '') || typeof value === 'number') return String(value);
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * The value of a path parameter that is not a record id (a scope such as a project, a section name):
 * `--path-param`, else one generated from its schema, the same for the whole run.
 */
export function pathValue(state: RunState, parameter: ParameterModel): string {
  const given = state.options.pathParams[parameter.name];
  if (given !== undefined) return given;
  // Parameters of one name may differ between operations (`id` an integer here, a slug there).
  const known = state.pathValues.get(parameter.name);
  if (known !== undefined && fitsParameter(parameter, known)) return known;
  const value = generateParameterValue(parameter.schema, state.faker);
  if (known === undefined) state.pathValues.set(parameter.name, value);
  return value;
}

function fitsParameter(parameter: ParameterModel, value: string): boolean {
  const validate = validatorFor(parameter.schema);
  if (!validate) return true;
  const types = ([] as unknown[]).concat((parameter.schema as { type?: unknown }).type ?? []);
  const numeric = types.includes('integer') || types.includes('number');
  return validate(numeric && value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : value) === true;
}

/** A value for a parameter schema; plain strings get a recognisable slug rather than lorem words. */
export function generateParameterValue(schema: object, faker: Faker): string {
  const node = schema as Record<string, unknown>;
  if (Array.isArray(node.enum) && node.enum.length > 0) return String(node.enum[0]);
  const validate = validatorFor(schema);
  if (isPlainString(node)) {
    const slug = `harness-${faker.string.alphanumeric({ length: 8, casing: 'lower' })}`;
    if (!validate || validate(slug)) return slug;
  }
  if (validate) {
    try {
      return String(sampleValid(schema, faker, validate));
    } catch { /* fall through */ }
  }
  return `harness-${faker.string.alphanumeric({ length: 8, casing: 'lower' })}`;
}

function isPlainString(node: Record<string, unknown>): boolean {
  return (node.type === undefined || node.type === 'string') && node.pattern === undefined && node.format === undefined && node.const === undefined;
}

/** Another valid value of the same parameter: a second scope the run's records do not belong to. */
export function otherValue(parameter: ParameterModel, value: string, faker: Faker): string | undefined {
  const node = parameter.schema as Record<string, unknown>;
  if (Array.isArray(node.enum)) {
    const other = node.enum.find((v) => String(v) !== value);
    return other === undefined ? undefined : String(other);
  }
  const validate = validatorFor(parameter.schema);
  const candidates = [`${value}-harness-other`, generateParameterValue(parameter.schema, faker)];
  return candidates.find((candidate) => candidate !== value && (!validate || validate(candidate)));
}

/**
 * An id no record has: shaped like the resource's key (so a strict server does not refuse it as invalid),
 * and valid for the parameter that carries it.
 */
export function unknownId(resource: ResourceModel, carrier: object | undefined, faker: Faker): string {
  const keySchema = fieldSchema(resource, resource.key);
  const keyValidate = validatorFor(keySchema);
  const carrierValidate = validatorFor(carrier);
  const accepts = (value: string) => (!keyValidate || keyValidate(value)) && (!carrierValidate || carrierValidate(value));
  if (keySchema && !isPlainString(keySchema as Record<string, unknown>) && keyValidate) {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const value = String(sampleValid(keySchema, faker, keyValidate));
        if (accepts(value)) return value;
      } catch { /* fall through */ }
    }
  }
  return `harness-unknown-${faker.string.alphanumeric({ length: 12, casing: 'lower' })}`;
}

/**
 * Required header and cookie parameters of an operation (a tenant id, an API version...): `--path-param`
 * values by name where given, else generated from their schema and the same for the whole run. Credentials
 * travel separately (their scheme places them).
 */
export function headerParameters(state: RunState, operation: OperationModel): { headers: Record<string, string>; cookies: string[] } {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const parameter of operation.headerParams) {
    if (!parameter.required || /^(authorization|content-type|accept|cookie)$/i.test(parameter.name)) continue;
    const value = pathValue(state, parameter);
    if (parameter.in === 'cookie') cookies.push(`${parameter.name}=${value}`);
    else headers[parameter.name.toLowerCase()] = value;
  }
  return { headers, cookies };
}

/** Path parameters of an operation: the record's id and scope where it has them, run-wide values otherwise. */
export function pathFor(state: RunState, operation: OperationModel, record?: TrackedRecord, overrides: Record<string, string> = {}): Record<string, string> {
  const path: Record<string, string> = {};
  const id = operation.behaviour.id;
  for (const parameter of operation.pathParams) {
    if (parameter.name in overrides) path[parameter.name] = overrides[parameter.name];
    else if (record && id?.from === 'path' && id.name === parameter.name && record.id !== undefined) path[parameter.name] = record.id;
    else if (record && parameter.name in record.pathValues) path[parameter.name] = record.pathValues[parameter.name];
    else path[parameter.name] = pathValue(state, parameter);
  }
  return path;
}

/** Query parameters that carry the record's id (`?session_id=`), plus required ones with generated values. */
export function queryFor(state: RunState, operation: OperationModel, id: string | undefined): Record<string, string> {
  const query: Record<string, string> = {};
  const carrier = operation.behaviour.id;
  for (const parameter of operation.queryParams) {
    if (carrier?.from === 'query' && carrier.name === parameter.name) {
      if (id !== undefined) query[parameter.name] = id;
    } else if (parameter.required) {
      query[parameter.name] = pathValue(state, parameter);
    }
  }
  return query;
}

export type BodyPurpose = 'public' | 'private' | 'plain';

/**
 * A body the operation's schema accepts, shaped for the workflow: no fields the server generates, no
 * set-once triggers or member lists (later steps set those on purpose), ample capacity, a visibility the
 * purpose calls for, and owner-only fields present so their hiding can be checked.
 */
export function validBody(state: RunState, operation: OperationModel, purpose: BodyPurpose = 'public'): unknown {
  const body = operation.body;
  if (!body) return undefined;
  const sample = sampleBody(body.schema, body.validate, state.faker);
  if (sample === undefined) return undefined;
  if (!isObject(sample)) return enrich(sample, body.validate, state.faker);
  const shaped = shapeBody(operation.behaviour.resource, body.schema, structuredClone(sample), purpose, state.faker);
  if (body.validate(shaped)) return enrich(shaped, body.validate, state.faker);
  return enrich(sample, body.validate, state.faker);
}

/** A valid sample with as many optional fields as the schema allows; undefined when none can be made. */
export function sampleBody(schema: object, validate: Validator, faker: Faker): unknown {
  for (const optionalProbability of [1, 0.3, 0]) {
    try {
      return sampleValid(schema, faker, validate, { optionalProbability }, 25);
    } catch { /* fewer optional fields next */ }
  }
  return undefined;
}

function shapeBody(resource: ResourceModel, schema: object, body: Record<string, unknown>, purpose: BodyPurpose, faker: Faker): Record<string, unknown> {
  const required = requiredOf(schema);
  const drop = (field: string) => { if (!required.has(field)) delete body[field]; };
  for (const [field, rule] of Object.entries(resource.generated)) if (rule.when === undefined) drop(field);
  for (const field of Object.keys(resource.transient)) drop(field);
  for (const [field, triggers] of Object.entries(resource.setOnce)) for (const name of [field, ...triggers]) drop(name);
  for (const [field, rule] of Object.entries(resource.generated)) if (rule.when !== undefined) { drop(rule.when); drop(field); }
  if (resource.membership) {
    drop(resource.membership.field);
    for (const field of resource.membership.capacity) {
      const value = body[field];
      if (typeof value === 'number' && value > 0 && value < 3) body[field] = 3;
    }
  }
  const visibility = resource.visibility;
  if (visibility && purpose !== 'plain') {
    if (purpose === 'private') body[visibility.field] = visibility.private[0];
    else if (visibility.private.includes(body[visibility.field])) drop(visibility.field);
  }
  for (const field of resource.ownerOnlyFields) {
    const property = propertySchema(schema, field);
    const validate = validatorFor(property);
    if (body[field] === undefined && property && validate) {
      try {
        body[field] = sampleValid(property, faker, validate);
      } catch { /* optional anyway */ }
    }
  }
  return body;
}

/** A free-form `{}` or `[]` tells nothing when read back: give it content the schema still accepts. */
export function enrich(value: unknown, validate: (value: unknown) => boolean, faker: Faker): unknown {
  const filler = { harness: faker.lorem.word(), seed: faker.number.int({ min: 1, max: 9999 }) };
  if (isObject(value) && Object.keys(value).length === 0 && validate(filler)) return filler;
  if (Array.isArray(value) && value.length === 0 && validate([filler])) return [filler];
  return value;
}

/**
 * A non-null value for one body field, valid for its schema: a write that is meant to set the field
 * (a set-once trigger, a member) must not send `null` where the schema also allows it.
 */
export function sampleField(schema: object | undefined, field: string, faker: Faker): unknown {
  const property = propertySchema(schema, field);
  const validate = validatorFor(property);
  if (!property || !validate) return undefined;
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      const value = sampleValid(property, faker, validate, { optionalProbability: 1 });
      if (value !== null) return value;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
