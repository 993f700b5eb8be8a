import { isDeepStrictEqual } from 'node:util';
import { defaultOf, resetsOnReplace } from '../../rules/stored.ts';
import { fieldSchema } from '../schemas.ts';
import type { CheckContext, Exchange, Finding } from '../types.ts';
import { findMismatch } from './compare.ts';
import { isView, viewOf } from './record-view.ts';
import { recordIn, show } from './support.ts';

/** A create that sent `readOnly` fields was refused, or the record holds the server's values there, not the client's. */
export function read_only_ignored(exchange: Exchange, context: CheckContext): Finding[] | null {
  const sent = context.facts.readOnlySent;
  if (!sent) return null;
  const status = exchange.response?.status;
  if (status === undefined || status < 200 || status > 299) return [];
  const record = recordIn(exchange, context.operation);
  if (!record) return [{ skip: true, message: 'the response holds no record where the contract says' }];
  const resource = context.operation.behaviour.resource;
  const findings: Finding[] = [];
  for (const [field, value] of Object.entries(sent)) {
    if (record[field] === undefined || findMismatch(value, record[field], fieldSchema(resource, field))) continue;
    findings.push({
      message: `\`${field}\` is readOnly, yet the record holds the value the client sent for it.`,
      expected: `a value the server sets (or a refusal)`,
      actual: show(record[field]),
      pointer: `/${field}`,
      inferred: context.step.inferred,
    });
  }
  return findings;
}

/** A replace that left fields out does not answer them with the values earlier writes stored (HTTP's replace semantics). */
export function replace_drops_omitted(exchange: Exchange, context: CheckContext): Finding[] | null {
  const omitted = context.facts.omitted;
  if (!omitted || Object.keys(omitted).length === 0) return null;
  const view = viewOf(exchange, context);
  if (!isView(view)) return view;
  const resource = context.operation.behaviour.resource;
  const kept = Object.entries(omitted).filter(([field, value]) => view.exposes(field) && view.record[field] !== undefined && resetsOnReplace(resource, field, view.record)
    && view.record[field] !== null && !isDeepStrictEqual(view.record[field], defaultOf(resource, field)) && !findMismatch(value, view.record[field], fieldSchema(resource, field)));
  return kept.map(([field, value]) => ({
    message: `The replace left \`${field}\` out, yet it keeps the value an earlier write stored: a PUT replaces the whole record (RFC 9110), it does not merge.`,
    expected: defaultOf(resource, field) === undefined ? 'null or absent' : `its default, ${show(defaultOf(resource, field))}`,
    actual: show(value),
    pointer: view.pointer(field),
    inferred: true,
  }));
}
