import type { Situation } from '../../contract/vocabulary.ts';
import { hasOwner, ownerInferred, ownerOnlyFields } from '../../rules/owner.ts';
import { visibilityField } from '../../rules/visibility.ts';
import type { CheckContext, Exchange, Finding } from '../types.ts';
import { isView, viewOf } from './record-view.ts';
import { itemsIn, keyOf, requireSuccess } from './support.ts';
import { refusedWith } from './state-rules.ts';

/** A record created under one value of a scope parameter is not found under another. */
export function scope_isolation(exchange: Exchange, context: CheckContext): Finding[] | null {
  const scope = context.facts.scope;
  if (!scope) return null;
  const what = `The ${context.operation.behaviour.resource.name} created under ${scope.name}=${scope.home} is visible under ${scope.name}=${scope.asked}`;
  return hidden(exchange, context, ['notFound', 'forbidden'], what, context.step.inferred);
}

/** A private record is invisible to a user who is not one of its viewers: not found, not listed. */
export function visibility_isolation(exchange: Exchange, context: CheckContext): Finding[] | null {
  const resource = context.operation.behaviour.resource;
  if (visibilityField(resource) === undefined) return null;
  const what = `Another user can see the private ${resource.name}`;
  return hidden(exchange, context, ['notFound'], what, context.step.inferred || resource.inferredRules.has('visibility'));
}

/** After a delete, the record is not found. */
export function deleted_is_gone(exchange: Exchange, context: CheckContext): Finding[] | null {
  const what = `The deleted ${context.operation.behaviour.resource.name} is still there`;
  return hidden(exchange, context, ['notFound'], what, context.step.inferred);
}

/** Only the owner may update, replace or delete a record whose owner rule says so. */
export function owner_only_modify(exchange: Exchange, context: CheckContext): Finding[] | null {
  const resource = context.operation.behaviour.resource;
  if (!hasOwner(resource)) return null;
  const findings = refusedWith(exchange, context, 'forbidden', `Another user could ${context.operation.behaviour.kind} the ${resource.name}`);
  const inferred = ownerInferred(resource);
  return findings?.map((f) => ({ ...f, inferred: f.inferred || inferred })) ?? null;
}

/** Fields only the owner may see are left out of what everyone else reads. */
export function owner_only_fields(exchange: Exchange, context: CheckContext): Finding[] | null {
  const resource = context.operation.behaviour.resource;
  const fields = ownerOnlyFields(resource);
  if (fields.length === 0) return null;
  const view = viewOf(exchange, context);
  if (!isView(view)) return view;
  const inferred = context.step.inferred || ownerInferred(resource);
  const shown = fields.filter((field) => view.exposes(field) && view.record[field] !== undefined && view.record[field] !== null);
  return shown.map((field) => ({
    message: `\`${field}\` is shown to a user who is not the owner.`,
    expected: 'absent',
    actual: '(a value, not shown)',
    pointer: view.pointer(field),
    inferred,
  }));
}

/** After a truncate, the list is empty. */
export function truncate_empties(exchange: Exchange, context: CheckContext): Finding[] | null {
  const unsuccessful = requireSuccess(exchange);
  if (unsuccessful) return unsuccessful;
  const items = itemsIn(exchange, context.operation);
  if (!items) return null;
  return items.length === 0 ? [] : [{ message: `The list still holds ${items.length} items after the truncate.`, expected: '0 items', actual: `${items.length} items`, inferred: context.step.inferred }];
}

/**
 * The record must not be visible: reads answer one of `situations`; lists answer 2xx without the record
 * (or one of `situations`, e.g. an unknown scope).
 */
function hidden(exchange: Exchange, context: CheckContext, situations: Situation[], what: string, inferred: boolean): Finding[] | null {
  const status = exchange.response?.status;
  if (status === undefined || exchange.result.error !== undefined) return [{ skip: true, message: `no response: ${exchange.result.error ?? 'transport error'}` }];
  const statuses = situations.map((s) => context.operation.situations[s].status).filter((s): s is number => s !== undefined);
  if (statuses.includes(status)) return [];
  const expected = situations.map((s) => `${context.operation.situations[s].status} (${s})`).join(' or ');
  if (context.operation.behaviour.kind === 'list') {
    const unsuccessful = requireSuccess(exchange);
    if (unsuccessful) return [{ message: `${context.step.title}: expected a list without the record or ${expected}, got ${status}.`, actual: String(status), inferred }];
    const items = itemsIn(exchange, context.operation) ?? [];
    const key = context.operation.behaviour.resource.key;
    const found = items.some((item) => keyOf(item, key) === context.facts.record?.id);
    return found ? [{ message: `${what}: the list includes it.`, expected: 'a list without it', actual: 'listed', inferred }] : [];
  }
  if (status >= 200 && status < 300) {
    return [{ message: `${what} (status ${status}).`, expected, actual: String(status), inferred }];
  }
  return [{ message: `${context.step.title}: expected ${expected}, got ${status}.`, expected, actual: String(status), inferred }];
}
