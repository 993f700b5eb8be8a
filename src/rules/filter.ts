import type { ListModel, ParameterModel, ResourceModel } from '../contract/model.ts';
import { referencedId } from './reference.ts';

/**
 * A list's filters: query parameters named after a record field, other than the paging and sorting ones,
 * keep the records whose field holds the value (an array any item, a compact reference its id). A query
 * parameter that names no field does not filter. The mock filters by these; the runner expects in a
 * filtered list only the records that match them.
 */
export function listFilters(resource: ResourceModel, spec: ListModel | undefined, query: Readonly<Record<string, unknown>>): [string, unknown][] {
  if (!spec?.filter) return [];
  const reserved = new Set([spec.limit?.param, spec.skip, spec.sort, spec.page?.param, spec.cursor?.param]);
  return Object.entries(query).filter(([name]) => !reserved.has(name) && resource.fields.has(name));
}

/**
 * The filters a list applies to a request that leaves them out: its query parameters with a `default` that
 * are filters (`?type=` defaulting to `api_key` lists only that type). The mock reads each request with its
 * defaults filled in, so these filter; the runner writes its records to pass them.
 */
export function defaultFilters(resource: ResourceModel, spec: ListModel | undefined, parameters: readonly ParameterModel[]): [string, unknown][] {
  const defaults: Record<string, unknown> = Object.create(null);
  for (const parameter of parameters) {
    const schema = parameter.schema as Record<string, unknown> | undefined;
    if (parameter.in === 'query' && !parameter.required && schema && typeof schema === 'object' && Object.hasOwn(schema, 'default')) defaults[parameter.name] = schema.default;
  }
  return listFilters(resource, spec, defaults);
}

/** Whether a stored value matches a filter's value (as text): as `filterValues` indexes it, without building the list. */
export function matchesFilter(value: unknown, wanted: unknown): boolean {
  const text = String(wanted);
  if (Array.isArray(value)) return value.some((item) => matchesFilter(item, text));
  if (value === null || value === undefined) return String(value) === text;
  return referencedId(value) === text;
}
