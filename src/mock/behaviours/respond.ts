import { fieldsNamed } from '../../template/named-fields.ts';
import { renderTemplate } from '../../template/render.ts';
import { sampleFromSchema } from '../../schema/sample.ts';
import type { Validator } from '../../schema/ajv.ts';
import type { BehaviourModel, OperationModel, ResponseModel } from '../../contract/model.ts';
import { fitsToSchemas, viewOf } from '../../rules/stored.ts';
import { requestVars, templateContext, type MockContext, type MockRequest, type MockResult } from '../context.ts';
import type { StoredRecord } from '../store.ts';
import { convertedScalar } from '../../schema/converted-scalar.ts';
import { isPlainObject } from '../../shared/plain-object.ts';

/**
 * Renders the operation's response template with the record as this caller may see it (the stored rule's
 * view: transient values given, owner-only fields for the owner, no `writeOnly` field) and extra values.
 */
export function respond(
  context: MockContext,
  request: MockRequest,
  values: { record?: StoredRecord; transient?: Record<string, unknown>; items?: unknown[]; count?: number; more?: boolean; section?: unknown },
  /** Another documented success to answer with (an upsert that created its record: 201). */
  successStatus = request.operation.successStatus,
): MockResult {
  const { behaviour } = request.operation;
  if (behaviour.response === null) return { status: successStatus, body: undefined };
  const record = values.record ? viewOf(behaviour.resource, values.record.data, request.principal, values.transient, recordFieldsRead(behaviour)) : undefined;
  const vars = requestVars(request, { record, items: values.items, count: values.count, more: values.more, section: values.section });
  const rendered = renderTemplate(behaviour.response, templateContext(context, vars));
  const { success, mediaType } = successOf(request.operation, successStatus);
  let body = behaviour.envelope ? enveloped(success, behaviour.response, rendered) : rendered;
  if (fitsToSchemas(behaviour.resource) && success?.validate && success.schema) body = fitToSchema(context, body, success.schema, success.validate);
  return mediaType === undefined ? { status: successStatus, body } : { status: successStatus, body, mediaType };
}

const recordFields = new WeakMap<BehaviourModel, ReadonlySet<string> | null>();

/** The record's fields the operation's answer template reads (undefined: it reads the record whole). */
function recordFieldsRead(behaviour: BehaviourModel): ReadonlySet<string> | undefined {
  let fields = recordFields.get(behaviour);
  if (fields === undefined) {
    fields = fieldsNamed(behaviour.response, 'record');
    recordFields.set(behaviour, fields);
  }
  return fields ?? undefined;
}

interface Success {
  readonly success: ResponseModel | undefined;
  /** The JSON media type the answer is labelled with, when it is not plain `application/json`. */
  readonly mediaType: string | undefined;
}

const successes = new WeakMap<OperationModel, Map<number, Success>>();

/** The operation's documented success response and its JSON media type, looked up once per operation. */
function successOf(operation: OperationModel, status: number): Success {
  let byStatus = successes.get(operation);
  if (!byStatus) successes.set(operation, byStatus = new Map());
  let known = byStatus.get(status);
  if (!known) {
    const success = operation.responses.get(String(status));
    const json = success?.mediaTypes.find((type) => /json/i.test(type));
    known = { success, mediaType: json && json !== 'application/json' ? json : undefined };
    byStatus.set(status, known);
  }
  return known;
}

/**
 * The answer in its envelope. The sample may be another branch of a `oneOf` than the template's (`{alerts:
 * [...]}` where the template places `{alert}`): laid over it, the answer would match both; the template's
 * values alone then, when they are a valid answer.
 */
function enveloped(success: ResponseModel | undefined, template: unknown, rendered: unknown): unknown {
  // A template that places nothing (`{}`: the documented body, from its schema) answers the sample, an array too.
  if (isPlainObject(template) && Object.keys(template).length === 0 && success?.sample !== undefined) return structuredClone(success.sample);
  const body = overlay(structuredClone(success?.sample), template, rendered);
  return success?.validate && !success.validate(body) && success.validate(rendered) ? rendered : body;
}

/**
 * The template's values laid over the envelope the schema gives (a seeded sample): what the template
 * places wins, the rest of a documented wrapper (`meta`, `links`...) keeps its sample.
 */
function overlay(base: unknown, template: unknown, values: unknown): unknown {
  // Only the template's own structure merges; a value it renders (the record, the items) replaces whole.
  if (!isPlainObject(base) || !isPlainObject(template) || !isPlainObject(values)) return values;
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(values)) result[key] = overlay(result[key], template[key], value);
  return result;
}

/**
 * An answer that breaks the operation's own response schema (an inferred resource's create answers another
 * shape of the record than its read), where the stored rule fits the resource to its schemas: each
 * offending value is replaced by one drawn from the schema at that place (a scalar of another type by
 * itself converted, where that fits: schema/converted-scalar.ts), and a property a closed schema
 * does not have is left out.
 */
function fitToSchema(context: MockContext, answer: unknown, schema: object, validate: Validator): unknown {
  if (validate(answer)) return answer;
  // Mended on a copy: the answer shares values with the store and the samples, some of them frozen.
  const body = structuredClone(answer);
  for (let round = 0; round < 3 && !validate(body); round++) {
    for (const error of (validate.errors ?? []).slice(0, 20)) {
      const path = error.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
      // A property the answer's closed schema does not have (the record holds more than this answer shows): left out.
      const extra = error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties'
        ? (error.params as { additionalProperty?: unknown; unevaluatedProperty?: unknown }) : undefined;
      if (extra) {
        removeAt(body, [...path, String(extra.additionalProperty ?? extra.unevaluatedProperty)]);
        continue;
      }
      // A required property the record lacks (the answer's shape is not the record's): drawn like the rest.
      if (error.keyword === 'required') path.push(String((error.params as { missingProperty?: unknown }).missingProperty));
      const at = schemaAt(schema, path);
      if (!at || path.length === 0) continue;
      const candidate = validatorFor(context, at);
      const converted = candidate ? convertedScalar(valueAt(body, path), (value) => candidate(value) === true) : undefined;
      if (converted !== undefined) {
        setAt(body, path, converted);
        continue;
      }
      context.faker.seed(context.random.int(2 ** 31));
      for (let attempt = 0; attempt < 5; attempt++) {
        const value = sampleFromSchema(at, context.faker, { optionalProbability: 0.5, maxDepth: 3, compile: context.contract.schemas.tryCompile });
        if (!candidate || candidate(value)) {
          setAt(body, path, value);
          break;
        }
      }
    }
  }
  return body;
}

function validatorFor(context: MockContext, schema: object): Validator | null {
  return context.contract.schemas.tryCompile(schema);
}

/**
 * The schema of a value at a path, through properties, items and allOf: where several allOf branches
 * declare the property (one narrows another's `string | null` to `null`), all of them.
 */
function schemaAt(schema: unknown, path: readonly string[]): object | undefined {
  let node = schema;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    const object = node as Record<string, unknown>;
    if (/^\d+$/.test(segment) && object.items) {
      node = object.items;
      continue;
    }
    const own = (object.properties as Record<string, unknown> | undefined)?.[segment];
    const fromAllOf = Array.isArray(object.allOf) ? object.allOf.map((branch) => (branch as Record<string, any>)?.properties?.[segment]).filter(Boolean) : [];
    const all = [...(own === undefined ? [] : [own]), ...fromAllOf];
    node = all.length > 1 ? { allOf: all } : all[0];
  }
  return node !== null && typeof node === 'object' ? node : undefined;
}

function valueAt(root: unknown, path: readonly string[]): unknown {
  let node = root;
  for (const segment of path) node = isPlainObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[segment] : undefined;
  return node;
}

function setAt(root: unknown, path: readonly string[], value: unknown): void {
  let node = root as Record<string, unknown>;
  for (const segment of path.slice(0, -1)) {
    if (node[segment] === null || typeof node[segment] !== 'object') return;
    node = node[segment] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}

function removeAt(root: unknown, path: readonly string[]): void {
  let node = root;
  for (const segment of path.slice(0, -1)) node = isPlainObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[segment] : undefined;
  if (isPlainObject(node)) delete node[path[path.length - 1]];
}
