import type { ContractModel, SituationModel } from '../contract/model.ts';
import type { Situation } from '../contract/vocabulary.ts';
import { renderTemplate, type TemplateContext } from '../template/render.ts';
import type { Violation } from '../schema/ajv.ts';
import type { Random } from '../template/random.ts';
import { errorBodyFor } from './error-body.ts';

const FALLBACK_STATUS: Record<Situation, number> = {
  unauthenticated: 401, forbidden: 403, notFound: 404, malformed: 400, invalid: 400, conflict: 409, tooLarge: 413, fault: 500,
};

export interface ErrorReply {
  readonly status: number;
  readonly body: unknown;
  /** Undefined: application/json. */
  readonly mediaType?: string;
}

/**
 * The contract's error body for a situation. The contract's own message wins; what the mock found out
 * (e.g. "The token has expired.") is offered to the template as `${detail}`.
 */
export function renderErrorReply(
  contract: ContractModel,
  situations: Readonly<Record<Situation, SituationModel>>,
  situation: Situation,
  detail: string,
  violations: readonly Violation[],
  tools: { random: Random; now: () => Date },
  status?: number,
): ErrorReply {
  const model = situations[situation];
  const code = status ?? model.status ?? FALLBACK_STATUS[situation];
  if (contract.errorBody === undefined) {
    const response = status === undefined || status === model.status ? model.response : undefined;
    return { status: code, ...errorBodyFor(response, code, detail, violations) };
  }
  // No violations: `${violations}` is undefined, so a `$map` over it leaves its key out of the body.
  const listed = violations.length > 0 ? violations : undefined;
  const vars = { ...model.vars, message: model.vars.message ?? detail, detail, status: code, violations: listed };
  const context: TemplateContext = { vars, random: tools.random, now: tools.now };
  return { status: code, body: renderTemplate(contract.errorBody, context) };
}

/** Which situation an injected `Prefer: status=N` stands for: the one documented with that status, else `fault`. */
export function situationForStatus(situations: Readonly<Record<Situation, SituationModel>>, status: number): Situation {
  const match = (Object.entries(situations) as [Situation, SituationModel][]).find(([, s]) => s.status === status);
  return match ? match[0] : 'fault';
}
