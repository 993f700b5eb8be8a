import type { CheckContext, Exchange, Finding } from '../types.ts';
import { acceptedStatuses, documentedResponse, isSuccessStatus, PRESCRIBED, situationsInferred } from './support.ts';

/** The request got an answer at all (refused, reset, timed out... otherwise). */
export function response_received(exchange: Exchange): Finding[] | null {
  if (exchange.result.error === undefined) return null;
  return [{ message: `no usable response: ${exchange.result.error}`, actual: exchange.result.error }];
}

/** The status is one the operation documents (exactly, by class such as `4XX`, or as `default`). */
export function status_documented(exchange: Exchange, context: CheckContext): Finding[] | null {
  const status = exchange.response?.status;
  if (status === undefined || exchange.result.error !== undefined) return null;
  if (documentedResponse(context.operation, status)) return [];
  const documented = [...context.operation.responses.keys()].join(', ');
  const prescribed = context.step.expect.situations.some((situation) =>
    context.operation.situations[situation].documented === false && PRESCRIBED[situation]?.includes(status));
  return [{
    message: prescribed
      ? `${context.operation.id} does not document status ${status}, which HTTP prescribes here: the document is incomplete.`
      : `${context.operation.id} does not document status ${status}${redirectHint(exchange)}.`,
    expected: `one of ${documented}`,
    actual: String(status),
    inferred: prescribed,
  }];
}

/** The status is the one the situation calls for: a documented 2xx for a valid request, else the situation's status. */
export function status_expected(exchange: Exchange, context: CheckContext): Finding[] | null {
  const status = exchange.response?.status;
  if (status === undefined || exchange.result.error !== undefined) return null;
  const { step, operation } = context;
  const accepted = acceptedStatuses(context);
  if (accepted.statuses.includes(status)) return [];
  if (accepted.anySuccess && isSuccessStatus(status) && documentedResponse(operation, status)) return [];
  if (accepted.anyClientError && status >= 400 && status < 500 && (documentedResponse(operation, status) || accepted.statuses.length === 0)) return [];
  if (!accepted.anySuccess && accepted.statuses.length === 0) return null;
  const inferred = step.inferred || step.expect.lenient === true
    || (!step.expect.success && situationsInferred(operation, step.expect.situations));
  return [{
    message: `${step.title}: expected ${accepted.label}, got ${status}${redirectHint(exchange)}.`,
    expected: accepted.label,
    actual: String(status),
    inferred,
  }];
}

function redirectHint(exchange: Exchange): string {
  const location = exchange.response?.headers.location;
  const status = exchange.response?.status ?? 0;
  return status >= 300 && status < 400 && location ? ` (a redirect to ${location}, not followed)` : '';
}
