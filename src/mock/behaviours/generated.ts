import type { GeneratedField, ResourceModel } from '../../contract/model.ts';
import { sampleFromSchema } from '../../schema/sample.ts';
import type { TemplateContext } from '../../template/render.ts';
import { renderTemplate } from '../../template/render.ts';
import { generatesOn, keyRuleWhenLeftOut, uniqueAcrossScopes, uniqueValue, valueSource } from '../../rules/generated.ts';
import { recordFieldSchemas } from '../../rules/stored.ts';
import { requestVars, templateContext, type MockContext, type MockRequest } from '../context.ts';
import type { RecordTable } from '../store.ts';
import { recordInBody } from '../../rules/request-envelope.ts';
import { modelEntries } from '../../shared/model-entries.ts';

/**
 * Sets the resource's server-generated fields for an event (`create` or `update`) on `data`, in place.
 * A field with `when` is generated only if the request body carries that field; otherwise a value the
 * client sent is kept. `unique` values get a numeric suffix (2, 3...) until no record in scope has them.
 */
export function applyGenerated(
  context: MockContext,
  request: MockRequest,
  data: Record<string, unknown>,
  event: 'create' | 'update',
  scope: Record<string, string>,
): void {
  const resource = request.operation.behaviour.resource;
  const body = recordInBody(request.operation.behaviour, request.body);
  // `record` is `data` itself, so a later field's template sees the fields generated before it.
  const templates = templateContext(context, requestVars(request, { record: data }));
  for (const [field, rule] of modelEntries(resource.generated)) {
    if (!generatesOn(rule, event, body)) continue;
    const value = generatedValue(context, resource, field, rule, templates, rule.unique ? takenFor(context, resource, field, scope) : undefined);
    if (value === undefined) continue;
    data[field] = rule.unique ? uniqueInStore(context, resource, field, value, scope) : value;
  }
}

/** A key the client could have chosen but left out: the server makes one up (rules/generated.ts#keyRuleWhenLeftOut). */
export function generateKeyIfLeftOut(context: MockContext, request: MockRequest, data: Record<string, unknown>, scope: Record<string, string>): void {
  const resource = request.operation.behaviour.resource;
  if (data[resource.key] !== undefined || resource.generated[resource.key] !== undefined) return;
  const rule = keyRuleWhenLeftOut(recordFieldSchemas(resource)[resource.key]);
  const templates = templateContext(context, requestVars(request, { record: data }));
  const value = generatedValue(context, resource, resource.key, rule, templates, takenFor(context, resource, resource.key, scope));
  if (value !== undefined) data[resource.key] = uniqueInStore(context, resource, resource.key, value, scope);
}

/**
 * A template's value; `${counter}` is the resource's next integer, `${sample}` a value of the field's schema
 * (for a unique field, one no record holds yet where one can be drawn: a suffix may break the schema's pattern).
 */
function generatedValue(context: MockContext, resource: ResourceModel, field: string, rule: GeneratedField, templates: TemplateContext, taken?: (value: unknown) => boolean): unknown {
  const source = valueSource(rule);
  if (source === 'counter') return context.store.nextCounter(resource.name, resource.key);
  if (source === 'sample') return rule.schema ? sampleOnce(context, rule.schema, field === resource.key, taken) : undefined;
  return renderTemplate(rule.value, templates);
}

/** A value of the schema; a key is never null (a nullable key type still names one record). */
function sampleOnce(context: MockContext, schema: object, isKey: boolean, taken?: (value: unknown) => boolean): unknown {
  context.faker.seed(context.random.int(2 ** 31));
  const validate = context.contract.schemas.tryCompile(schema);
  let first: unknown;
  for (let attempt = 0; attempt < 25; attempt++) {
    const value = sampleFromSchema(schema, context.faker, { compile: context.contract.schemas.tryCompile });
    if (isKey && (value === null || value === undefined)) continue;
    if (validate && !validate(value)) continue;
    if (!taken?.(value)) return value;
    first ??= value;
  }
  return first;
}

/** Whether a record in the field's uniqueness range (the store for the key, the scope otherwise) holds a value. */
function takenFor(context: MockContext, resource: ResourceModel, field: string, scope: Record<string, string>): (candidate: unknown) => boolean {
  return takenIn(context.store.table(resource.name), resource, field, uniqueAcrossScopes(resource, field), scope);
}

function uniqueInStore(context: MockContext, resource: ResourceModel, field: string, value: unknown, scope: Record<string, string>): unknown {
  if (typeof value !== 'string') return value;
  const table = context.store.table(resource.name);
  const acrossScopes = uniqueAcrossScopes(resource, field);
  const where = acrossScopes ? field : `${field}\u0000${resource.scope.map((name) => scope[name]).join('\u0000')}`;
  const unique = suffixMemo(table, where);
  // A check across scopes depends on nothing else: made once per memo. One within a scope reads this
  // record's scope, so it is made per create.
  const taken = acrossScopes ? (unique.taken ??= takenIn(table, resource, field, true, scope)) : takenIn(table, resource, field, false, scope);
  return uniqueValue(value, taken, unique.suffixes);
}

/**
 * Whether a record in scope holds a candidate value: the field's index names the few records that could,
 * so no create scans the table.
 */
function takenIn(table: RecordTable, resource: ResourceModel, field: string, acrossScopes: boolean, scope: Record<string, string>): (candidate: unknown) => boolean {
  const index = table.index('data', field);
  return (candidate) => {
    for (const key of index.keysFor(String(candidate))) {
      const record = table.get(key)!;
      if (record.data[field] === candidate && (acrossScopes || sameScope(resource.scope, record.scope, scope))) return true;
    }
    return false;
  };
}

function sameScope(names: readonly string[], a: Record<string, string>, b: Record<string, string>): boolean {
  for (const name of names) if (a[name] !== b[name]) return false;
  return true;
}

interface UniqueIn {
  /** Value -> its first free suffix. */
  readonly suffixes: Map<string, number>;
  /** The check of a field unique across scopes, made on its first create. */
  taken?: (candidate: unknown) => boolean;
}

interface SuffixMemo {
  readonly version: number;
  readonly size: number;
  /** By field (and scope, for fields unique per scope). */
  readonly byPlace: Map<string, UniqueIn>;
}

const memos = new WeakMap<RecordTable, SuffixMemo>();

/**
 * The first free suffix of each unique value, remembered while the table has only grown: a create of the
 * same value then starts from there instead of walking every suffix taken so far (quadratic in creates).
 * Every write bumps the table's `version` and only an add also grows its `size`: equal growth of both
 * means adds only, under which a taken value stays taken and the first free suffix never moves back; any
 * delete or change starts a fresh memo, so the answer is always the lowest free suffix.
 */
function suffixMemo(table: RecordTable, where: string): UniqueIn {
  let memo = memos.get(table);
  if (!memo || table.version - memo.version !== table.size - memo.size) {
    memo = { version: table.version, size: table.size, byPlace: new Map() };
    memos.set(table, memo);
  }
  let unique = memo.byPlace.get(where);
  if (!unique) {
    unique = { suffixes: new Map() };
    memo.byPlace.set(where, unique);
  }
  return unique;
}
