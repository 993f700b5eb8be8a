import { exampleToken } from '../../../src/auth/example-token.ts';
import type { ContractModel } from '../../../src/contract/model.ts';
import { runConformance } from '../../../src/runner/engine.ts';
import type { CheckResult, RunEvent, RunSummary } from '../../../src/runner/events.ts';
import type { RunOptions } from '../../../src/runner/types.ts';

export interface RunOutcome {
  readonly summary: RunSummary;
  readonly results: CheckResult[];
  readonly events: RunEvent[];
  readonly failures: CheckResult[];
}

/** The two identities tests use: JWTs for JWT schemes, opaque tokens otherwise. */
export function tokensFor(contract: ContractModel): { token: string; token2: string } {
  return { token: exampleToken(contract.security, 'alice'), token2: exampleToken(contract.security, 'bob') };
}

/** Runs the conformance check with both identities and collects every event. */
export async function check(contract: ContractModel, baseUrl: string, options: Partial<RunOptions> = {}): Promise<RunOutcome> {
  const events: RunEvent[] = [];
  const summary = await runConformance(contract, {
    baseUrl,
    ...tokensFor(contract),
    pathParams: {},
    allowDestructive: false,
    timeoutMs: 5000,
    seed: 1,
    only: [],
    ...options,
  }, (event) => events.push(event));
  const results = events.flatMap((e) => (e.type === 'check' ? [e.result] : []));
  return { summary, results, events, failures: results.filter((r) => r.status === 'fail') };
}

/** One line per failure, for assertion messages. */
export function describeFailures(results: readonly CheckResult[]): string {
  return results.filter((r) => r.status === 'fail').map((r) => `${r.id} ${r.title}: ${r.message}`).join('\n') || '(no failures)';
}
