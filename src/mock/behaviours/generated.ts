import type { GeneratedField, ResourceModel } from '../../contract/model.ts';
import { sampleFromSchema } from '../../schema/sample.ts';
import type { TemplateContext } from '../../template/render.ts';
import { renderTemplate } from '../../template/render.ts';
import { requestVars, templateContext, type MockContext, type MockRequest } from '../context.ts';

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
  const body = (request.body ?? {}) as Record<string, unknown>;
  // `record` is `data` itself, so a later field's template sees the fields generated before it.
  const templates = templateContext(context, { ...requestVars(request), record: data });
  for (const [field, rule] of Object.entries(resource.generated)) {
    if (!rule.on.includes(event)) continue;
    if (rule.when !== undefined && (body[rule.when] === undefined || body[rule.when] === null)) continue;
    if (event === 'update' && rule.when === undefined && !rule.on.includes('create')) continue;
    const value = generatedValue(context, resource, rule, templates);
    if (value === undefined) continue;
    data[field] = rule.unique ? uniqueValue(context, resource, field, value, scope) : value;
  }
}

/** A template's value; `${counter}` is the resource's next integer, `${sample}` a value of the field's schema. */
function generatedValue(context: MockContext, resource: ResourceModel, rule: GeneratedField, templates: TemplateContext): unknown {
  if (rule.value === '${counter}') return context.store.nextCounter(resource.name, resource.key);
  if (rule.value === '${sample}') return rule.schema ? sampleOnce(context, rule.schema) : undefined;
  return renderTemplate(rule.value, templates);
}

function sampleOnce(context: MockContext, schema: object): unknown {
  context.faker.seed(context.random.int(2 ** 31));
  const validate = context.contract.schemas.tryCompile(schema);
  for (let attempt = 0; attempt < 10; attempt++) {
    const value = sampleFromSchema(schema, context.faker, { compile: context.contract.schemas.tryCompile });
    if (!validate || validate(value)) return value;
  }
  return undefined;
}

function uniqueValue(context: MockContext, resource: ResourceModel, field: string, value: unknown, scope: Record<string, string>): unknown {
  const taken = new Set<unknown>();
  // The key identifies a record across every scope (it is the store's key); other fields only within one.
  const acrossScopes = field === resource.key;
  for (const record of context.store.table(resource.name).values()) {
    if (acrossScopes || resource.scope.every((name) => record.scope[name] === scope[name])) taken.add(record.data[field]);
  }
  if (!taken.has(value) || typeof value !== 'string') return value;
  for (let suffix = 2; ; suffix++) if (!taken.has(`${value}${suffix}`)) return `${value}${suffix}`;
}
