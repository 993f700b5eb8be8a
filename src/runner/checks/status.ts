import { isClosedWhileSending } from '../http-client.ts';
import type { CheckContext, Exchange, Finding } from '../types.ts';
import { acceptedStatuses, credentialsGuessed, documentedResponse, documentsAsSuccess, documentsNoSuccess, isSuccessStatus, prescribedForExpected, situationsInferred } from './support.ts';

/** The request got an answer at all (refused, reset, timed out... otherwise). */
export function response_received(exchange: Exchange, context: CheckContext): Finding[] | null {
  const error = exchange.result.error;
  if (error === undefined) return null;
  // A body over the size limit that the server stops reading and closes on (twice) is refused, but with no
  // answer to check: a warning, as any answer to that step that is not a refusal is.
  if (exchange.response === undefined && context.step.expect.situations?.includes('tooLarge') && isClosedWhileSending(error)) {
    return [{ message: `the server closed the connection while the oversized body was being sent (${error}): it refused the body, but gave no answer to check`, actual: error, inferred: true }];
  }
  return [{ message: `no usable response: ${error}`, actual: error }];
}

/**
 * The status is one the operation documents (exactly, by class such as `4XX`, or as `default`). When the
 * step provokes a situation whose status is itself our reading (x-inferred), an undocumented status is a
 * warning: the vendor documents no status for it, so no answer can be proven wrong.
 */
export function status_documented(exchange: Exchange, context: CheckContext): Finding[] | null {
  const status = exchange.response?.status;
  if (status === undefined || exchange.result.error !== undefined) return null;
  if (documentedResponse(context.operation, status)) return [];
  const documented = [...context.operation.responses.keys()].join(', ');
  const { step, operation } = context;
  const prescribed = prescribedForExpected(context, status);
  const guessed = credentialsGuessed(context, status);
  // A success where the document names none cannot be proven wrong: the document is incomplete.
  const noSuccess = isSuccessStatus(status) && documentsNoSuccess(operation);
  const inferred = prescribed || guessed || noSuccess || (!isSuccessStatus(status) && !step.expect.success && (step.inferred || step.expect.lenient === true || situationsInferred(operation, step.expect.situations)));
  return [{
    message: prescribed
      ? `${context.operation.id} does not document status ${status}, which HTTP prescribes here: the document is incomplete.`
      : guessed
        ? `${context.operation.id} does not document status ${status}; ${guessedCredentials(context)}.`
        : noSuccess
          ? `${context.operation.id} documents no success response, and the server answered ${status}: the document is incomplete.`
        : `${context.operation.id} does not document status ${status}${redirectHint(exchange)}.`,
    expected: `one of ${documented}`,
    actual: String(status),
    inferred,
  }];
}

/** The status is the one the situation calls for: a documented 2xx for a valid request, else the situation's status. */
export function status_expected(exchange: Exchange, context: CheckContext): Finding[] | null {
  const status = exchange.response?.status;
  if (status === undefined || exchange.result.error !== undefined) return null;
  const { step, operation } = context;
  const accepted = acceptedStatuses(context);
  if (accepted.statuses.includes(status)) return [];
  // An operation documenting only a redirect (an OAuth authorize endpoint) succeeds with that redirect.
  if (accepted.anySuccess && status === operation.successStatus) return [];
  if (accepted.anySuccess && isSuccessStatus(status) && (documentsAsSuccess(operation, status) || documentsNoSuccess(operation))) return [];
  if (accepted.anyClientError && status >= 400 && status < 500 && (documentedResponse(operation, status) || accepted.statuses.length === 0)) return [];
  // Undocumented but what HTTP prescribes: status_documented says the document is incomplete.
  if (prescribedForExpected(context, status)) return [];
  const guessed = credentialsGuessed(context, status);
  if (!accepted.anySuccess && accepted.statuses.length === 0) return null;
  // Which status a refusal gets may be a guess; that a request without valid credentials is refused is not.
  const credentialsIgnored = isSuccessStatus(status) && step.expect.situations.length > 0 && step.expect.situations.every((s) => s === 'unauthenticated');
  // Nor is it that a body the document's schema rejects is refused, where the document gives the client error.
  const validationIgnored = isSuccessStatus(status) && step.expect.stated === true;
  const inferred = step.inferred || step.expect.lenient === true || guessed
    || (!step.expect.success && !credentialsIgnored && !validationIgnored && situationsInferred(operation, step.expect.situations));
  return [{
    message: `${step.title}: expected ${accepted.label}, got ${status}${guessed ? `; ${guessedCredentials(context)}` : redirectHint(exchange)}.`,
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

function guessedCredentials(context: CheckContext): string {
  const schemes = [...new Set(context.operation.security.flat().map((scheme) => scheme.name))].join(', ');
  return `the token given is for ${context.contract.security?.name}, and ${context.operation.id} takes ${schemes}: give a credential for it to check this`;
}
