import type { OperationModel, ParameterModel } from '../contract/model.ts';
import { listFilters } from '../rules/filter.ts';
import type { PlanContext } from './plan-specs.ts';
import type { Facts, TrackedRecord } from './types.ts';

/**
 * A list filtered by a field of the followed record (a query parameter named after a record field, as
 * rules/filter.ts reads it), with the record's own value: every item must hold that value. The first such
 * parameter whose value in the record is a plain value; a filter known by its name alone is a warning, one
 * whose description says it filters (`Only articles in this state.`) is the document's word.
 */
export function planFilter(ctx: PlanContext, list: OperationModel): void {
  const parameter = filterParameter(list);
  if (!parameter) return;
  ctx.add({
    operation: list,
    title: `list filtered by ${parameter.name}`,
    record: ctx.main,
    query: (_state, record) => ({ [parameter.name]: String(filterValue(record, parameter.name) ?? '') }),
    checks: ['list_filtered', 'list_includes_created'],
    inferred: list.behaviour.inferred && !statesFilter(parameter),
    facts: (_state, record): Partial<Facts> | string => {
      const value = filterValue(record, parameter.name);
      if (value === undefined) return `the record holds no plain value in \`${parameter.name}\` to filter by`;
      // A field and a parameter may share a name and not a meaning (JSON:API's `type` beside an account-type filter).
      if (!takes(list, parameter.name, value)) return `the record's \`${parameter.name}\` (${String(value)}) is not a value the parameter takes`;
      return { record, filter: { field: parameter.name, value } };
    },
  });
}

/** The first optional scalar query parameter the list filters by (not the key: a filter on it is a read). */
function filterParameter(list: OperationModel): ParameterModel | undefined {
  const { resource } = list.behaviour;
  const candidates = list.queryParams.filter((p) => !p.required && p.name !== resource.key && isScalar(p.schema));
  const filtering = new Set(listFilters(resource, list.behaviour.list, Object.fromEntries(candidates.map((p) => [p.name, '']))).map(([name]) => name));
  return candidates.find((p) => filtering.has(p.name));
}

function filterValue(record: TrackedRecord | undefined, field: string): string | number | boolean | undefined {
  const value = record?.view?.[field] ?? record?.written[field];
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
}

/** Whether the query parameter's schema takes the value (errors about other, required parameters aside). */
function takes(list: OperationModel, name: string, value: string | number | boolean): boolean {
  const validate = list.validateQuery;
  if (!validate || validate({ [name]: String(value) })) return true;
  return !(validate.errors ?? []).some((error) => error.instancePath === `/${name}` || error.instancePath.startsWith(`/${name}/`));
}

function isScalar(schema: object): boolean {
  const type = (schema as { type?: unknown }).type;
  return type === 'string' || type === 'integer' || type === 'number' || type === 'boolean' || (type === undefined && Array.isArray((schema as { enum?: unknown }).enum));
}

function statesFilter(parameter: ParameterModel): boolean {
  return /\b(filters?|filtered|only|matching|whose|restricts?)\b/i.test(parameter.description ?? '');
}
