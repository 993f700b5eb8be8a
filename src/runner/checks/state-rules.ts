import { expectedVersion, versionField } from '../../rules/versioning.ts';
import type { CheckContext, Exchange, Finding } from '../types.ts';
import { findMismatch } from './compare.ts';
import { isView, viewOf } from './record-view.ts';
import { isEmpty, isSuccessStatus, show } from './support.ts';

/**
 * A set-once field: the first write sets it, a second write of it (or of any of its triggers) is the
 * contract's conflict, and the field keeps its first value.
 */
export function set_once(exchange: Exchange, context: CheckContext): Finding[] | null {
  const rule = context.facts.setOnce;
  if (!rule) return null;
  const { field, phase } = rule;
  if (phase === 'second') {
    return refusedWith(exchange, context, 'conflict', `A second write of \`${field}\` was accepted; \`${field}\` can only be set once`);
  }
  const view = viewOf(exchange, context);
  if (!isView(view)) return view;
  if (!view.exposes(field)) return null;
  const value = view.record[field];
  if (phase === 'first') {
    return isEmpty(value) ? [{ message: `\`${field}\` is still empty after the write that sets it.`, expected: 'a value', actual: show(value), pointer: view.pointer(field) }] : [];
  }
  if (rule.value === undefined) return [{ skip: true, message: `the first write did not show \`${field}\`` }];
  return findMismatch(rule.value, value)
    ? [{ message: `\`${field}\` changed after the refused second write; it must keep its first value.`, expected: show(rule.value), actual: show(value), pointer: view.pointer(field) }]
    : [];
}

/** The version starts at its initial value, grows by one per update, and reads back unchanged otherwise. */
export function version_increments(exchange: Exchange, context: CheckContext): Finding[] | null {
  const resource = context.operation.behaviour.resource;
  const field = versionField(resource);
  if (field === undefined) return null;
  const view = viewOf(exchange, context);
  if (!isView(view)) return view;
  if (!view.exposes(field)) return null;
  const actual = view.record[field];
  const inferred = context.step.inferred || resource.inferredRules.has('versioning');
  const { event, before } = context.facts;
  const previous = before?.[field];
  if (event !== 'create' && typeof previous !== 'number') return [{ skip: true, message: `the previous \`${field}\` is not known` }];
  const expected = expectedVersion(resource, event, previous as number | undefined)!;
  const what = event === 'create' ? `A new record must start at \`${field}\` ${expected}`
    : event === 'update' ? `An update must increment \`${field}\` from ${String(previous)} to ${expected}` : `\`${field}\` must read back as ${expected}`;
  if (actual === expected) return [];
  return [{ message: `${what}; got ${show(actual)}.`, expected: String(expected), actual: show(actual), pointer: view.pointer(field), inferred }];
}

/** A write carrying a version other than the current one is the contract's conflict. */
export function stale_version_conflict(exchange: Exchange, context: CheckContext): Finding[] | null {
  const resource = context.operation.behaviour.resource;
  const field = versionField(resource);
  if (field === undefined) return null;
  const sent = context.facts.sentBody?.[field];
  const findings = refusedWith(exchange, context, 'conflict', `A write with the stale \`${field}\` ${show(sent)} was accepted`);
  return findings?.map((f) => ({ ...f, inferred: f.inferred || resource.inferredRules.has('versioning') })) ?? null;
}

/**
 * For steps whose whole point is a refusal: the situation's status passes; a 2xx is the defect the check is
 * named after; any other status fails with what was expected.
 */
export function refusedWith(exchange: Exchange, context: CheckContext, situation: 'conflict' | 'forbidden' | 'notFound', accepted: string): Finding[] | null {
  const status = exchange.response?.status;
  if (status === undefined || exchange.result.error !== undefined) return [{ skip: true, message: `no response: ${exchange.result.error ?? 'transport error'}` }];
  const model = context.operation.situations[situation];
  if (model.status === undefined) return null;
  const inferred = context.step.inferred || model.inferred;
  if (status === model.status) return [];
  if (isSuccessStatus(status)) return [{ message: `${accepted} (status ${status}).`, expected: `${model.status} (${situation})`, actual: String(status), inferred }];
  return [{ message: `${context.step.title}: expected ${model.status} (${situation}), got ${status}.`, expected: `${model.status} (${situation})`, actual: String(status), inferred }];
}
