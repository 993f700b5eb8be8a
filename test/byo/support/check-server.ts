import type { ContractModel } from '../../../src/contract/model.ts';
import { runConformance } from '../../../src/runner/engine.ts';
import type { CheckResult, RunSummary } from '../../../src/runner/events.ts';
import type { RunningServer } from './http-kit.ts';

/** `harness check` in-process against a hand-written server: what a user pointing the runner at their implementation sees. */
export interface Run {
  readonly summary: RunSummary;
  readonly results: CheckResult[];
}

export async function checkServer(contract: ContractModel, server: RunningServer, tokens: readonly [string, string]): Promise<Run> {
  const results: CheckResult[] = [];
  try {
    const summary = await runConformance(contract, {
      baseUrl: server.url, token: tokens[0], token2: tokens[1], pathParams: {}, allowDestructive: false, timeoutMs: 5000, seed: 1, only: [],
    }, (event) => { if (event.type === 'check') results.push(event.result); });
    return { summary, results };
  } finally {
    await server.close();
  }
}

export const resultKey = (result: CheckResult) => `${result.status} ${result.operationId} ${result.check} ${result.title}`;
export const describeResults = (results: readonly CheckResult[]) => results.map((r) => `${resultKey(r)}: ${r.message}`);

/** What a defective run reports that the correct run does not, at the given level and by the given check. */
export function newFindings(correct: Run, defective: Run, reported: 'fail' | 'warn', check: string): CheckResult[] {
  const baseline = new Set(correct.results.map(resultKey));
  return defective.results.filter((r) => r.status === reported && r.check === check && !baseline.has(resultKey(r)));
}
