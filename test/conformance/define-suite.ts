import { beforeAll, describe, expect, it } from 'vitest';
import type { ContractModel } from '../../src/contract/model.ts';
import { loadContract } from '../../src/contract/registry.ts';
import type { RunOutcome } from '../runner/support/run.ts';
import { checkImplementation, describeResults, newProblems, verdictOf, type StartImplementation } from './support.ts';

export const MIN_DEFECTS_PER_API = 8;

export interface ConformanceSuite<D extends string> {
  readonly contractId: string;
  readonly start: StartImplementation<D>;
  /** Each defect with what it breaks. */
  readonly defects: Readonly<Record<D, string>>;
  /** Defects that break only rules the contract marks x-inferred: a warning is all the runner may give. */
  readonly inferred: readonly D[];
}

/**
 * The runner against an implementation written from the vendor's documents: no failure on the correct one,
 * each injected defect reported (a failure, or a warning where the contract marks the rule x-inferred),
 * and the same verdict for the same seed.
 */
export function defineConformanceSuite<D extends string>(suite: ConformanceSuite<D>): void {
  describe(`${suite.contractId}: the runner against an implementation from the vendor's documents`, () => {
    let contract: ContractModel;
    let correct: RunOutcome;
    const names = Object.keys(suite.defects) as D[];

    beforeAll(async () => {
      contract = await loadContract(suite.contractId);
      correct = await checkImplementation(contract, suite.start);
    });

    it('the correct implementation gets no failures', () => {
      expect(correct.summary.exitCode, describeResults(correct.failures)).toBe(0);
      expect(correct.failures).toEqual([]);
      expect(correct.summary.counts.pass).toBeGreaterThan(100);
    });

    it('gives the correct implementation the same verdict on a second run with the same seed', async () => {
      const again = await checkImplementation(contract, suite.start);
      expect(verdictOf(again)).toEqual(verdictOf(correct));
    });

    it(`defines at least ${MIN_DEFECTS_PER_API} defects`, () => {
      expect(names.length).toBeGreaterThanOrEqual(MIN_DEFECTS_PER_API);
    });

    // Concurrent: each variant has its own server and run state, and a run mostly waits on the loopback.
    it.concurrent.for(names)('reports the defect: %s', async (defect, { expect }) => {
      const broken = await checkImplementation(contract, suite.start, defect);
      const { failures, warnings } = newProblems(correct, broken);
      const inferred = suite.inferred.includes(defect);
      const reported = inferred ? [...failures, ...warnings] : failures;
      expect(reported.length, `${suite.defects[defect]}: nothing new reported; all problems:\n${describeResults(broken.results.filter((r) => r.status === 'fail' || r.status === 'warn'))}`).toBeGreaterThan(0);
      if (!inferred) expect(broken.summary.exitCode).toBe(1);
      expect(reported[0].exchange, 'a reported problem carries the exchange that shows it').toBeDefined();
    });
  });
}
