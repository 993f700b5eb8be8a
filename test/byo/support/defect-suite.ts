import { beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../../../src/contract/registry.ts';
import type { ContractModel } from '../../../src/contract/model.ts';
import { checkServer, describeResults, newFindings, type Run } from './check-server.ts';
import type { RunningServer } from './http-kit.ts';

export interface DefectCase<D extends string> {
  readonly defect: D;
  readonly reported: 'fail' | 'warn';
  readonly check: string;
}

export interface DefectSuite<D extends string> {
  readonly document: string;
  readonly defects: Readonly<Record<D, string>>;
  readonly start: (defect?: NoInfer<D>) => Promise<RunningServer>;
  readonly tokens: readonly [string, string];
  readonly cases: readonly DefectCase<NoInfer<D>>[];
  /** Seeded defects the runner cannot tell from a valid reading of the document, each with the reason. */
  readonly indistinguishable?: Readonly<Partial<Record<NoInfer<D>, string>>>;
}

/**
 * `harness check` against a hand-written implementation: correct, no failure; with each seeded defect, a
 * finding at the stated level by the stated check that the correct run does not have. Warnings are for
 * defects that break a rule the runner only knows from a naming convention (or HTTP semantics many servers
 * bend, such as PUT merging).
 */
export function defineDefectSuite<D extends string>(title: string, suite: DefectSuite<D>): void {
  describe(title, () => {
    let contract: ContractModel;
    let correct: Run;
    beforeAll(async () => {
      contract = await loadContract(suite.document);
      correct = await checkServer(contract, await suite.start(), suite.tokens);
    });

    it('the correct implementation gets no failure', () => {
      expect(describeResults(correct.results.filter((r) => r.status === 'fail'))).toEqual([]);
      expect(correct.summary.exitCode).toBe(0);
    });

    it('covers every seeded defect, or says why it cannot be told apart', () => {
      const covered = [...suite.cases.map((c) => c.defect), ...Object.keys(suite.indistinguishable ?? {})];
      expect(covered.sort()).toEqual(Object.keys(suite.defects).sort());
    });

    it.each(suite.cases)('$defect: reported as $reported by $check', async ({ defect, reported, check }) => {
      const run = await checkServer(contract, await suite.start(defect), suite.tokens);
      const found = newFindings(correct, run, reported, check);
      const got = describeResults(run.results.filter((r) => r.status === 'fail' || r.status === 'warn')).join('\n');
      expect(found.length, `${suite.defects[defect]}; got:\n${got}`).toBeGreaterThan(0);
    });
  });
}
