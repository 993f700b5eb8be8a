import { loadContractFile } from '../../../src/contract/load.ts';
import type { ContractModel } from '../../../src/contract/model.ts';
import { startMockServer } from '../../../src/mock/server.ts';
import { runConformance } from '../../../src/runner/engine.ts';
import type { CheckResult, RunSummary } from '../../../src/runner/events.ts';

/** `harness mock <file>` then `harness check` against it, in-process: what a user bringing the document sees. */
export async function checkAgainstOwnMock(file: string, options: { readonly seed?: number } = {}): Promise<{ contract: ContractModel; summary: RunSummary; results: CheckResult[] }> {
  const contract = await loadContractFile(file);
  const server = await startMockServer({ contracts: [contract], port: 0, atRoot: true });
  const results: CheckResult[] = [];
  try {
    const summary = await runConformance(contract, {
      baseUrl: server.mounts[0].url, token: 'tok_alice', token2: 'tok_bob', pathParams: {}, allowDestructive: false, timeoutMs: 5000, seed: options.seed ?? 1, only: [],
    }, (event) => { if (event.type === 'check') results.push(event.result); });
    return { contract, summary, results };
  } finally {
    await server.close();
  }
}

export const failuresOf = (results: readonly CheckResult[]) => results
  .filter((r) => r.status === 'fail')
  .map((r) => `${r.operationId} ${r.check} ${r.title}: ${r.message}`);
