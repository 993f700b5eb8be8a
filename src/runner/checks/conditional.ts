import type { CheckContext, Exchange, Finding } from '../types.ts';
import { isSuccessStatus } from './support.ts';

/**
 * Conditional requests (RFC 9110 §13, rules/etag.ts): a write whose `If-Match` names no current tag is refused
 * with 412 and changes nothing; a read whose `If-None-Match` names the current tag answers 304. The steps
 * say which (facts.conditional); a rule the document states only in part is a warning (step.inferred).
 */

/** A write with a stale `If-Match` is refused with 412 Precondition Failed. */
export function if_match_stale_refused(exchange: Exchange, context: CheckContext): Finding[] | null {
  if (context.facts.conditional?.phase !== 'stale') return null;
  return answered(exchange, context, 412, (status) => `A write with the stale If-Match ${exchange.request.headers['if-match']} was accepted (status ${status}): the precondition is not evaluated.`);
}

/** The read after a refused write shows the tag read before it: the refused write changed nothing. */
export function if_match_unchanged(exchange: Exchange, context: CheckContext): Finding[] | null {
  const conditional = context.facts.conditional;
  const now = exchange.response?.headers.etag;
  if (conditional?.phase !== 'unchanged' || exchange.result.error !== undefined || !isSuccessStatus(exchange.response?.status ?? 0) || now === undefined) return null;
  if (now === conditional.tag) return [];
  return [{
    message: `The ETag changed from ${conditional.tag} to ${now} after a write refused for its stale If-Match: the write was applied anyway.`,
    expected: conditional.tag,
    actual: now,
    inferred: context.step.inferred,
  }];
}

/** A write without the `If-Match` the document requires is refused with 428 Precondition Required, where documented. */
export function if_match_required(exchange: Exchange, context: CheckContext): Finding[] | null {
  if (context.facts.conditional?.phase !== 'required') return null;
  return answered(exchange, context, 428, (status) => `A write without the required If-Match was accepted (status ${status}).`);
}

/** A read with the current tag in `If-None-Match` answers 304 Not Modified, where the read documents it. */
export function if_none_match_not_modified(exchange: Exchange, context: CheckContext): Finding[] | null {
  const conditional = context.facts.conditional;
  if (conditional?.phase !== 'notModified') return null;
  return answered(exchange, context, 304, (status) => `A read with If-None-Match ${conditional.tag}, the current ETag, answered ${status}, not 304 Not Modified.`);
}

function answered(exchange: Exchange, context: CheckContext, expected: number, succeeded: (status: number) => string): Finding[] {
  const status = exchange.response?.status;
  if (status === undefined || exchange.result.error !== undefined) return [{ skip: true, message: `no response: ${exchange.result.error ?? 'transport error'}` }];
  if (status === expected) return [];
  const message = isSuccessStatus(status) ? succeeded(status) : `${context.step.title}: expected ${expected}, got ${status}.`;
  return [{ message, expected: String(expected), actual: String(status), inferred: context.step.inferred }];
}
