import type { Direction } from '../schema/directional.ts';
import { recordBodySchema } from '../rules/request-envelope.ts';
import { serializationOf, type StyledParameter } from '../shared/parameter-style/style.ts';
import { serializeHeader } from '../shared/parameter-style/serialize.ts';
import { compiledOnFirstUse, type Validator } from '../schema/ajv.ts';
import type { SchemaCompiler } from '../schema/compiler.ts';
import { createSeededFaker } from '../schema/faker.ts';
import { isDocumentedStatus } from './documented-status.ts';
import { ContractError, joinPointer, type ContractProblem, type ContractProblemCode } from './errors.ts';
import { inferResources, operationKey, type InferredOperation } from './infer/resources.ts';
import { inferSituations } from './infer/situations.ts';
import { withCollectionResources } from './infer/collections.ts';
import type {
  BehaviourModel, BodyModel, ContractModel, ExampleModel, GeneratedField, HeaderModel, OperationModel, ParameterModel,
  ResourceModel, ResponseModel, SecurityModel, SituationModel,
} from './model.ts';
import { duplicateOperationIds, uniqueOperationId } from './operation-ids.ts';
import { compareOperationPaths } from './path-order.ts';
import { ResponseSamples, safeValidate } from './response-samples.ts';
import { withoutBrokenDefaults, type UsableParameter } from './parameter-defaults.ts';
import { collectFields, propertyDefaults } from './schema-fields.ts';
import { buildSecuritySchemes, requirementsOf } from './security.ts';
import { SITUATIONS, type OperationKind, type Situation } from './vocabulary.ts';
import { isClientSetHeader } from '../shared/client-headers.ts';
import { preferredJsonType } from '../rules/patch-media.ts';

type Json = Record<string, any>;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const KINDS_WITH_ID: readonly OperationKind[] = ['read', 'update', 'replace', 'delete', 'action', 'readSection', 'writeSection'];
const KINDS_WITH_BODY: readonly OperationKind[] = ['create', 'update', 'replace', 'writeSection'];

export interface BuildInput {
  readonly id: string;
  readonly file: string;
  /** The document with its `$ref`s inlined. */
  readonly document: Json;
  readonly lineOf: (pointer: string) => number | undefined;
  readonly schemas: SchemaCompiler;
  readonly openapi: '3.0' | '3.1';
  readonly warnings: ContractProblem[];
  /**
   * The document is known to build without problems (checked-documents.ts): validators are compiled and
   * response samples drawn on first use (each once, the samples in document order as an eager build draws
   * them), so a process that serves a few operations compiles only theirs.
   */
  readonly deferred?: boolean;
}

/**
 * The operation with its line found when first read (reports ask for it): a checked document's lines come
 * from parsing its YAML again (source.ts), which a mock that only serves never needs.
 */
function withLineOnRead(built: Omit<OperationModel, 'line'>, lineOf: () => number | undefined): OperationModel {
  let line: { value: number | undefined } | undefined;
  return Object.defineProperty({ ...built }, 'line', { enumerable: true, get: () => (line ??= { value: lineOf() }).value });
}

/**
 * Builds the immutable model from a validated, $ref-resolved document. Behaviour comes from the document's
 * `x-harness` declarations where it has them, and is inferred from REST conventions and standard keywords
 * where it does not. Every schema is compiled here, once; mistakes are collected and thrown together.
 */
export function buildContract(input: BuildInput): ContractModel {
  const { id, file, document, lineOf, schemas, warnings } = input;
  const problems: ContractProblem[] = [];
  const fail = (pointer: string, message: string) => problems.push({ pointer, message, line: lineOf(pointer) });
  const warn = (pointer: string, message: string, code?: ContractProblemCode) => warnings.push({ pointer, message, line: lineOf(pointer), ...(code && { code }) });
  // Deferred validators: one per schema object, kind and direction, as the compiler keeps one per schema.
  const deferred = new Map<string, WeakMap<object, Validator>>();
  const compileIn = (direction: Direction | undefined): Compile => (schema, pointer, coerce = false) => {
    const compileNow = () => coerce ? schemas.compileParameters(schema as object, direction) : schemas.compile(schema as object, direction);
    if (input.deferred) {
      const kind = `${coerce}/${direction}`;
      let known = deferred.get(kind);
      if (!known) deferred.set(kind, known = new WeakMap());
      let validate = known.get(schema as object);
      if (!validate) known.set(schema as object, validate = compiledOnFirstUse(compileNow));
      return validate;
    }
    try {
      return compileNow();
    } catch (error) {
      // ajv recurses without end through a `$ref` that reaches itself with no schema between (`A: {$ref: A}`).
      const reason = error instanceof RangeError ? 'a $ref chain that reaches itself with no schema between (A -> B -> A), or nesting too deep to compile' : (error as Error).message;
      fail(pointer, `Invalid JSON Schema: ${reason}`);
      return undefined;
    }
  };
  const compile = compileIn(undefined);
  // Bodies and answers: a required readOnly property is required in answers only, a writeOnly one in bodies only.

  const harness = document['x-harness'] as Json | undefined;
  const declared = harness !== undefined;
  const rootSituations = declared ? buildSituations(harness.errors?.situations ?? {}, {}) : undefined;
  const schemes = buildSecuritySchemes((document.components?.securitySchemes ?? {}) as Json);
  const samples = new ResponseSamples(createSeededFaker(0x5eed), schemas.tryCompile, input.deferred === true);

  const inputs: InferredOperation[] = [];
  for (const [path, item] of Object.entries((document.paths ?? {}) as Json)) {
    if (!item || typeof item !== 'object') continue;
    for (const method of METHODS) if (item[method] && typeof item[method] === 'object') inputs.push({ path, method, operation: item[method], item });
  }
  const inferred = declared ? undefined : withCollectionResources(inputs, inferResources(inputs));
  const resourceSpecs = (declared ? harness.resources ?? {} : inferred!.resources) as Json;
  const resources = new Map<string, ResourceModel>();
  for (const [name, spec] of Object.entries(resourceSpecs)) {
    const pointer = declared ? joinPointer('/x-harness/resources', name) : '';
    const resource = buildResource(name, spec, pointer, compile, declared ? fail : warn);
    if (resource) resources.set(name, resource);
  }

  const operations: OperationModel[] = [];
  const usedIds = new Set<string>();
  // A checked document has no broken parameter default (checked-build.ts refuses one): nothing to compile for it.
  const usableParameter: UsableParameter = input.deferred ? (parameter) => parameter : withoutBrokenDefaults((schema, at) => compile(schema, at, true), warn);
  const linesOnRead = input.deferred === true;
  for (const input of inputs) {
    const pointer = joinPointer('/paths', input.path, input.method);
    // Without a root x-harness, an operation's own x-harness refines what inference made of it (declared keys win).
    const own = input.operation['x-harness'] as Json | undefined;
    const guessed = declared ? undefined : inferred!.operations.get(operationKey(input.method, input.path));
    const spec = declared ? own : own ? { ...guessed, ...own } : guessed;
    const built = buildOperation({
      ...input, pointer, document, schemes, resources, rootSituations, compile, compileFor: compileIn, fail, warn, declared, spec, samples, usedIds, usableParameter,
    });
    if (built) operations.push(Object.freeze(linesOnRead ? withLineOnRead(built, () => lineOf(pointer)) : { ...built, line: lineOf(pointer) }));
  }
  for (const { operation, message } of duplicateOperationIds(operations)) {
    if (declared) fail(operation.pointer, `${message}.`);
    else warn(operation.pointer, `${message}: reports and --only name both by it.`);
  }
  if (problems.length > 0) throw new ContractError('SCHEMA', file, problems, warnings);

  const security = primarySecurity(document.security, schemes, operations);
  return Object.freeze({
    id,
    file,
    title: String(document.info?.title ?? id),
    version: String(document.info?.version ?? ''),
    serverUrl: resolveServerUrl(document.servers?.[0]),
    openapi: input.openapi,
    declared,
    security,
    securitySchemes: schemes,
    errorBody: harness?.errors?.body,
    schemas,
    warnings,
    situations: rootSituations ?? operations[0]?.situations ?? buildSituations({}, {}),
    resources,
    operations: operations.sort(compareOperationPaths),
  });
}

function primarySecurity(global: unknown, schemes: ReadonlyMap<string, SecurityModel>, operations: readonly OperationModel[]): SecurityModel | undefined {
  const fromGlobal = requirementsOf(global, schemes).find((alternative) => alternative.length > 0)?.[0];
  return fromGlobal ?? operations.find((op) => op.security.length > 0)?.security.find((a) => a.length > 0)?.[0];
}

export function buildSituations(specs: Json, overrides: Json): Record<Situation, SituationModel> {
  const result = {} as Record<Situation, SituationModel>;
  for (const name of SITUATIONS) {
    const { status, 'x-inferred': inferred, ...vars } = { ...(specs[name] ?? {}), ...(overrides[name] ?? {}) };
    result[name] = Object.freeze({ status, vars, inferred: inferred === true });
  }
  return Object.freeze(result);
}

function resolveServerUrl(server: Json | undefined): string {
  if (!server?.url) return 'http://localhost';
  const url = String(server.url).replace(/\{([^}]+)\}/g, (_, name: string) => String(server.variables?.[name]?.default ?? name));
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return url;
  // `//api.example.com/v1` is a network-path reference: a host and a path, in the scheme of the page.
  if (url.startsWith('//')) return `https:${url}`;
  return `http://localhost${url.startsWith('/') ? '' : '/'}${url}`;
}

type Compile = (schema: unknown, pointer: string, coerce?: boolean) => Validator | undefined;
type Fail = (pointer: string, message: string) => void;

function buildResource(name: string, spec: Json, pointer: string, compile: Compile, fail: Fail): ResourceModel | undefined {
  const validate = compile(spec.schema, joinPointer(pointer, 'schema'));
  if (!validate) return undefined;
  const fields = collectFields(spec.schema);
  const requireField = (field: string, ...where: string[]) => {
    if (!fields.has(field)) fail(joinPointer(pointer, ...where), `"${field}" is not a property of the resource schema.`);
  };
  requireField(spec.key, 'key');
  const properties = topLevelProperties(spec.schema);
  const generated: Record<string, GeneratedField> = {};
  for (const [field, rule] of Object.entries((spec.generated ?? {}) as Json)) {
    requireField(field, 'generated', field);
    generated[field] = Object.freeze({ value: rule.value, on: rule.on ?? ['create'], when: rule.when, unique: rule.unique === true, schema: rule.schema ?? properties[field] });
  }
  for (const field of Object.keys(spec.transient ?? {})) requireField(field, 'transient', field);
  for (const field of Object.keys(spec.setOnce ?? {})) requireField(field, 'setOnce', field);
  for (const field of spec.ownerOnlyFields ?? []) requireField(field, 'ownerOnlyFields');
  if (spec.owner) requireField(spec.owner.field, 'owner', 'field');
  if (spec.versioning) requireField(spec.versioning.field, 'versioning', 'field');
  if (spec.membership) {
    requireField(spec.membership.field, 'membership', 'field');
    for (const field of spec.membership.capacity ?? []) requireField(field, 'membership', 'capacity');
  }
  if (spec.visibility) {
    requireField(spec.visibility.field, 'visibility', 'field');
    for (const field of spec.visibility.viewers) requireField(field, 'visibility', 'viewers');
  }
  const ruleNames = ['owner', 'visibility', 'versioning', 'membership', 'expiry'];
  const inferredRules = new Set(ruleNames.filter((rule) => spec[rule]?.['x-inferred'] === true));
  for (const [field, rule] of Object.entries((spec.generated ?? {}) as Json)) if (rule['x-inferred']) inferredRules.add(`generated:${field}`);
  if (spec['x-inferred']) inferredRules.add('resource');
  const hidden = Object.entries(properties).filter(([, p]) => p?.writeOnly === true).map(([field]) => field);
  // The record schema's defaults (through allOf), then those inference read in the write bodies. Fields the
  // server always sets have no use for a default; one generated only `when` another field is sent (a user
  // set with its details) reads as its default until then.
  const defaults = Object.fromEntries(Object.entries({ ...(spec.defaults ?? {}), ...propertyDefaults(spec.schema) })
    .filter(([field]) => fields.has(field) && (!Object.hasOwn(generated, field) || generated[field].when !== undefined)));
  return Object.freeze({
    name,
    schema: spec.schema,
    validate,
    key: spec.key,
    fields,
    generated,
    scope: spec.scope ?? [],
    transient: Object.fromEntries(Object.entries((spec.transient ?? {}) as Json).map(([f, t]) => [f, { value: t.value, on: t.on }])),
    secret: spec.secret ?? [],
    setOnce: spec.setOnce ?? {},
    owner: spec.owner ? { field: spec.owner.field, modify: spec.owner.modify ?? 'ownerOnly' } : undefined,
    ownerOnlyFields: spec.ownerOnlyFields ?? [],
    hidden,
    defaults,
    stateless: false,
    visibility: spec.visibility,
    versioning: spec.versioning ? { field: spec.versioning.field, initial: spec.versioning.initial ?? 0 } : undefined,
    membership: spec.membership ? { field: spec.membership.field, capacity: spec.membership.capacity ?? [] } : undefined,
    expiry: spec.expiry ? { after: spec.expiry.after, unless: spec.expiry.unless } : undefined,
    inferredRules,
  });
}

function topLevelProperties(schema: unknown): Record<string, Json> {
  const result: Record<string, Json> = {};
  const visit = (node: unknown, depth: number) => {
    if (node === null || typeof node !== 'object' || depth > 8) return;
    const object = node as Json;
    for (const [name, property] of Object.entries((object.properties ?? {}) as Json)) if (!(name in result)) result[name] = property;
    for (const key of ['allOf', 'anyOf', 'oneOf']) for (const branch of Array.isArray(object[key]) ? object[key] : []) visit(branch, depth + 1);
  };
  visit(schema, 0);
  return result;
}

/** The resource of an operation that fits none: it is served from its examples or schema, never stored. */
function statelessResource(operation: string): ResourceModel {
  return Object.freeze({
    name: `~${operation}`, schema: {}, validate: (() => true) as unknown as Validator, key: '', fields: new Set<string>(), generated: {},
    scope: [], transient: {}, secret: [], setOnce: {}, owner: undefined, ownerOnlyFields: [], hidden: [], defaults: {}, stateless: true,
    visibility: undefined, versioning: undefined, membership: undefined, expiry: undefined, inferredRules: new Set(['resource']),
  });
}

interface OperationInput extends InferredOperation {
  pointer: string; document: Json; schemes: ReadonlyMap<string, SecurityModel>; resources: Map<string, ResourceModel>;
  rootSituations: Record<Situation, SituationModel> | undefined; compile: Compile; compileFor: (direction: Direction) => Compile; fail: Fail; warn: Fail; declared: boolean;
  spec: Json | undefined; samples: ResponseSamples; usedIds: Set<string>; usableParameter: UsableParameter;
}

function buildOperation(input: OperationInput): OperationModel | undefined {
  const { path, method, operation, item, pointer, document, resources, compile, fail, warn, declared } = input;
  let spec = input.spec;
  let resource = spec ? resources.get(spec.resource) : undefined;
  if (declared && spec && !resource) {
    // A declared resource that failed to build has reported its own problem already.
    const names = Object.keys((document['x-harness']?.resources ?? {}) as Json);
    if (!names.includes(spec.resource)) {
      fail(joinPointer(pointer, 'x-harness', 'resource'), `Unknown resource "${spec.resource}". Declared: ${names.join(', ') || 'none'}.`);
    }
    return undefined;
  }
  if (!declared && spec && !resource && operation['x-harness'] !== undefined) {
    warn(joinPointer(pointer, 'x-harness', 'resource'), `Unknown resource "${String(spec.resource)}" (inferred: ${[...resources.keys()].join(', ') || 'none'}): the operation is served statelessly.`);
  }
  if (declared && typeof operation.operationId !== 'string') fail(pointer, 'The operation needs an operationId: reports and --only use it.');
  const operationId = uniqueOperationId(operation.operationId, method, path, input.usedIds);
  if (!spec || !resource) {
    spec = { kind: 'static' };
    resource = statelessResource(operationId);
  }

  const parameters = mergeParameters(item.parameters, operation.parameters);
  const templateNames = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  const pathParams = inTemplate(parameters.filter((p) => p.in === 'path'), templateNames, (name) => warn(joinPointer(pointer, 'parameters'), `Path parameter "${name}" is not in the path ${path}: no request can send it, so it is ignored.`));
  const queryParams = parameters.filter((p) => p.in === 'query');
  const headerParams = parameters.filter((p) => p.in === 'header' || p.in === 'cookie');
  for (const name of templateNames) {
    if (pathParams.some((p) => p.name === name)) continue;
    if (declared) fail(pointer, `Path parameter "${name}" is not declared in parameters.`);
    else {
      warn(pointer, `Path parameter "${name}" is not declared in parameters: any value is accepted.`);
      pathParams.push(Object.freeze({ name, in: 'path', required: true, schema: { type: 'string' }, style: 'simple', explode: false }));
    }
  }
  const usable = (list: readonly ParameterModel[]) => list.map((p) => input.usableParameter(p, joinPointer(pointer, 'parameters')));
  const validatePath = pathParams.length ? compile(objectSchema(usable(pathParams)), joinPointer(pointer, 'parameters'), true) : undefined;
  const validateQuery = queryParams.length ? compile(objectSchema(usable(queryParams)), joinPointer(pointer, 'parameters'), true) : undefined;
  const checkedHeaders = headerParams.filter((p) => !isClientSetHeader(p.name));
  const validateHeaders = checkedHeaders.length ? compile({ ...objectSchema(usable(checkedHeaders)), required: [] }, joinPointer(pointer, 'parameters'), true) : undefined;

  const body = buildBody(operation.requestBody, joinPointer(pointer, 'requestBody'), input.compileFor('request'));
  const responses = buildResponses(operation.responses ?? {}, joinPointer(pointer, 'responses'), input.compileFor('response'), warn, input.samples);
  const successes = [...responses.keys()].map(Number).filter((s) => s >= 200 && s < 300);
  let successStatus = Math.min(...successes);
  // A success documented only as a range (`2XX`) or as `default` is the success the mock answers: it is
  // filed under the status answered, so the mock, the seeder and the runner all find its body there.
  const successRange = responses.get('2XX') ?? (successes.length === 0 && ![...responses.keys()].some((s) => s.startsWith('3')) ? responses.get('default') : undefined);
  if (!Number.isFinite(successStatus) && successRange) {
    successStatus = 200;
    responses.set('200', successRange);
  }
  if (!Number.isFinite(successStatus)) {
    if (declared) fail(joinPointer(pointer, 'responses'), 'No 2xx response is documented.');
    else {
      // 1xx is interim, never the final answer to a request: a 3xx is the next best documented outcome.
      const other = [...responses.keys()].map(Number).filter((s) => s >= 300 && s < 400);
      successStatus = other.length ? Math.min(...other) : 200;
      if (!other.length) warn(joinPointer(pointer, 'responses'), 'No 2xx response is documented: the mock answers 200.');
    }
  }

  const behaviour = buildBehaviour(spec, resource, joinPointer(pointer, 'x-harness'), { pathParams, queryParams, hasBody: !!body, bodySchema: body?.schema, method }, fail, responses, successStatus);
  const situations = declared
    ? buildSituations(
      Object.fromEntries(Object.entries(input.rootSituations ?? {}).map(([name, s]) => [name, { status: s.status, ...s.vars, 'x-inferred': s.inferred }])),
      spec.errors ?? {},
    )
    : inferSituations(responses);
  const security = requirementsOf(operation.security ?? document.security ?? [], input.schemes, (name) => {
    warn(joinPointer(pointer, 'security'), `Security scheme "${name}" is not declared in components.securitySchemes: it is ignored.`);
  });
  const secured = security.length > 0 && security.every((alternative) => alternative.length > 0);

  if (declared) {
    const documented = (situation: Situation, why: string) => {
      const status = situations[situation].status;
      if (status !== undefined && !isDocumentedStatus(responses, status)) {
        fail(joinPointer(pointer, 'responses'), `Status ${status} (${situation}: ${why}) is not documented.`);
      }
    };
    if (secured) documented('unauthenticated', 'the operation requires credentials');
    if (behaviour.id) documented('notFound', 'the operation addresses one record');
    if (body) documented('invalid', 'the operation takes a body');
  }
  if (KINDS_WITH_BODY.includes(behaviour.kind) && !body) fail(pointer, `A ${behaviour.kind} operation needs a requestBody.`);

  return Object.freeze({
    id: operationId,
    method: method.toUpperCase(),
    path,
    pointer,
    tag: operation.tags?.[0],
    summary: operation.summary,
    pathParams,
    queryParams,
    headerParams,
    validatePath,
    validateQuery,
    ...(validateHeaders ? { validateHeaders } : {}),
    body,
    responses,
    successStatus,
    secured,
    security,
    behaviour,
    situations,
  });
}

/** The path parameters the template names: one it does not (`path` declared on `/`) can never be sent. */
function inTemplate(pathParams: readonly ParameterModel[], templateNames: readonly string[], stray: (name: string) => void): ParameterModel[] {
  const named = new Set(templateNames);
  const kept: ParameterModel[] = [];
  for (const parameter of pathParams) {
    if (named.has(parameter.name)) kept.push(parameter);
    else stray(parameter.name);
  }
  return kept;
}

function mergeParameters(pathLevel: unknown, operationLevel: unknown): ParameterModel[] {
  const merged = new Map<string, ParameterModel>();
  for (const list of [pathLevel, operationLevel]) {
    if (!Array.isArray(list)) continue;
    for (const p of list as Json[]) {
      if (!p || typeof p !== 'object' || typeof p.name !== 'string') continue;
      if (p.in !== 'path' && p.in !== 'query' && p.in !== 'header' && p.in !== 'cookie') continue;
      const schema = p.schema ?? schemaOfContent(p.content) ?? {};
      const { style, explode } = serializationOf(p.in, p.style, p.explode);
      const mediaType = p.schema === undefined ? mediaTypeOfContent(p.content) : undefined;
      // Header names are case-insensitive: an operation's `x-trace` overrides its path's `X-Trace`.
      merged.set(`${p.in}:${p.in === 'header' ? p.name.toLowerCase() : p.name}`, Object.freeze({
        name: p.name, in: p.in, required: p.required === true || p.in === 'path', schema, style, explode, ...(mediaType ? { mediaType } : {}),
        ...(p.in === 'query' && p.allowEmptyValue === true ? { allowEmptyValue: true } : {}),
        ...(typeof p.description === 'string' ? { description: p.description } : {}),
      }));
    }
  }
  return [...merged.values()];
}

function mediaTypeOfContent(content: Json | undefined): string | undefined {
  return content && typeof content === 'object' ? Object.keys(content)[0] : undefined;
}

function schemaOfContent(content: Json | undefined): object | undefined {
  const first = content && typeof content === 'object' ? Object.values(content)[0] as Json | undefined : undefined;
  return first?.schema;
}

function objectSchema(parameters: readonly ParameterModel[]): object {
  return {
    type: 'object',
    properties: Object.fromEntries(parameters.map((p) => [p.name, p.schema])),
    required: parameters.filter((p) => p.required).map((p) => p.name),
  };
}

/** JSON first (JSON Patch, a list of operations, after JSON that carries fields), then forms, then whatever is documented: the media type bodies are generated for. */
function preferredMediaType(types: readonly string[]): string | undefined {
  return preferredJsonType(types) ?? types.find((t) => /x-www-form-urlencoded|multipart\/form-data/i.test(t)) ?? types[0];
}

function buildBody(requestBody: Json | undefined, pointer: string, compile: Compile): BodyModel | undefined {
  if (!requestBody?.content || typeof requestBody.content !== 'object') return undefined;
  const mediaTypes = Object.keys(requestBody.content);
  if (mediaTypes.length === 0) return undefined;
  const byMediaType = new Map<string, { schema: object | undefined; validate: Validator | undefined }>();
  for (const type of mediaTypes) {
    const schema = requestBody.content[type]?.schema as object | undefined;
    byMediaType.set(type, { schema, validate: schema ? compile(schema, joinPointer(pointer, 'content', type, 'schema')) : undefined });
  }
  const preferred = preferredMediaType(mediaTypes)!;
  const chosen = byMediaType.get(preferred)!;
  const schema = chosen.schema ?? {};
  const validate = chosen.validate ?? compile(schema, joinPointer(pointer, 'content', preferred, 'schema'));
  if (!validate) return undefined;
  const form = mediaTypes.find((t) => /x-www-form-urlencoded|multipart\/form-data/i.test(t));
  const formSchema = form ? byMediaType.get(form)!.schema : undefined;
  const validateForm = formSchema ? compile(formSchema, joinPointer(pointer, 'content', form!, 'schema'), true) : undefined;
  const urlEncoded = mediaTypes.find((t) => /x-www-form-urlencoded/i.test(t));
  const formEncoding = urlEncoded ? formEncodingOf(requestBody.content[urlEncoded]) : undefined;
  return Object.freeze({
    required: requestBody.required === true, mediaTypes, schema, validate, byMediaType, ...(validateForm ? { validateForm } : {}), ...(formEncoding ? { formEncoding } : {}),
  });
}

/** The urlencoded fields an `encoding` entry gives a style or explode to, as query parameters of that style. */
function formEncodingOf(media: Json | undefined): Record<string, StyledParameter> | undefined {
  const encoding = media?.encoding;
  if (!encoding || typeof encoding !== 'object') return undefined;
  const properties = (media?.schema?.properties ?? {}) as Record<string, object>;
  const styled: Record<string, StyledParameter> = {};
  for (const [name, entry] of Object.entries(encoding as Record<string, Json>)) {
    if (!entry || typeof entry !== 'object' || (entry.style === undefined && entry.explode === undefined)) continue;
    const { style, explode } = serializationOf('query', entry.style, entry.explode);
    styled[name] = { name, in: 'query', style, explode, schema: properties[name] ?? {} };
  }
  return Object.keys(styled).length > 0 ? styled : undefined;
}

function buildResponses(responses: Json, pointer: string, compile: Compile, warn: Fail, samples: ResponseSamples): Map<string, ResponseModel> {
  const result = new Map<string, ResponseModel>();
  for (const [rawStatus, response] of Object.entries(responses)) {
    if (rawStatus.startsWith('x-')) continue;
    const status = /^[1-5]xx$/.test(rawStatus) ? rawStatus.toUpperCase() : rawStatus;
    const content = (response?.content ?? {}) as Json;
    const mediaTypes = Object.keys(content);
    const preferred = preferredMediaType(mediaTypes);
    const media = preferred === undefined ? undefined : content[preferred] as Json | undefined;
    const schema = media?.schema as object | undefined;
    const at = joinPointer(pointer, rawStatus, 'content', preferred ?? '', 'schema');
    const validate = schema ? compile(schema, at) : undefined;
    const headers = Object.entries((response?.headers ?? {}) as Json).map(([name, header]) => headerModel(name, header, joinPointer(pointer, rawStatus, 'headers', name), compile, samples));
    // An XML (or other text) example is the serialised document: its object schema cannot check the text.
    const serialised = preferred !== undefined && !/json/i.test(preferred) && !allowsString(schema);
    const examples = media ? examplesOf(media, validate, serialised, (name) => warn(joinPointer(pointer, rawStatus, 'content', preferred!), `The example ${name} does not match its schema: it is not served.`)) : [];
    const sample = schema && validate ? samples.add(schema, validate) : () => undefined;
    result.set(status, Object.freeze({
      status, inferred: response?.['x-inferred'] === true, mediaTypes, schema, validate, headers, examples,
      get sample() {
        return sample();
      },
    }));
  }
  return result;
}

function headerModel(name: string, header: Json | undefined, pointer: string, compile: Compile, samples: ResponseSamples): HeaderModel {
  const schema = (header?.schema ?? schemaOfContent(header?.content)) as object | undefined;
  const validate = schema ? compile(schema, pointer, true) : undefined;
  // A header described by `content` (`application/json`) is that media type's text, as a parameter's is.
  const mediaType = header?.schema === undefined ? mediaTypeOfContent(header?.content) : undefined;
  const styled: StyledParameter = { name: name.toLowerCase(), in: 'header', style: 'simple', explode: header?.explode === true, schema: schema ?? {}, ...(mediaType ? { mediaType } : {}) };
  const required = header?.required === true;
  const base = { name: name.toLowerCase(), required, validate, styled };
  if (!schema || !validate || !required) return base;
  // Drawn with the response samples (at once, or all together on first read), sent only as plain header text.
  const value = samples.add(schema, validate);
  let text: string | null | undefined = null;
  return {
    ...base,
    get sample() {
      if (text === null) {
        const drawn = value();
        const written = drawn === undefined ? undefined : serializeHeader(styled, drawn);
        text = written !== undefined && /^[\t\x20-\x7e]*$/.test(written) ? written : undefined;
      }
      return text;
    },
  };
}

function examplesOf(media: Json, validate: Validator | undefined, serialised: boolean, broken: (name: string) => void): ExampleModel[] {
  const examples: ExampleModel[] = [];
  const add = (name: string, value: unknown) => {
    if (!(serialised && typeof value === 'string') && validate && !safeValidate(validate, value)) {
      broken(`"${name}"`);
      return;
    }
    examples.push({ name, value });
  };
  if (media.examples && typeof media.examples === 'object') {
    for (const [name, example] of Object.entries(media.examples as Json)) if (example && typeof example === 'object' && 'value' in example) add(name, example.value);
  }
  if ('example' in media) add('example', media.example);
  return examples;
}

function allowsString(schema: object | undefined): boolean {
  const type = (schema as { type?: unknown } | undefined)?.type;
  return type === undefined || type === 'string' || (Array.isArray(type) && type.includes('string'));
}

interface OperationShape { pathParams: ParameterModel[]; queryParams: ParameterModel[]; hasBody: boolean; bodySchema?: object; method: string }

function buildBehaviour(spec: Json, resource: ResourceModel, pointer: string, shape: OperationShape, fail: Fail, responses: Map<string, ResponseModel>, successStatus: number): BehaviourModel {
  const kind = spec.kind as OperationKind;
  let id: BehaviourModel['id'];
  if (typeof spec.id === 'string') {
    const [, from, name] = /^\$\{(path|query|body)\.([^}]+)\}$/.exec(spec.id) ?? [];
    id = { from: from as 'path' | 'query' | 'body', name };
    const declared = from === 'path' ? shape.pathParams : from === 'query' ? shape.queryParams : undefined;
    if (declared && !declared.some((p) => p.name === name)) fail(joinPointer(pointer, 'id'), `"${name}" is not a ${from} parameter of the operation.`);
    if (from === 'body' && !shape.hasBody) fail(joinPointer(pointer, 'id'), 'The id comes from the body, but the operation has no requestBody.');
  } else if (KINDS_WITH_ID.includes(kind)) {
    fail(pointer, `A ${kind} operation needs "id" (e.g. "\${path.id}").`);
  }
  if (kind === 'create') {
    for (const scope of resource.scope) {
      if (!shape.pathParams.some((p) => p.name === scope)) fail(pointer, `The resource is scoped by "${scope}", which is not a path parameter of this create operation.`);
    }
  }
  if ((kind === 'readSection' || kind === 'writeSection') && typeof spec.section !== 'string') fail(pointer, `A ${kind} operation needs "section".`);
  if (typeof spec.bodyEnvelope === 'string' && spec.bodyEnvelope !== '' && !recordBodySchema(shape.bodySchema, spec.bodyEnvelope)) {
    fail(joinPointer(pointer, 'bodyEnvelope'), `"${spec.bodyEnvelope}" names no object in the operation's request body schema.`);
  }
  const list = spec.list ? {
    limit: spec.list.limit ? { param: spec.list.limit.param, default: spec.list.limit.default, max: spec.list.limit.max } : undefined,
    skip: spec.list.skip?.param,
    sort: spec.list.sort?.param,
    filter: spec.list.filter === true,
    ...(spec.list.page ? { page: { param: spec.list.page.param, first: spec.list.page.first ?? 1 } } : {}),
    ...(spec.list.cursor ? { cursor: { param: spec.list.cursor.param } } : {}),
  } : undefined;
  for (const param of [list?.limit?.param, list?.skip, list?.sort]) {
    if (param !== undefined && !shape.queryParams.some((p) => p.name === param)) fail(joinPointer(pointer, 'list'), `"${param}" is not a query parameter of the operation.`);
  }
  const success = responses.get(String(successStatus));
  const response = 'response' in spec ? spec.response : kind === 'static' ? undefined : defaultResponse(kind);
  return Object.freeze({
    kind,
    resource,
    id,
    set: spec.set ?? {},
    effect: spec.effect ?? 'none',
    section: spec.section,
    sectionDefault: spec.default ?? {},
    response: !('response' in spec) && kind !== 'static' && success !== undefined && success.mediaTypes.length === 0 && resource.inferredRules.has('resource') ? null : response,
    destructive: spec.destructive === true || kind === 'truncate' || (kind === 'static' && shape.method === 'delete'),
    list,
    inferred: spec['x-inferred'] === true || kind === 'static',
    envelope: spec.envelope === true,
    ...(typeof spec.bodyEnvelope === 'string' && spec.bodyEnvelope !== '' ? { bodyEnvelope: spec.bodyEnvelope } : {}),
    ...(spec.upsert === true && kind === 'replace' && id?.from === 'path' ? { upsert: true } : {}),
  });
}

function defaultResponse(kind: OperationKind): unknown {
  switch (kind) {
    case 'list': return '${items}';
    case 'count': return { count: '${count}' };
    case 'truncate': return null;
    case 'readSection':
    case 'writeSection': return '${section}';
    default: return '${record}';
  }
}
