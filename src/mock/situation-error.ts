import type { Violation } from '../schema/ajv.ts';
import type { Situation } from '../contract/vocabulary.ts';

/**
 * Raised by the mock's behaviour when a request meets one of the contract's error situations; the HTTP
 * layer turns it into the status and body the contract documents for that situation.
 */
export class SituationError extends Error {
  constructor(
    readonly situation: Situation,
    message: string,
    readonly violations: readonly Violation[] = [],
    /** For `fault`: the status asked for. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'SituationError';
  }
}
