import { valueAt } from '../locate.ts';
import { fieldSchema, isInferred } from '../schemas.ts';
import type { CheckContext, Exchange, Finding } from '../types.ts';
import { findMismatch } from './compare.ts';
import { isView, viewOf } from './record-view.ts';
import { documentedResponse, locationOf, requireSuccess, show } from './support.ts';

/**
 * What was written is what is read: every stored field the client wrote (not generated, not transient)
 * has the written value, compared recursively; for sections, the section value written.
 */
export function read_back(exchange: Exchange, context: CheckContext): Finding[] | null {
  if (context.facts.section) return readBackSection(exchange, context);
  const written = context.facts.written ?? {};
  const removed = context.facts.removed ?? [];
  if (Object.keys(written).length === 0 && removed.length === 0) return null;
  const view = viewOf(exchange, context);
  if (!isView(view)) return view;
  const resource = context.operation.behaviour.resource;
  const findings: Finding[] = [];
  let compared = 0;
  for (const [field, value] of Object.entries(written)) {
    // An answer whose schema cannot hold the written value (it narrows the field) shows the server's instead.
    if (!view.exposes(field) || view.holds?.(field, value) === false) continue;
    compared++;
    const schema = fieldSchema(resource, field);
    const mismatch = findMismatch(value, view.record[field], schema);
    if (!mismatch) continue;
    const pointer = view.pointer(field) + mismatch.pointer;
    findings.push({
      message: mismatch.actual === undefined
        ? `\`${field}\` was written but is missing from the response.`
        : `\`${field}\` does not read back as written${mismatch.pointer ? ` (at ${mismatch.pointer})` : ''}.`,
      expected: show(mismatch.expected),
      actual: show(mismatch.actual),
      pointer,
      inferred: context.step.inferred || isInferred(schema) || responseInferred(exchange, context),
    });
  }
  for (const field of removed) {
    if (!view.exposes(field)) continue;
    compared++;
    const actual = view.record[field];
    if (actual === undefined || actual === null) continue;
    findings.push({
      message: `\`${field}\` was removed by a patch but still reads back.`,
      expected: 'absent (or null)',
      actual: show(actual),
      pointer: view.pointer(field),
      inferred: context.step.inferred || responseInferred(exchange, context),
    });
  }
  return compared === 0 ? null : findings;
}

function readBackSection(exchange: Exchange, context: CheckContext): Finding[] | null {
  const unsuccessful = requireSuccess(exchange);
  if (unsuccessful) return unsuccessful;
  const location = locationOf(context.operation);
  if (location.section === undefined) return null;
  const actual = valueAt(exchange.response!.body, location.section);
  const mismatch = findMismatch(context.facts.section!.value, actual);
  if (!mismatch) return [];
  return [{
    message: `The section does not read back as written${mismatch.pointer ? ` (at ${mismatch.pointer})` : ''}.`,
    expected: show(mismatch.expected),
    actual: show(mismatch.actual),
    pointer: location.section + mismatch.pointer,
    inferred: context.step.inferred || responseInferred(exchange, context),
  }];
}

/** The documented response the body was read from is itself a reading of ours. */
function responseInferred(exchange: Exchange, context: CheckContext): boolean {
  const status = exchange.response?.status;
  return status !== undefined && documentedResponse(context.operation, status)?.inferred === true;
}
