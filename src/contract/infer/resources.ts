import { jsonEqual } from '../../shared/json-equal.ts';
import { escapePointer, unescapePointer } from '../../shared/json-pointer.ts';
import { keyTemplateFor } from '../../rules/generated.ts';
import { fieldsJsonType, isJsonPatchType, isOperationListSchema } from '../../rules/patch-media.ts';
import { operationsByPath } from './paths.ts';
import { withoutFixedQuery } from '../../shared/path-key.ts';
import { collectFields, propertyDefaults, visitAllOf } from '../schema-fields.ts';
import { CURSOR_PARAMS, HAS_MORE_PROPERTIES, ITEMS_PROPERTIES, keyCandidates, LIMIT_PARAMS, namedKeyCandidates, OFFSET_PARAMS, PAGE_PARAMS, PAGING_OBJECTS, RECORD_PROPERTIES, singular, timestampRole, TOTAL_PROPERTIES } from './names.ts';

type Json = Record<string, any>;

export interface InferredOperation {
  readonly path: string;
  readonly method: string;
  readonly operation: Json;
  readonly item: Json;
}

/** What inference makes of a document: x-harness-shaped declarations, read by the same builder. */
export interface InferredHarness {
  readonly resources: Record<string, Json>;
  /** By `METHOD path`: the operation's x-harness declaration. */
  readonly operations: Map<string, Json>;
}

/** Operations whose keys differ only by a fixed query (`/responses?beta=true`) share what inference makes of them. */
export const operationKey = (method: string, path: string) => `${method.toUpperCase()} ${withoutFixedQuery(path)}`;

const SUCCESS = /^2\d\d$/;
const WRITES = new Set(['create', 'update', 'replace']);

/**
 * Resources from REST conventions: a collection path and its item path (`/pets`, `/pets/{petId}`), nested
 * under parent parameters (which scope the records). POST on the collection creates, GET lists; GET, PUT,
 * PATCH and DELETE on the item read, replace, update and delete. The key is the property the item
 * parameter names (`petId` -> `id`...). Standard keywords say the rest: `readOnly` fields are generated,
 * `writeOnly` ones hidden, timestamps follow the clock. Whatever fits no resource is left out: it is
 * served statelessly. Everything inferred is marked `x-inferred`.
 */
export function inferResources(operations: readonly InferredOperation[]): InferredHarness {
  const byPath = operationsByPath(operations);
  const resources: Record<string, Json> = {};
  const declared = new Map<string, Json>();
  for (const [itemPath, itemOps] of byPath) {
    const segments = itemPath.split('/').filter(Boolean);
    const last = segments[segments.length - 1];
    const param = /^\{([^}]+)\}$/.exec(last ?? '')?.[1];
    if (!param || segments.length < 2 || /^\{/.test(segments[segments.length - 2])) continue;
    const collectionPath = `/${segments.slice(0, -1).join('/')}`;
    const collectionOps = byPath.get(collectionPath) ?? new Map<string, InferredOperation>();
    const create = collectionOps.get('post');
    const read = itemOps.get('get');
    if (!read && !create) continue;
    const base = singular(segments[segments.length - 2].replace(/[^A-Za-z0-9_]/g, '_'));
    const keyParameter = keyParameterSchema([...(read ? [read] : []), ...itemOps.values()], param);
    const found = recordWithKey(recordSchemas(read, create, collectionOps.get('get'), itemOps.get('put'), base), param, base, keyParameter);
    if (!found) continue;
    const { schema, key } = found;
    // No read says what the record is, and the create answers an object holding none of the fields it writes.
    if (!read && create && answersParent(found, byPath.get(collectionPath.split('/').slice(0, -1).join('/')))) continue;
    const name = resourceName(resources, base, collectionPath, [create, collectionOps.get('get'), ...itemOps.values()]);
    resources[name] = resourceEntry(found, collectionPath, create, itemOps.get('put'), keyParameter, base);
    const id = `\${path.${param}}`;
    const declare = (op: InferredOperation | undefined, spec: Json) => declareOperation(declared, op, spec, { name, base, schema });
    if (create && isObjectBody(create.operation) && !answersRecordList(create, key, base)) declare(create, { kind: 'create' });
    const list = collectionOps.get('get');
    // A list whose answer holds no records where conventions look (`[...]`, `{items: [...]}`) stays stateless.
    if (list && responseTemplate(list, 'list', base) !== undefined) declare(list, { kind: 'list', list: listSpec(list, topLevelProperties(schema)[key]) });
    declare(read, { kind: 'read', id });
    const put = itemOps.get('put');
    if (put && bodySchema(put.operation) && !answersAnotherObject(put, found, base)) declare(put, { kind: 'replace', id, ...(isUpsert(put, create !== undefined) ? { upsert: true } : {}) });
    const patch = itemOps.get('patch') ?? (itemOps.get('post') && bodySchema(itemOps.get('post')!.operation) ? itemOps.get('post') : undefined);
    const patchable = patch !== undefined && ((bodySchema(patch.operation) !== undefined && isObjectBody(patch.operation)) || acceptsJsonPatch(patch.operation));
    if (patchable && !answersAnotherObject(patch, found, base)) declare(patch, { kind: 'update', id });
    declare(itemOps.get('delete'), { kind: 'delete', id });
    const collectionPut = collectionOps.get('put');
    if (collectionPut && bodySchema(collectionPut.operation) && collectFields(bodySchema(collectionPut.operation)).has(key)) {
      declare(collectionPut, { kind: 'replace', id: `\${body.${key}}` });
    }
  }
  return { resources, operations: declared };
}

/**
 * Files an operation's inferred declaration (`kind`, `resource`, where the record sits in its answer and
 * body), unless one is filed for it already.
 */
export function declareOperation(declared: Map<string, Json>, op: InferredOperation | undefined, spec: Json, resource: { name: string; base: string; schema: Json }): void {
  if (!op || declared.has(operationKey(op.method, op.path))) return;
  const response = responseTemplate(op, spec.kind, resource.base);
  const envelope = response !== null && typeof response === 'object' && !Array.isArray(response);
  // CRUD follows from HTTP semantics (what is created can be read, what is deleted is gone): failures.
  // Paging follows from parameter names only: warnings.
  const guessed = spec.kind === 'list';
  const bodyEnvelope = WRITES.has(spec.kind) ? locateRequestRecord(bodySchema(op.operation), resource.schema, resource.base) : '';
  declared.set(operationKey(op.method, op.path), { ...spec, resource: resource.name, ...(bodyEnvelope ? { bodyEnvelope } : {}), ...(response === undefined ? {} : { response }), ...(envelope ? { envelope: true } : {}), ...(guessed ? { 'x-inferred': true } : {}) });
}

/**
 * A POST on the collection that answers a list of records (`{result: [Point]}`) and no record of its own: a
 * query by body (retrieve the points with these ids), not a create. Served statelessly.
 */
function answersRecordList(create: InferredOperation, key: string, base: string): boolean {
  const schema = successSchema(create.operation);
  const located = schema ? locateRecordSchema(schema, base) : undefined;
  if (located && Object.hasOwn(topLevelProperties(located.schema), key)) return false;
  const items = listItemSchema(create);
  return items !== undefined && Object.hasOwn(topLevelProperties(items), key);
}

/** The schema of the records an operation answers as a list, where its envelope keeps them. */
export function listItemSchema(op: InferredOperation): Json | undefined {
  const schema = successSchema(op.operation);
  const located = schema ? locateListSchema(schema) : undefined;
  if (!schema || !located) return undefined;
  let node: Json | undefined = schema;
  for (const segment of located.items.split('/').slice(1)) node = node ? objectView(node).properties[unescapePointer(segment)] : undefined;
  const items = node?.items;
  return items && typeof items === 'object' && isObjectSchema(items) ? items : undefined;
}

/**
 * A nested create answering what a read of its parent answers (`POST /attributes/{id}/options` answering the
 * attribute the option was added to): that is the parent, not what was created.
 */
function answersParent(record: { schema: Json }, parentOps: Map<string, InferredOperation> | undefined): boolean {
  const parentRead = parentOps?.get('get');
  const schema = parentRead && /\}$/.test(parentRead.path) ? successSchema(parentRead.operation) : undefined;
  const parent = schema ? locateRecordSchema(schema)?.schema : undefined;
  return parent !== undefined && (parent === record.schema || jsonEqual(parent, record.schema));
}

/**
 * A PUT on the item path that creates the record at the key the path names: one documenting 201, or, where
 * nothing else creates the resource, one documenting no 404 (a PUT that only replaces says the key is unknown).
 */
function isUpsert(put: InferredOperation, created: boolean): boolean {
  const statuses = Object.keys((put.operation.responses ?? {}) as Json);
  return statuses.includes('201') || (!created && !statuses.includes('404'));
}

/**
 * A write on the item path that answers another object than the record (Sentry's issue integrations: the
 * read answers the integration's settings, the POST the external issue it creates): an answer of several
 * fields, none of them a record field but the key. Not a write of the record: it is served statelessly.
 */
function answersAnotherObject(op: InferredOperation, record: { schema: Json; key: string }, base: string): boolean {
  const schema = successSchema(op.operation);
  const located = schema ? locateRecordSchema(schema, base) : undefined;
  if (!located) return false;
  const fields = topLevelProperties(record.schema);
  const others = Object.keys(topLevelProperties(located.schema)).filter((name) => name !== record.key);
  // An answer of the key alone (`{id}`) says too little to tell.
  return others.length >= 2 && !others.some((name) => Object.hasOwn(fields, name));
}

/** The inferred resource: its record schema and key, the scope its collection path gives, what the server sets and defaults. */
export function resourceEntry(found: { schema: Json; key: string }, collectionPath: string, create: InferredOperation | undefined, put: InferredOperation | undefined, keyParameter: Json | undefined, base: string): Json {
  const { schema, key } = found;
  const scope = [...collectionPath.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  const createBody = create ? writtenRecordSchema(bodySchema(create.operation), schema, base) : undefined;
  const defaults = inputDefaults(createBody, put ? writtenRecordSchema(bodySchema(put.operation), schema, base) : undefined);
  return {
    schema,
    key,
    ...(scope.length ? { scope } : {}),
    generated: generatedFields(schema, key, createBody, keyParameter),
    ...(Object.keys(defaults).length > 0 ? { defaults } : {}),
    'x-inferred': true,
  };
}

/**
 * The resource's name: the one an operation's own `x-harness` gives it (the user's word for it), else the
 * collection's singular, made unique.
 */
export function resourceName(taken: Record<string, unknown>, base: string, collectionPath: string, ops: readonly (InferredOperation | undefined)[]): string {
  const named = ops.map((op) => op?.operation['x-harness']?.resource).find((name): name is string => typeof name === 'string' && name !== '');
  return named !== undefined && !Object.hasOwn(taken, named) ? named : uniqueName(taken, base, collectionPath);
}

function uniqueName(taken: Record<string, unknown>, base: string, collectionPath: string): string {
  if (!(base in taken)) return base;
  const words = collectionPath.split('/').filter((s) => s && !s.startsWith('{'));
  const longer = words.map((w) => singular(w)).join('_');
  if (!(longer in taken)) return longer;
  for (let n = 2; ; n++) if (!(`${base}${n}` in taken)) return `${base}${n}`;
}

/**
 * The record as the API shows it: the read's 2xx body, the create's, the list's items (where the read and the
 * create document only examples), then the replace's or create's request, unwrapped.
 */
function recordSchemas(read: InferredOperation | undefined, create: InferredOperation | undefined, list: InferredOperation | undefined, put: InferredOperation | undefined, name: string): Json[] {
  const schemas: Json[] = [];
  for (const op of [read, create]) {
    const schema = op ? successSchema(op.operation) : undefined;
    const located = schema ? locateRecordSchema(schema, name) : undefined;
    if (located) schemas.push(located.schema);
  }
  const items = list ? listItemSchema(list) : undefined;
  if (items) schemas.push(items);
  const body = put ? bodySchema(put.operation) : create ? bodySchema(create.operation) : undefined;
  if (body && isObjectSchema(body)) schemas.push(body);
  return schemas;
}

/**
 * A read that answers the base shape of a polymorphic record (`Pet`) while another operation answers its
 * variants (`oneOf: [Cat, Dog]`, each extending `Pet`): the variants are the record, or the fields only a
 * variant has (a dog's `bark`) would not be kept. Only where the variants hold every field of the base.
 */
function polymorphicOf(base: Json, schemas: readonly Json[]): Json | undefined {
  if (hasVariants(base)) return undefined;
  const fields = collectFields(base);
  return schemas.find((other) => {
    if (other === base || !hasVariants(other)) return false;
    const wider = collectFields(other);
    return wider.size > fields.size && [...fields].every((field) => wider.has(field));
  });
}

const hasVariants = (schema: Json): boolean => Array.isArray(schema.oneOf) || Array.isArray(schema.anyOf);

/**
 * The record schema and its key: the first schema with a property the item parameter names (`segment_id` ->
 * `id`), else the first with a usual key name (`name`...), as long as the property can be the parameter's
 * value (an integer parameter names no string `name`). A read that leaves out the id the create answers
 * with gives way to the create's.
 */
export function recordWithKey(schemas: readonly Json[], param: string, base: string, parameter: Json | undefined): { schema: Json; key: string } | undefined {
  const named = namedKeyCandidates(param, base);
  let fallback: { schema: Json; key: string } | undefined;
  for (const schema of schemas) {
    const properties = topLevelProperties(schema);
    const fits = (name: string) => name in properties && canBeKey(properties[name], parameter);
    const key = named.find(fits) ?? Object.keys(properties).find((name) => name.toLowerCase() === param.toLowerCase() && fits(name));
    if (key !== undefined) return { schema: polymorphicOf(schema, schemas) ?? schema, key };
    const usual = keyCandidates(param, base).find(fits);
    if (usual !== undefined) fallback ??= { schema, key: usual };
  }
  return fallback;
}

/** Each top-level property's schema (the first declared), looking through allOf/anyOf/oneOf as collectFields does. */
export function topLevelProperties(schema: Json, found: Record<string, Json> = {}, depth = 0): Record<string, Json> {
  if (!schema || typeof schema !== 'object' || depth > 8) return found;
  for (const [name, property] of Object.entries((schema.properties ?? {}) as Json)) if (!Object.hasOwn(found, name)) found[name] = property;
  for (const key of ['allOf', 'anyOf', 'oneOf']) for (const branch of Array.isArray(schema[key]) ? schema[key] : []) topLevelProperties(branch, found, depth + 1);
  return found;
}

/** Whether a property can hold the item parameter's value: a scalar, numeric where the parameter is. */
function canBeKey(property: Json | undefined, parameter: Json | undefined): boolean {
  if (!property || typeof property !== 'object') return false;
  const types = [property.type].flat().filter((type) => type !== undefined && type !== 'null');
  if (types.some((type) => type === 'object' || type === 'array' || type === 'boolean')) return false;
  const wanted = [parameter?.type].flat();
  const numeric = wanted.length > 0 && wanted.every((type) => type === 'integer' || type === 'number');
  return !numeric || types.length === 0 || types.some((type) => type === 'integer' || type === 'number');
}

export function successSchema(operation: Json): Json | undefined {
  for (const [status, response] of Object.entries((operation.responses ?? {}) as Json)) {
    if (!SUCCESS.test(status)) continue;
    const schema = jsonSchemaOf(response?.content);
    if (schema) return schema;
  }
  return undefined;
}

export function bodySchema(operation: Json): Json | undefined {
  return jsonSchemaOf(operation.requestBody?.content) ?? formSchemaOf(operation.requestBody?.content);
}

/**
 * A write documented as JSON Patch (RFC 6902): an update of the record, whatever its list of operations looks
 * like; or a JSON body documented as a list of operations (Ory documents its JSON Patch as `application/json`).
 */
function acceptsJsonPatch(operation: Json): boolean {
  const content = operation.requestBody?.content;
  if (content === null || typeof content !== 'object') return false;
  return Object.entries(content as Record<string, Json>).some(([type, media]) => isJsonPatchType(type) || (/json/i.test(type) && isOperationListSchema(media?.schema)));
}

export function isObjectBody(operation: Json): boolean {
  const schema = bodySchema(operation);
  return schema !== undefined && isObjectSchema(schema);
}

/** A body's JSON schema: of its first JSON media type that carries fields (JSON Patch carries operations). */
function jsonSchemaOf(content: Json | undefined): Json | undefined {
  if (!content || typeof content !== 'object') return undefined;
  const type = fieldsJsonType(Object.keys(content)) ?? Object.keys(content).find((t) => t === '*/*');
  const schema = type ? content[type]?.schema : undefined;
  return schema && typeof schema === 'object' ? schema : undefined;
}

function formSchemaOf(content: Json | undefined): Json | undefined {
  if (!content || typeof content !== 'object') return undefined;
  const type = Object.keys(content).find((t) => /x-www-form-urlencoded|multipart\/form-data/i.test(t));
  const schema = type ? content[type]?.schema : undefined;
  return schema && typeof schema === 'object' ? schema : undefined;
}

/** An object schema's own view: properties and required fields, with allOf branches merged in. */
export function objectView(schema: Json): { properties: Record<string, Json>; required: string[] } {
  const properties: Record<string, Json> = {};
  const required = new Set<string>();
  visitAllOf(schema, (node) => {
    Object.assign(properties, node.properties ?? {});
    for (const name of Array.isArray(node.required) ? node.required : []) required.add(name);
  });
  return { properties, required: [...required] };
}

/** An object schema: typed so, with properties (through allOf), or a choice of object shapes (`oneOf` of record types). */
export function isObjectSchema(schema: Json, depth = 0): boolean {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('array')) return false;
  if (types.includes('object') || Object.keys(objectView(schema).properties).length > 0) return true;
  const branches = [...(Array.isArray(schema.oneOf) ? schema.oneOf : []), ...(Array.isArray(schema.anyOf) ? schema.anyOf : [])];
  return depth < 4 && branches.length > 0 && branches.every((branch: Json) => branch && typeof branch === 'object' && isObjectSchema(branch, depth + 1));
}

function isArraySchema(schema: Json | undefined): boolean {
  if (!schema || typeof schema !== 'object') return false;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return types.includes('array') || (schema.items !== undefined && !types.includes('object'));
}

/**
 * Where the record sits in a response body: the body itself, or one property of a wrapper
 * (`{data: {...}}`, `{pet: {...}}`) when the body's only object-valued property holds it, or one named after
 * the resource.
 */
export function locateRecordSchema(schema: Json, resourceName?: string): { pointer: string; schema: Json } | undefined {
  if (isArraySchema(schema) || !isObjectSchema(schema)) return undefined;
  // Through oneOf/anyOf too: an answer of one record or many (`oneOf: [{alert}, {alerts}]`) holds it at `/alert`.
  const properties = topLevelProperties(schema);
  const names = Object.keys(properties);
  const objectValued = names.filter((name) => properties[name] && isObjectSchema(properties[name]) && !isArraySchema(properties[name]));
  // A property named after the resource (`{server: {...}, action: {...}}`) holds it whatever lies beside it.
  const named = resourceName === undefined ? undefined : names.find((name) => objectValued.includes(name) && sameWord(name, resourceName));
  if (named !== undefined) return { pointer: `/${escapePointer(named)}`, schema: properties[named] };
  const wrapper = names.find((name) => RECORD_PROPERTIES.includes(name) && objectValued.includes(name));
  const scalarOthers = names.filter((name) => name !== wrapper).every((name) => !objectValued.includes(name) || /meta|links|_links|pagination|page/i.test(name));
  if (wrapper && scalarOthers && names.length <= 4) return { pointer: `/${wrapper}`, schema: properties[wrapper] };
  return { pointer: '', schema };
}

/** `floating_ip`, `floatingIp`, `FloatingIP` and `floating_ips` are one word for a resource named `floating_ip`. */
function sameWord(property: string, resourceName: string): boolean {
  const plain = (text: string) => text.replace(/[_-]/g, '').toLowerCase();
  return plain(property) === plain(resourceName) || plain(singular(property)) === plain(resourceName);
}

/**
 * Where a write's body carries the record's fields: `''` for the body itself, or `/data` when the body's only
 * (or only required, or only conventionally named: `{data, meta}`, or named after the resource: `{action,
 * options}`) property is an object that shares more of the record's properties than the body does (`{data:
 * {name, notes}}` for a record `{gid, name, notes}`). Properties are looked for through `oneOf`/`anyOf` too:
 * a record of several kinds (`action: {oneOf: [script, job]}`), a body of one or many (`oneOf: [{alert},
 * {alerts}]`).
 */
export function locateRequestRecord(body: Json | undefined, record: Json, resourceName?: string): string {
  if (!body || isArraySchema(body) || !isObjectSchema(body)) return '';
  const { required } = objectView(body);
  const properties = topLevelProperties(body);
  const names = Object.keys(properties);
  // Beside `meta`, `options`...: the one property a wrapper is conventionally named (`data`, `item`...) holds it.
  const conventional = names.filter((name) => RECORD_PROPERTIES.includes(name));
  const named = resourceName === undefined ? undefined : names.find((name) => sameWord(name, resourceName));
  const holder = named ?? (names.length === 1 ? names[0] : required.length === 1 ? required[0] : conventional.length === 1 ? conventional[0] : undefined);
  const inner = holder === undefined ? undefined : properties[holder];
  if (!inner || typeof inner !== 'object' || isArraySchema(inner) || !isObjectSchema(inner)) return '';
  const fields = new Set(Object.keys(topLevelProperties(record)));
  const shared = (schema: Json) => Object.keys(topLevelProperties(schema)).filter((name) => fields.has(name)).length;
  return shared(inner) > shared(body) ? `/${escapePointer(holder!)}` : '';
}

/** The part of a write's body schema that holds the record's fields. */
function writtenRecordSchema(body: Json | undefined, record: Json, resourceName: string): Json | undefined {
  const pointer = locateRequestRecord(body, record, resourceName);
  return pointer === '' ? body : topLevelProperties(body!)[unescapePointer(pointer.slice(1))];
}

/** Where a list response keeps its items, its total and its more-pages flag: the body itself (an array) or envelope properties. */
export function locateListSchema(schema: Json): { items: string; total: string | undefined; more?: string } | undefined {
  if (isArraySchema(schema)) return isObjectSchema((schema.items ?? {}) as Json) ? { items: '', total: undefined } : undefined;
  if (!isObjectSchema(schema)) return undefined;
  const { properties } = objectView(schema);
  const arrays = Object.keys(properties).filter((name) => isArraySchema(properties[name]));
  const recordArrays = arrays.filter((name) => isObjectSchema((properties[name].items ?? {}) as Json));
  const items = recordArrays.find((name) => ITEMS_PROPERTIES.includes(name)) ?? (recordArrays.length === 1 ? recordArrays[0] : undefined);
  if (items === undefined) {
    const nested = Object.keys(properties).find((name) => RECORD_PROPERTIES.includes(name) && isObjectSchema(properties[name]));
    const inner = nested ? locateListSchema(properties[nested]) : undefined;
    return inner && inner.items !== '' ? { items: `/${nested}${inner.items}`, total: inner.total ? `/${nested}${inner.total}` : undefined } : undefined;
  }
  const more = Object.keys(properties).find((name) => HAS_MORE_PROPERTIES.includes(name) && [properties[name]?.type].flat().includes('boolean'));
  return { items: `/${items}`, total: totalIn(properties), ...(more === undefined ? {} : { more: `/${more}` }) };
}

/** The pointer of the total: an envelope property, else one of a paging object beside the items (`/meta/total`). */
function totalIn(properties: Record<string, Json>): string | undefined {
  const own = Object.keys(properties).find((name) => TOTAL_PROPERTIES.includes(name) && isIntegerSchema(properties[name]));
  if (own !== undefined) return `/${own}`;
  for (const name of Object.keys(properties).filter((n) => PAGING_OBJECTS.includes(n) && isObjectSchema(properties[n]))) {
    const inner = objectView(properties[name]).properties;
    const total = Object.keys(inner).find((n) => TOTAL_PROPERTIES.includes(n) && isIntegerSchema(inner[n]));
    if (total !== undefined) return `/${name}/${total}`;
  }
  return undefined;
}

function isIntegerSchema(schema: Json | undefined): boolean {
  const types = Array.isArray(schema?.type) ? schema!.type : [schema?.type];
  return types.includes('integer') || types.includes('number');
}

/**
 * Defaults the write bodies give (`ProjectInput.status: {default: active}`), which the record schema a read
 * answers rarely repeats: what a create or a replace that leaves the field out stores. The create's first.
 */
function inputDefaults(createBody: Json | undefined, putBody: Json | undefined): Record<string, unknown> {
  return { ...propertyDefaults(putBody), ...propertyDefaults(createBody) };
}

/** Fields the server sets: readOnly ones, and the key when a create does not send it. */
function parameterSchema(op: InferredOperation, name: string): Json | undefined {
  const found = [...(op.item.parameters ?? []), ...(op.operation.parameters ?? [])].find((p: Json) => p?.in === 'path' && p.name === name);
  return found?.schema;
}

/**
 * The item parameter's schema the key must fit: the strictest the item operations give (one with a format
 * or pattern; documents differ between their GET and DELETE), else the first.
 */
function keyParameterSchema(ops: readonly InferredOperation[], name: string): Json | undefined {
  const schemas = ops.map((op) => parameterSchema(op, name)).filter((schema): schema is Json => schema !== undefined);
  return schemas.find((schema) => schema.format || schema.pattern) ?? schemas[0];
}

function generatedFields(schema: Json, key: string, createBody: Json | undefined, keyParameter: Json | undefined): Json {
  // The key of a record of several shapes (`oneOf` of credential types, each with its `id`) is in its branches.
  const own = objectView(schema).properties;
  const properties = key in own ? own : { ...own, [key]: topLevelProperties(schema)[key] };
  const sent = createBody ? collectFields(createBody) : new Set<string>();
  const generated: Json = {};
  for (const [field, property] of Object.entries(properties)) {
    if (!property || typeof property !== 'object') continue;
    const readOnly = property.readOnly === true;
    if (field === key) {
      // The key must also be a valid path segment for the item path: the parameter's schema may be the stricter.
      const shape = keyParameter && (keyParameter.format || keyParameter.pattern) && !property.format && !property.pattern ? { ...property, ...keyParameter } : property;
      if (readOnly || !sent.has(field)) generated[field] = { value: keyTemplateFor(shape), unique: true, 'x-inferred': true, ...(shape === property ? {} : { schema: shape }) };
      continue;
    }
    if (!readOnly) continue;
    const role = isTimestamp(property, field) ? timestampRole(field) : undefined;
    if (role) generated[field] = { value: '${now}', on: role === 'updated' ? ['create', 'update'] : ['create'], 'x-inferred': true };
    else generated[field] = { value: '${sample}', 'x-inferred': true };
  }
  return generated;
}

function isTimestamp(property: Json, field: string): boolean {
  const types = Array.isArray(property.type) ? property.type : [property.type];
  return types.includes('string') && (property.format === 'date-time' || /(At|_at|Date|_date|date|time)$/.test(field));
}

/** Whether a parameter can carry a count: a number, or text with no format or enum of its own (`"20"`). */
function holdsCount(schema: Json): boolean {
  const types = [schema.type].flat().filter((type): type is string => typeof type === 'string');
  if (types.length === 0 || types.includes('integer') || types.includes('number')) return true;
  return types.includes('string') && schema.format === undefined && schema.enum === undefined;
}

/** Paging the list's own query parameters offer, with their defaults and maxima. */
export function listSpec(list: InferredOperation, keyProperty: Json | undefined): Json {
  const params = new Map<string, Json>();
  for (const p of [...(list.item.parameters ?? []), ...(list.operation.parameters ?? [])]) if (p?.in === 'query') params.set(p.name, p.schema ?? {});
  const pick = (names: string[]) => names.find((name) => params.has(name));
  // A page size, offset or page number is a count: a `start` typed as a date-time is the start of a period.
  const pickCount = (names: string[]) => names.find((name) => params.has(name) && holdsCount(params.get(name)!));
  const spec: Json = { filter: true };
  const limit = pickCount(LIMIT_PARAMS);
  if (limit) {
    const schema = params.get(limit)!;
    spec.limit = { param: limit, ...(Number.isInteger(schema.default) ? { default: schema.default } : {}), ...(Number.isInteger(schema.maximum) && schema.maximum >= 1 ? { max: schema.maximum } : {}) };
  }
  const offset = pickCount(OFFSET_PARAMS);
  if (offset) spec.skip = { param: offset };
  const page = pickCount(PAGE_PARAMS);
  if (page) spec.page = { param: page, first: Number.isInteger(params.get(page)!.minimum) ? params.get(page)!.minimum : 1 };
  // A cursor holds a record's key: a numeric `after` beside string keys is a time or value filter, not a cursor.
  const cursor = pick(CURSOR_PARAMS);
  if (cursor && canBeKey(keyProperty ?? {}, params.get(cursor))) spec.cursor = { param: cursor };
  return spec;
}

/**
 * The response template: where the record (or the list, its total, its page) sits in the documented 2xx
 * body. The mock fills the rest of an envelope from the schema.
 */
export function responseTemplate(op: InferredOperation, kind: string, resourceName: string): unknown {
  const schema = successSchema(op.operation);
  if (!schema) return hasSuccessBody(op.operation) ? undefined : null;
  // What a delete answers is rarely the record: the documented body, from its schema. So is an array a
  // write answers (the stock log entries an edit of a stock entry made): no record is one.
  if (kind === 'delete' || (kind !== 'list' && isArraySchema(schema))) return {};
  if (kind === 'list') {
    const located = locateListSchema(schema);
    if (!located) return undefined;
    if (located.items === '') return '${items}';
    let template = nest(located.items, '${items}');
    if (located.total) template = mergeTemplates(template, nest(located.total, '${count}'));
    return located.more ? mergeTemplates(template, nest(located.more, '${more}')) : template;
  }
  const located = locateRecordSchema(schema, resourceName);
  if (!located || located.pointer === '') return '${record}';
  return nest(located.pointer, '${record}');
}

/** `/data/items` + value -> `{data: {items: value}}`. */
function nest(pointer: string, value: unknown): unknown {
  return pointer.split('/').slice(1).reverse().reduce<unknown>((inner, segment) => ({ [unescapePointer(segment)]: inner }), value);
}

function mergeTemplates(a: unknown, b: unknown): unknown {
  if (a === null || typeof a !== 'object' || b === null || typeof b !== 'object') return b;
  const result: Json = { ...(a as Json) };
  for (const [key, value] of Object.entries(b as Json)) result[key] = key in result ? mergeTemplates(result[key], value) : value;
  return result;
}

/**
 * Whether the success the mock answers has a body: a documented 2xx, `2XX`, or (with neither and no 3xx)
 * `default`, which the build files as the success (build.ts).
 */
function hasSuccessBody(operation: Json): boolean {
  const responses = Object.entries((operation.responses ?? {}) as Json);
  const withBody = (response: Json | undefined) => !!response?.content && Object.keys(response.content).length > 0;
  const successes = responses.filter(([status]) => SUCCESS.test(status) || /^2xx$/i.test(status));
  if (successes.length > 0) return successes.some(([, response]) => withBody(response));
  return !responses.some(([status]) => /^3/.test(status)) && withBody((operation.responses as Json | undefined)?.default);
}
