import { BY_CODE_OR_CLASS, isDocumentedStatus } from '../contract/documented-status.ts';
import type { OperationModel, ParameterModel, ResourceModel } from '../contract/model.ts';
import type { Situation } from '../contract/vocabulary.ts';
import { serverSetFields } from '../rules/stored.ts';
import { deriveForeignFields } from './mutations-foreign.ts';
import { deriveMutations } from './mutations.ts';
import { isInferred, propertySchema } from './schemas.ts';
import type { StepSpec } from './steps.ts';
import { refusal, type RunState, type Expectation } from './types.ts';
import { isCallerParameter } from '../shared/client-headers.ts';
import { isJsonMediaType } from '../shared/media-type.ts';
import { queryAsRead } from './transport.ts';
import { enrich, pathValue, sampleBody, unknownId, validBody, validatesAsSent } from './values.ts';
import { operationsOf } from './operations-by-resource.ts';
import { sentAsEmptyForm } from './form-media.ts';
import { unescapePointer } from '../shared/json-pointer.ts';

/** Padding beyond the 1 MiB many servers (and the mock) accept: the body stays valid JSON. */
export const OVERSIZED_BODY_BYTES = 1024 * 1024 + 64 * 1024;
const MALFORMED_JSON = '{"harness": ';

/** Whether the operation documents the status of a situation: only then is it provoked on purpose. */
export function documents(operation: OperationModel, situation: Situation): boolean {
  const status = operation.situations[situation].status;
  return isDocumentedStatus(operation.responses, status, BY_CODE_OR_CLASS);
}

/** A valid body for any operation: record-shaped for creates and updates, a plain sample otherwise. */
export function bodyFor(state: RunState, operation: OperationModel): unknown {
  if (!operation.body) return undefined;
  const { kind } = operation.behaviour;
  if (kind === 'create' || kind === 'update' || kind === 'replace') return validBody(state, operation);
  const sample = sampleBody(state.contract.schemas, operation.body.schema, operation.body.validate, state.faker);
  return sample === undefined ? undefined : enrich(sample, operation.body.validate, state.faker);
}

/**
 * Requests the operation must refuse, each with the status its situation documents: no or wrong
 * credentials, an unknown id, invalid parameters, invalid bodies derived from the schema, malformed JSON.
 * Steps on a record address `recordLabel` (an unknown id when it is gone: credentials are checked first).
 */
export function negativeSpecs(state: RunState, operation: OperationModel, recordLabel: string): StepSpec[] {
  const specs: StepSpec[] = [];
  const { behaviour } = operation;
  const onRecord = behaviour.id !== undefined;
  const missing = onRecord ? unknownId(state.contract.schemas, behaviour.resource, carrierSchema(operation), state.faker) : undefined;
  const target = onRecord ? { record: recordLabel, unknownId: missing, fallbackToUnknown: true } : {};
  const body = bodyFor(state, operation);

  if (operation.secured) {
    for (const [badAuth, title] of authProbes(operation)) {
      // `security` is the document's own word: a request it refuses is never a guess, even on an inferred operation.
      specs.push({ operation, title, badAuth, expect: refusal('unauthenticated'), body, inferred: false, ...target });
    }
  }
  if (onRecord && documents(operation, 'notFound') && !createsOnUnknownId(operation)) {
    specs.push({ operation, title: 'unknown id', expect: refusal('notFound'), unknownId: missing, body });
  }
  specs.push(...parameterSpecs(state, operation, target, body));
  if (operation.body && body !== undefined && documents(operation, 'invalid')) {
    const serverFields = serverSetFields(behaviour.resource);
    const mutations = [
      ...deriveMutations(state.contract.schemas, operation.body.schema, body, validatesAsSent(operation), state.faker, { serverFields }),
      ...deriveForeignFields(state.contract.schemas, operation, body, state.faker, new Set([...serverFields, ...setFields(state, behaviour.resource)])),
    ];
    // Only a JSON body is read as the schema says: raw bytes or text may hold what a wrong type gives.
    const stated = operation.situations.invalid.documented === true && operation.body.mediaTypes.some(isJsonMediaType);
    for (const mutation of mutations) {
      // An optional body sent as an empty form is no body: the document allows it.
      if (!operation.body.required && sentAsEmptyForm(operation, mutation.body)) continue;
      specs.push({
        operation,
        title: `invalid body: ${mutation.description}`,
        expect: { ...refusal('invalid'), stated },
        body: mutation.body,
        keepField: recordFieldAt(behaviour.bodyEnvelope, mutation.path),
        // The body's schema and the documented client error are the document's word, whatever we read its behaviour to be.
        inferred: mutation.inferred || (behaviour.inferred && !stated),
        ...target,
      });
    }
  }
  if (operation.body && documents(operation, 'malformed') && operation.body.mediaTypes.some((t) => /json/i.test(t))) {
    specs.push({ operation, title: 'malformed JSON', expect: refusal('malformed'), body, raw: { text: () => MALFORMED_JSON, summary: MALFORMED_JSON }, ...target });
  }
  return specs;
}

/**
 * The record field a mutation changed on purpose (`code` of `['alert', 'code']` in a body that carries the
 * record at `/alert`): the key and version filled in afterwards must not undo it.
 */
function recordFieldAt(envelope: string | undefined, path: readonly string[]): string | undefined {
  const prefix = envelope ? envelope.split('/').slice(1).map(unescapePointer) : [];
  if (path.length !== prefix.length + 1 || prefix.some((segment, index) => path[index] !== segment)) return undefined;
  return path[prefix.length];
}

/** Fields the operations of a resource store themselves (`set`): bookkeeping, not something a client sends. */
function setFields(state: RunState, resource: ResourceModel): string[] {
  return operationsOf(state.contract.operations, resource).flatMap((op) => Object.keys(op.behaviour.set));
}

/**
 * Wrong credentials to send, from the schemes the operation declares: none at all always; the Basic scheme
 * only where no alternative accepts Basic and every scheme travels in `Authorization` (an API key of any
 * name would take it as a key); a token that is not a JWT where every scheme wants JWTs.
 */
function authProbes(operation: OperationModel): [StepSpec['badAuth'], string][] {
  const schemes = operation.security.flat();
  if (schemes.length === 0) return [];
  const probes: [StepSpec['badAuth'], string][] = [['missing', 'no credentials']];
  const acceptsBasic = schemes.some((s) => s.type === 'http' && s.scheme === 'basic');
  const inAuthorization = schemes.every((s) => s.type === 'http' || s.type === 'oauth2' || s.type === 'openIdConnect');
  if (!acceptsBasic && inAuthorization) probes.push(['basic', 'wrong scheme (Basic)']);
  if (schemes.every((s) => s.jwt)) probes.push(['notJwt', 'a token that is not a JWT']);
  return probes;
}

/**
 * A valid body padded with whitespace beyond common size limits. The contract cannot say where the
 * server's limit is, so a server that takes the body gets a warning, not a failure.
 */
export function oversizedSpec(state: RunState, operation: OperationModel, recordLabel: string): StepSpec | undefined {
  if (!operation.body || !documents(operation, 'tooLarge')) return undefined;
  const onRecord = operation.behaviour.id !== undefined;
  const expect: Expectation = { success: false, situations: ['tooLarge'], lenient: true };
  return {
    operation,
    title: 'body over the size limit',
    expect,
    body: bodyFor(state, operation),
    raw: { text: (value) => JSON.stringify(value) + ' '.repeat(OVERSIZED_BODY_BYTES), summary: `(a valid body padded with ${OVERSIZED_BODY_BYTES} bytes of whitespace)`, oversized: true },
    ...(onRecord ? { record: recordLabel, unknownId: unknownId(state.contract.schemas, operation.behaviour.resource, carrierSchema(operation), state.faker), fallbackToUnknown: true } : {}),
  };
}

/** Missing required query and header parameters, and values their schema forbids in query and path (ids and scopes aside). */
function parameterSpecs(state: RunState, operation: OperationModel, target: Partial<StepSpec>, body: unknown): StepSpec[] {
  const specs: StepSpec[] = [];
  const invalid = documents(operation, 'invalid');
  const scope = new Set(operation.behaviour.resource.scope);
  const carrier = operation.behaviour.id;
  for (const parameter of operation.queryParams) {
    if (!invalid) break;
    if (parameter.required) {
      specs.push({ operation, title: `query parameter \`${parameter.name}\` missing`, expect: refusal('invalid'), omitQuery: [parameter.name], body, ...target });
    }
    if (carrier?.from === 'query' && carrier.name === parameter.name) continue;
    const wrong = forbiddenValue(parameter, (value) => !accepts(operation.validateQuery, queryAsRead(operation, { ...requiredQuery(state, operation), [parameter.name]: value })));
    if (wrong) specs.push({ operation, title: `query parameter \`${parameter.name}\`=${wrong.value} (${wrong.why})`, expect: refusal('invalid'), query: { [parameter.name]: wrong.value }, inferred: wrong.inferred || operation.behaviour.inferred, body, ...target });
  }
  for (const parameter of operation.headerParams) {
    if (!invalid || !parameter.required || !isCallerParameter(operation, parameter)) continue;
    if (parameter.in === 'header') specs.push({ operation, title: `header \`${parameter.name}\` missing`, expect: refusal('invalid'), omitHeaders: [parameter.name], body, ...target });
    else if (parameter.in === 'cookie') specs.push({ operation, title: `cookie \`${parameter.name}\` missing`, expect: refusal('invalid'), omitCookies: [parameter.name], body, ...target });
  }
  const pathSituations = (['invalid', 'notFound'] as const).filter((s) => documents(operation, s));
  for (const parameter of operation.pathParams) {
    if (pathSituations.length === 0 || scope.has(parameter.name) || (carrier?.from === 'path' && carrier.name === parameter.name)) continue;
    const wrong = forbiddenValue(parameter, (value) => !accepts(operation.validatePath, { ...pathValues(state, operation), [parameter.name]: value }));
    if (!wrong) continue;
    specs.push({
      operation,
      title: `path parameter \`${parameter.name}\`=${wrong.value} (${wrong.why})`,
      expect: refusal(...pathSituations),
      path: () => ({ [parameter.name]: wrong.value }),
      inferred: wrong.inferred || operation.behaviour.inferred,
      body,
      ...target,
    });
  }
  return specs;
}

/** A value the parameter's schema forbids; `inferred` when the schema (the constraint's only source) is our reading. */
function forbiddenValue(parameter: ParameterModel, rejected: (value: string) => boolean): { value: string; why: string; inferred: boolean } | undefined {
  const schema = parameter.schema as Record<string, unknown>;
  const candidates: { value: string; why: string }[] = [];
  if (Array.isArray(schema.enum)) candidates.push({ value: 'harness-not-allowed', why: 'not one of the allowed values' });
  if (schema.type === 'integer' || schema.type === 'number') candidates.push({ value: 'harness-not-a-number', why: 'not a number' });
  if (typeof schema.minimum === 'number') candidates.push({ value: String(schema.minimum - 1), why: `below the minimum ${schema.minimum}` });
  if (typeof schema.pattern === 'string') candidates.push({ value: 'harness does not match', why: `does not match ${schema.pattern}` });
  const found = candidates.find((candidate) => rejected(candidate.value));
  return found && { ...found, inferred: isInferred(schema) };
}

function accepts(validate: OperationModel['validateQuery'], value: Record<string, unknown>): boolean {
  if (!validate) return true;
  try {
    return validate(structuredClone(value)) as boolean;
  } catch {
    return false;
  }
}

function requiredQuery(state: RunState, operation: OperationModel): Record<string, string> {
  return Object.fromEntries(operation.queryParams.filter((p) => p.required).map((p) => [p.name, pathValue(state, p)]));
}

function pathValues(state: RunState, operation: OperationModel): Record<string, string> {
  return Object.fromEntries(operation.pathParams.map((p) => [p.name, pathValue(state, p)]));
}

/** The schema of whatever carries the operation's id: a path or query parameter, or a body property. */
export function carrierSchema(operation: OperationModel): object | undefined {
  const carrier = operation.behaviour.id;
  if (!carrier) return undefined;
  if (carrier.from === 'body') return propertySchema(operation.body?.schema, carrier.name);
  const parameters = carrier.from === 'path' ? operation.pathParams : operation.queryParams;
  return parameters.find((p) => p.name === carrier.name)?.schema;
}

/**
 * An upsert, or a replace or update that documents 201, creates the record at an id nobody holds yet (as
 * HTTP describes PUT): a correct server answers with a success there, so no 404 is expected of it.
 */
function createsOnUnknownId(operation: OperationModel): boolean {
  const { kind, upsert } = operation.behaviour;
  return upsert === true || ((kind === 'replace' || kind === 'update') && operation.responses.has('201'));
}
