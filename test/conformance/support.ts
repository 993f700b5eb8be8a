import type { ContractModel } from '../../src/contract/model.ts';
import type { CheckResult } from '../../src/runner/events.ts';
import { check, type RunOutcome } from '../runner/support/run.ts';
import type { RunningApi } from './implementations/http.ts';

/** An in-test implementation of one API: correct without a defect, broken in one way with one. */
export type StartImplementation<D extends string> = (options: { defect?: D }) => Promise<RunningApi>;

/** Starts the implementation on a free port, runs the conformance check with two identities, stops it. */
export async function checkImplementation<D extends string>(contract: ContractModel, start: StartImplementation<D>, defect?: D): Promise<RunOutcome> {
  const api = await start({ defect });
  try {
    return await check(contract, api.url);
  } finally {
    await api.close();
  }
}

/** What identifies a reported problem across runs: ids and messages carry per-run values (record ids). */
function signature(result: CheckResult): string {
  return `${result.status} ${result.check} ${result.title}`;
}

/**
 * Failures (and warnings) of a defective run that the correct run does not have: the defect is reported
 * when there is at least one, a failure unless the broken rule is one the contract marks x-inferred.
 */
export function newProblems(correct: RunOutcome, broken: RunOutcome): { failures: CheckResult[]; warnings: CheckResult[] } {
  const known = new Set(correct.results.filter((r) => r.status === 'fail' || r.status === 'warn').map(signature));
  const fresh = broken.results.filter((r) => (r.status === 'fail' || r.status === 'warn') && !known.has(signature(r)));
  return { failures: fresh.filter((r) => r.status === 'fail'), warnings: fresh.filter((r) => r.status === 'warn') };
}

/** One line per result, for assertion messages. */
export function describeResults(results: readonly CheckResult[]): string {
  return results.map((r) => `${r.status} ${r.id} ${r.title}: ${r.message}`).join('\n') || '(none)';
}

/** The verdict of a run without per-run values: which check said what about which step. */
export function verdictOf(outcome: RunOutcome): string[] {
  return outcome.results.map((r) => `${r.id} ${r.status} ${r.title}`);
}
