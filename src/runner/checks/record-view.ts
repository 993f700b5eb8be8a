import { exposesField, pointerOfField } from '../locate.ts';
import type { CheckContext, Exchange, Finding } from '../types.ts';
import { matchesListFilters } from './list-filters.ts';
import { canShowField, propertySchema, validatorFor } from '../schemas.ts';
import { documentedResponse, itemsIn, keyOf, locationOf, pageCapacity, recordIn, requireSuccess } from './support.ts';

/** The record as one response shows it, and where each of its fields sits in the body. */
export interface RecordView {
  readonly record: Record<string, unknown>;
  exposes(field: string): boolean;
  /** Whether the answer's own schema can hold a value there (false: it narrows the field, `customer_id: null`). */
  holds?(field: string, value: unknown): boolean;
  pointer(field: string): string;
}

/**
 * The addressed record in a successful response: the record itself for record operations, the item with the
 * record's key for lists. Findings instead when the response does not allow it (skip, or the record is
 * missing from a list), null when the operation's responses never show the record.
 */
export function viewOf(exchange: Exchange, context: CheckContext): RecordView | Finding[] | null {
  const unsuccessful = requireSuccess(exchange);
  if (unsuccessful) return unsuccessful;
  const { operation, facts } = context;
  const location = locationOf(operation);
  if (operation.behaviour.kind === 'list') {
    if (facts.record?.id === undefined) return null;
    const items = itemsIn(exchange, operation);
    if (!items) return null;
    const key = operation.behaviour.resource.key;
    const index = items.findIndex((item) => keyOf(item, key) === facts.record!.id);
    if (index < 0) {
      const capacity = pageCapacity(exchange, operation, facts.limit);
      if (capacity !== undefined && items.length >= capacity) {
        return [{ skip: true, message: `the record is not on the first page of ${items.length}` }];
      }
      if (facts.record && !matchesListFilters(exchange, operation, facts.record)) {
        return [{ skip: true, message: 'the record is not known to match the filters the list was asked with' }];
      }
      return [{
        message: `The ${operation.behaviour.resource.name} ${facts.record?.id} is missing from the list (${items.length} items).`,
        expected: `an item with ${key} ${facts.record?.id}`,
        actual: `${items.length} items without it`,
        pointer: location.items,
      }];
    }
    const item = items[index];
    if (item === null || typeof item !== 'object') return null;
    return { record: item as Record<string, unknown>, exposes: () => true, pointer: (field) => `${location.items}/${index}/${field}` };
  }
  const record = recordIn(exchange, operation);
  if (!record) {
    if (location.whole === undefined && location.fields.size === 0) return null;
    return [{ skip: true, message: 'the response does not hold the record where the contract says' }];
  }
  // A closed answer schema that has no place for a field (an update answered with a summary) does not show it.
  const shown = location.whole === undefined ? undefined : schemaAt(documentedResponse(operation, exchange.response!.status)?.schema, location.whole);
  return {
    record,
    exposes: (field) => exposesField(location, field) && (shown === undefined || canShowField(shown, field)),
    holds: (field, value) => shown === undefined || holdsValue(context, shown, field, value),
    pointer: (field) => pointerOfField(location, field),
  };
}

export function isView(value: RecordView | Finding[] | null): value is RecordView {
  return value !== null && !Array.isArray(value);
}

/**
 * Whether the answer's schema can hold the value in the field: every schema its allOf gives the field
 * accepts it, and some branch of an anyOf/oneOf (a record of several kinds) does.
 */
function holdsValue(context: CheckContext, shown: unknown, field: string, value: unknown, depth = 0): boolean {
  if (shown === null || typeof shown !== 'object' || depth > 8) return true;
  const node = shown as Record<string, unknown>;
  const property = ownProperty(node, field);
  const validate = property === undefined ? undefined : validatorFor(context.contract.schemas, property);
  if (validate && validate(value) !== true) return false;
  const list = (key: string) => (Array.isArray(node[key]) ? node[key] as unknown[] : []);
  if (!list('allOf').every((branch) => holdsValue(context, branch, field, value, depth + 1))) return false;
  const choices = [...list('oneOf'), ...list('anyOf')];
  return choices.length === 0 || choices.some((branch) => holdsValue(context, branch, field, value, depth + 1));
}

function ownProperty(schema: unknown, field: string): object | undefined {
  const properties = (schema as { properties?: Record<string, unknown> } | null)?.properties;
  const property = properties && Object.hasOwn(properties, field) ? properties[field] : undefined;
  return property !== null && typeof property === 'object' ? property : undefined;
}

/** The schema at a record pointer of a response schema (`/data` in `{data: {...}}`), through properties. */
function schemaAt(schema: unknown, pointer: string): unknown {
  let node = schema;
  for (const segment of pointer.split('/').slice(1)) node = propertySchema(node, segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  return node;
}
