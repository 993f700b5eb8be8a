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

/** What HTTP prescribes when the document says nothing. */
const CONVENTIONAL: Readonly<Record<Situation, number>> = {
  unauthenticated: 401, forbidden: 403, notFound: 404, malformed: 400, invalid: 400, conflict: 409, tooLarge: 413, fault: 500,
};

/**
 * Each error situation of an operation without x-harness declarations: the status the operation documents
 * for it (400 for malformed and 422 for invalid when both are documented), with that response's schema and
 * media type for the body; a `4XX` or `default` response counts as documenting the conventional status.
 * When nothing is documented the conventional status is used, marked inferred and not documented.
 */
export function inferSituations(responses: ReadonlyMap<string, ResponseModel>): Record<Situation, SituationModel> {
  const result = {} as Record<Situation, SituationModel>;
  const clientErrors = [...responses.keys()].map(Number).filter((s) => s >= 400 && s < 500 && s !== 401 && s !== 403).sort((a, b) => a - b);
  for (const situation of SITUATIONS) {
    const exact = CANDIDATES[situation].find((status) => responses.has(String(status)));
    const conventional = CONVENTIONAL[situation];
    const classed = documentingResponse(responses, conventional, BY_CLASS_OR_DEFAULT);
    // Nothing for the situation, but another client error is documented: answer that one rather than
    // a status the document never mentions (fault and auth keep theirs).
    const fallback = exact === undefined && classed === undefined && BORROWS.has(situation) ? clientErrors[0] : undefined;
    const status = exact ?? fallback ?? conventional;
    const response = responses.get(String(status)) ?? classed;
    const documented = exact !== undefined || response !== undefined;
    result[situation] = Object.freeze({ status, vars: {}, inferred: exact === undefined, documented, response });
  }
  return Object.freeze(result);
}
