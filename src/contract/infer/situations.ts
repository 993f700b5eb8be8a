import { BY_CLASS_OR_DEFAULT, documentingResponse } from '../documented-status.ts';
import type { ResponseModel, SituationModel } from '../model.ts';
import { SITUATIONS, type Situation } from '../vocabulary.ts';

/** Statuses that stand for each situation, in the order a document's own responses are tried. */
const CANDIDATES: Readonly<Record<Situation, readonly number[]>> = {
  unauthenticated: [401, 403],
  forbidden: [403],
  notFound: [404, 410],
  malformed: [400, 422],
  invalid: [422, 400],
  conflict: [409, 422, 400],
  tooLarge: [413, 400],
  fault: [500],
};

/** Situations that answer another documented client error when their own is not documented. */
const BORROWS: ReadonlySet<Situation> = new Set(['notFound', 'malformed', 'invalid', 'conflict']);

/**
 * Client errors that name one thing (no such record, a conflict, a wrong method or media type, too many
 * requests...): never borrowed for another situation. An invalid filter answered 404 would tell a client
 * the collection is gone. 400 and 422 are generic: any client mistake may answer them.
 */
const SPECIFIC = new Set([401, 403, 404, 405, 406, 407, 408, 409, 410, 411, 413, 414, 415, 416, 417, 426, 428, 429, 431, 451]);

/** What HTTP prescribes when the document says nothing. */
const CONVENTIONAL: Readonly<Record<Situation, number>> = {
  unauthenticated: 401, forbidden: 403, notFound: 404, malformed: 400, invalid: 400, conflict: 409, tooLarge: 413, fault: 500,
};

/**
 * Each error situation of an operation without x-harness declarations: the status the operation documents
 * for it (400 for malformed and 422 for invalid when both are documented), with that response's schema and
 * media type for the body; a `4XX` or `default` response counts as documenting the conventional status.
 * When nothing is documented for it, a generic documented client error (400 for a missing record, say) is
 * borrowed; else the conventional status is used, marked inferred and not documented, and answered in the
 * shape of the operation's first documented client error (a problem document when there is none).
 */
export function inferSituations(responses: ReadonlyMap<string, ResponseModel>): Record<Situation, SituationModel> {
  const result = {} as Record<Situation, SituationModel>;
  const clientErrors = [...responses.keys()].map(Number).filter((s) => s >= 400 && s < 500 && s !== 401 && s !== 403).sort((a, b) => a - b);
  const shape = clientErrors.map((status) => responses.get(String(status))).find((response) => response?.mediaTypes.length);
  for (const situation of SITUATIONS) {
    const exact = CANDIDATES[situation].find((status) => responses.has(String(status)));
    const conventional = CONVENTIONAL[situation];
    const classed = documentingResponse(responses, conventional, BY_CLASS_OR_DEFAULT);
    const borrows = exact === undefined && classed === undefined && BORROWS.has(situation);
    const fallback = borrows ? clientErrors.find((status) => !SPECIFIC.has(status)) : undefined;
    const status = exact ?? fallback ?? conventional;
    const response = responses.get(String(status)) ?? classed;
    const documented = exact !== undefined || response !== undefined;
    result[situation] = Object.freeze({ status, vars: {}, inferred: exact === undefined, documented, response: response ?? (borrows ? shape : undefined) });
  }
  return Object.freeze(result);
}
