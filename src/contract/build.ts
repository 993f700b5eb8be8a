import { bodyAjv, parameterAjv, type Validator } from '../schema/ajv.ts';
import { ContractError, joinPointer, type ContractProblem } from './errors.ts';
import type {
  BehaviourModel, BodyModel, ContractModel, GeneratedField, HeaderModel, OperationModel, ParameterModel,
  ResourceModel, ResponseModel, SecurityModel, SituationModel,
} from './model.ts';
import { collectFields } from './schema-fields.ts';
import { SITUATIONS, type OperationKind, type Situation } from './vocabulary.ts';
import { compareOperationPaths } from './path-order.ts';

type Json = Record<string, any>;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const KINDS_WITH_ID: readonly OperationKind[] = ['read', 'update', 'replace', 'delete', 'action', 'readSection', 'writeSection'];
const KINDS_WITH_BODY: readonly OperationKind[] = ['create', 'update', 'replace', 'writeSection'];

/**
 * Builds the immutable model from a validated, $ref-resolved document. Every schema is compiled here,
 * once; semantic mistakes (a rule naming a field that does not exist...) are collected and thrown together.
 */
export function buildContract(id: string, file: string, document: Json, lineOf: (p: string) => number | undefined): ContractModel {
  const problems: ContractProblem[] = [];
  const fail = (pointer: string, message: string) => problems.push({ pointer, message, line: lineOf(pointer) });
  const compile = (ajv: typeof bodyAjv, schema: unknown, pointer: string): Validator | undefined => {
    try {
      return ajv.compile(schema as object);
    } catch (error) {
      fail(pointer, `Invalid JSON Schema: ${(error as Error).message}`);
      return undefined;
    }
  };

  const harness = document['x-harness'] as Json;
  const situations = buildSituations(harness.errors.situations, {});
  const resources = new Map<string, ResourceModel>();
  for (const [name, spec] of Object.entries(harness.resources as Json)) {
    const pointer = joinPointer('/x-harness/resources', name);
    const resource = buildResource(name, spec, pointer, compile, fail);
    if (resource) resources.set(name, resource);
  }

  const schemes = (document.components?.securitySchemes ?? {}) as Json;
  const operations: OperationModel[] = [];
  for (const [path, item] of Object.entries((document.paths ?? {}) as Json)) {
    for (const method of METHODS) {
      const operation = item?.[method] as Json | undefined;
      if (!operation) continue;
      const pointer = joinPointer('/paths', path, method);
      const built = buildOperation({ path, method, operation, item, pointer, document, schemes, resources, situations, compile, fail });
      if (built) operations.push(Object.freeze({ ...built, line: lineOf(pointer) }));
    }
  }
  const ids = new Set<string>();
  for (const operation of operations) {
    if (ids.has(operation.id)) fail(operation.pointer, `Duplicate operationId "${operation.id}".`);
    ids.add(operation.id);
  }
  if (problems.length > 0) throw new ContractError('SCHEMA', file, problems);

  return Object.freeze({
    id,
    file,
    title: String(document.info?.title ?? id),
    version: String(document.info?.version ?? ''),
    serverUrl: resolveServerUrl(document.servers?.[0]),
    security: resolveSecurity(document.security, schemes),
    errorBody: harness.errors.body,
    situations,
    resources,
    operations: operations.sort(compareOperationPaths),
  });
}

function buildSituations(specs: Json, overrides: Json): Record<Situation, SituationModel> {
  const result = {} as Record<Situation, SituationModel>;
  for (const name of SITUATIONS) {
    const { status, 'x-inferred': inferred, ...vars } = { ...(specs[name] ?? {}), ...(overrides[name] ?? {}) };
    result[name] = Object.freeze({ status, vars, inferred: inferred === true });
  }
  return Object.freeze(result);
}

function resolveServerUrl(server: Json | undefined): string {
  if (!server?.url) return 'http://localhost';
  return String(server.url).replace(/\{([^}]+)\}/g, (_, name: string) => String(server.variables?.[name]?.default ?? name));
}

function resolveSecurity(requirements: unknown, schemes: Json): SecurityModel | undefined {
  if (!Array.isArray(requirements)) return undefined;
  for (const requirement of requirements) {
    const name = Object.keys(requirement ?? {})[0];
    const scheme = name === undefined ? undefined : schemes[name];
    if (!scheme) continue;
    const extension = (scheme['x-harness'] ?? {}) as Json;
    const prefix = scheme.type === 'http' ? String(scheme.scheme) : 'bearer';
    return Object.freeze({
      name,
      scheme: prefix.toLowerCase(),
      jwt: extension.jwt === true,
      principalClaims: extension.principal ?? ['sub'],
    });
  }
  return undefined;
}

type Compile = (ajv: typeof bodyAjv, schema: unknown, pointer: string) => Validator | undefined;
type Fail = (pointer: string, message: string) => void;

function buildResource(name: string, spec: Json, pointer: string, compile: Compile, fail: Fail): ResourceModel | undefined {
  const validate = compile(bodyAjv, spec.schema, joinPointer(pointer, 'schema'));
  if (!validate) return undefined;
  const fields = collectFields(spec.schema);
  const requireField = (field: string, ...where: string[]) => {
    if (!fields.has(field)) fail(joinPointer(pointer, ...where), `"${field}" is not a property of the resource schema.`);
  };
  requireField(spec.key, 'key');
  const generated: Record<string, GeneratedField> = {};
  for (const [field, rule] of Object.entries((spec.generated ?? {}) as Json)) {
    requireField(field, 'generated', field);
    generated[field] = Object.freeze({ value: rule.value, on: rule.on ?? ['create'], when: rule.when, unique: rule.unique === true });
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
    visibility: spec.visibility,
    versioning: spec.versioning ? { field: spec.versioning.field, initial: spec.versioning.initial ?? 0 } : undefined,
    membership: spec.membership ? { field: spec.membership.field, capacity: spec.membership.capacity ?? [] } : undefined,
    expiry: spec.expiry ? { after: spec.expiry.after, unless: spec.expiry.unless } : undefined,
    inferredRules,
  });
}

interface OperationInput {
  path: string; method: string; operation: Json; item: Json; pointer: string; document: Json; schemes: Json;
  resources: Map<string, ResourceModel>; situations: Record<Situation, SituationModel>; compile: Compile; fail: Fail;
}

function buildOperation(input: OperationInput): OperationModel | undefined {
  const { path, method, operation, item, pointer, document, resources, compile, fail } = input;
  const spec = operation['x-harness'] as Json | undefined;
  if (!spec) {
    fail(pointer, 'The operation has no x-harness declaration (kind and resource): the mock cannot serve it.');
    return undefined;
  }
  const resource = resources.get(spec.resource);
  if (!resource) {
    // A declared resource that failed to build has reported its own problem already.
    const declared = Object.keys((document['x-harness']?.resources ?? {}) as Json);
    if (!declared.includes(spec.resource)) {
      fail(joinPointer(pointer, 'x-harness', 'resource'), `Unknown resource "${spec.resource}". Declared: ${declared.join(', ') || 'none'}.`);
    }
    return undefined;
  }
  if (typeof operation.operationId !== 'string') fail(pointer, 'The operation needs an operationId: reports and --only use it.');

  const parameters = mergeParameters(item.parameters, operation.parameters);
  const pathParams = parameters.filter((p) => p.in === 'path');
  const queryParams = parameters.filter((p) => p.in === 'query');
  for (const name of [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1])) {
    if (!pathParams.some((p) => p.name === name)) fail(pointer, `Path parameter "${name}" is not declared in parameters.`);
  }
  const validatePath = pathParams.length ? compile(parameterAjv, objectSchema(pathParams), joinPointer(pointer, 'parameters')) : undefined;
  const validateQuery = queryParams.length ? compile(parameterAjv, objectSchema(queryParams), joinPointer(pointer, 'parameters')) : undefined;

  const body = buildBody(operation.requestBody, joinPointer(pointer, 'requestBody'), compile);
  const responses = buildResponses(operation.responses ?? {}, joinPointer(pointer, 'responses'), compile);
  const successStatus = Math.min(...[...responses.keys()].map(Number).filter((s) => s >= 200 && s < 300));
  if (!Number.isFinite(successStatus)) fail(joinPointer(pointer, 'responses'), 'No 2xx response is documented.');

  const behaviour = buildBehaviour(spec, resource, joinPointer(pointer, 'x-harness'), { pathParams, queryParams, hasBody: !!body }, fail);
  const situations = buildSituations(
    Object.fromEntries(Object.entries(input.situations).map(([name, s]) => [name, { status: s.status, ...s.vars, 'x-inferred': s.inferred }])),
    spec.errors ?? {},
  );
  const operationSecurity = operation.security ?? document.security ?? [];
  const secured = Array.isArray(operationSecurity) && operationSecurity.some((r: Json) => Object.keys(r ?? {}).length > 0);

  const documented = (situation: Situation, why: string) => {
    const status = situations[situation].status;
    if (status !== undefined && !responses.has(String(status)) && !responses.has(`${String(status)[0]}XX`) && !responses.has('default')) {
      fail(joinPointer(pointer, 'responses'), `Status ${status} (${situation}: ${why}) is not documented.`);
    }
  };
  if (secured) documented('unauthenticated', 'the operation requires credentials');
  if (behaviour.id) documented('notFound', 'the operation addresses one record');
  if (body) documented('invalid', 'the operation takes a body');
  if (KINDS_WITH_BODY.includes(behaviour.kind) && !body) fail(pointer, `A ${behaviour.kind} operation needs a requestBody.`);

  return Object.freeze({
    id: String(operation.operationId),
    method: method.toUpperCase(),
    path,
    pointer,
    tag: operation.tags?.[0],
    summary: operation.summary,
    pathParams,
    queryParams,
    validatePath,
    validateQuery,
    body,
    responses,
    successStatus,
    secured,
    behaviour,
    situations,
  });
}

function mergeParameters(pathLevel: unknown, operationLevel: unknown): ParameterModel[] {
  const merged = new Map<string, ParameterModel>();
  for (const list of [pathLevel, operationLevel]) {
    if (!Array.isArray(list)) continue;
    for (const p of list as Json[]) {
      if (p.in !== 'path' && p.in !== 'query' && p.in !== 'header') continue;
      merged.set(`${p.in}:${p.name}`, Object.freeze({ name: p.name, in: p.in, required: p.required === true || p.in === 'path', schema: p.schema ?? {} }));
    }
  }
  return [...merged.values()];
}

function objectSchema(parameters: readonly ParameterModel[]): object {
  return {
    type: 'object',
    properties: Object.fromEntries(parameters.map((p) => [p.name, p.schema])),
    required: parameters.filter((p) => p.required).map((p) => p.name),
  };
}

function buildBody(requestBody: Json | undefined, pointer: string, compile: Compile): BodyModel | undefined {
  if (!requestBody?.content) return undefined;
  const mediaTypes = Object.keys(requestBody.content);
  const schema = (requestBody.content[mediaTypes[0]]?.schema ?? {}) as object;
  const validate = compile(bodyAjv, schema, joinPointer(pointer, 'content', mediaTypes[0], 'schema'));
  if (!validate) return undefined;
  return Object.freeze({ required: requestBody.required === true, mediaTypes, schema, validate });
}

function buildResponses(responses: Json, pointer: string, compile: Compile): Map<string, ResponseModel> {
  const result = new Map<string, ResponseModel>();
  for (const [status, response] of Object.entries(responses)) {
    const content = (response?.content ?? {}) as Json;
    const mediaTypes = Object.keys(content);
    const schema = mediaTypes.length ? (content[mediaTypes[0]]?.schema as object | undefined) : undefined;
    const validate = schema ? compile(bodyAjv, schema, joinPointer(pointer, status, 'content', mediaTypes[0], 'schema')) : undefined;
    const headers: HeaderModel[] = Object.entries((response?.headers ?? {}) as Json).map(([name, header]) => ({
      name: name.toLowerCase(),
      required: header?.required === true,
      validate: header?.schema ? compile(parameterAjv, header.schema, joinPointer(pointer, status, 'headers', name)) : undefined,
    }));
    result.set(status, Object.freeze({ status, inferred: response?.['x-inferred'] === true, mediaTypes, schema, validate, headers }));
  }
  return result;
}

interface OperationShape { pathParams: ParameterModel[]; queryParams: ParameterModel[]; hasBody: boolean }

function buildBehaviour(spec: Json, resource: ResourceModel, pointer: string, shape: OperationShape, fail: Fail): BehaviourModel {
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
  const list = spec.list ? {
    limit: spec.list.limit ? { param: spec.list.limit.param, default: spec.list.limit.default, max: spec.list.limit.max } : undefined,
    skip: spec.list.skip?.param,
    sort: spec.list.sort?.param,
    filter: spec.list.filter === true,
  } : undefined;
  for (const param of [list?.limit?.param, list?.skip, list?.sort]) {
    if (param !== undefined && !shape.queryParams.some((p) => p.name === param)) fail(joinPointer(pointer, 'list'), `"${param}" is not a query parameter of the operation.`);
  }
  return Object.freeze({
    kind,
    resource,
    id,
    set: spec.set ?? {},
    effect: spec.effect ?? 'none',
    section: spec.section,
    sectionDefault: spec.default ?? {},
    response: 'response' in spec ? spec.response : defaultResponse(kind),
    destructive: spec.destructive === true || kind === 'truncate',
    list,
    inferred: spec['x-inferred'] === true,
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
