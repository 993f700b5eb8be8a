import type { ContractModel } from '../../../src/contract/model.ts';
import { startMockServer } from '../../../src/mock/server.ts';
import type { CheckResult } from '../../../src/runner/events.ts';
import type { RunOptions } from '../../../src/runner/types.ts';
import { MUTATION_CLASSES, startMutatedServer, type MutationClassId } from './mutation-proxy.ts';
import { check } from './run.ts';

/**
 * The detection matrix of one document: `harness check` against its mock (the correct server), then against
 * the mock behind the mutation proxy once per defect class.
 * - `caught`: exit 1 with a failure the correct run does not have (`checks` names them; `named` when one is
 *   among the class's expected checks);
 * - `warned`: only warnings the correct run does not have (a rule the document marks inferred);
 * - `missed`: the defect was applied and the run still passed (or failed only as the correct run did);
 * - `n/a`: the run gave the defect no occasion (the document documents no 201, no header...).
 */
export interface Detection {
  readonly defect: MutationClassId;
  readonly verdict: 'caught' | 'warned' | 'missed' | 'n/a';
  readonly named: boolean;
  readonly checks: readonly string[];
  readonly hits: number;
  /** The first findings that tell this run from the correct one. */
  readonly messages: readonly string[];
}

export interface DocumentMatrix {
  /** Failures against the correct server: each one is a false failure. */
  readonly falseFailures: readonly string[];
  readonly detections: readonly Detection[];
}

const key = (r: CheckResult) => `${r.status} ${r.operationId} ${r.check} ${r.title}`;
export const describeFailure = (r: CheckResult) => `${key(r)}: ${r.message}`;

export async function detectionMatrix(
  contract: ContractModel, defects: readonly MutationClassId[] = Object.keys(MUTATION_CLASSES) as MutationClassId[], options: Partial<RunOptions> = {},
): Promise<DocumentMatrix> {
  const mock = await startMockServer({ contracts: [contract], port: 0, atRoot: true });
  try {
    const correct = await runAgainst(contract, undefined, mock, options);
    const baseline = new Set(correct.findings.map(key));
    const detections: Detection[] = [];
    for (const defect of defects) {
      const run = await runAgainst(contract, defect, mock, options);
      const fresh = run.findings.filter((r) => !baseline.has(key(r)));
      const failed = fresh.some((r) => r.status === 'fail');
      const checks = [...new Set(fresh.filter((r) => r.status === (failed ? 'fail' : 'warn')).map((r) => r.check))];
      const verdict = run.hits === 0 ? 'n/a' : run.exitCode === 1 && failed ? 'caught' : fresh.length > 0 ? 'warned' : 'missed';
      detections.push({ defect, verdict, checks, hits: run.hits, named: checks.some((c) => MUTATION_CLASSES[defect].expected.includes(c)), messages: fresh.slice(0, 3).map(describeFailure) });
    }
    return { falseFailures: correct.findings.filter((r) => r.status === 'fail').map(describeFailure), detections };
  } finally {
    await mock.close();
  }
}

/**
 * The same, one operation at a time (the defect only in that operation's exchanges): which operations' breakage
 * goes unnoticed. Only the (defect, operation) pairs the run gave occasion to.
 */
export async function operationSweep(
  contract: ContractModel, defects: readonly MutationClassId[], options: Partial<RunOptions> = {},
): Promise<Array<Detection & { operation: string }>> {
  const mock = await startMockServer({ contracts: [contract], port: 0, atRoot: true });
  try {
    const baseline = new Set((await runAgainst(contract, undefined, mock, options)).findings.map(key));
    const found: Array<Detection & { operation: string }> = [];
    for (const defect of defects) {
      for (const operation of contract.operations) {
        const run = await runAgainst(contract, defect, mock, options, operation.id);
        if (run.hits === 0) continue;
        const fresh = run.findings.filter((r) => !baseline.has(key(r)));
        const failed = fresh.some((r) => r.status === 'fail');
        const checks = [...new Set(fresh.filter((r) => r.status === (failed ? 'fail' : 'warn')).map((r) => r.check))];
        const verdict = run.exitCode === 1 && failed ? 'caught' : fresh.length > 0 ? 'warned' : 'missed';
        found.push({ defect, operation: operation.id, verdict, checks, hits: run.hits, named: checks.some((c) => MUTATION_CLASSES[defect].expected.includes(c)), messages: fresh.slice(0, 3).map(describeFailure) });
      }
    }
    return found;
  } finally {
    await mock.close();
  }
}

async function runAgainst(contract: ContractModel, defect: MutationClassId | undefined, mock: Awaited<ReturnType<typeof startMockServer>>, options: Partial<RunOptions>, only?: string) {
  const server = await startMutatedServer(contract, defect, mock, only);
  try {
    await server.reset();
    const { summary, results } = await check(contract, server.url, options);
    return { exitCode: summary.exitCode, findings: results.filter((r) => r.status === 'fail' || r.status === 'warn'), hits: server.hits() };
  } finally {
    await server.close();
  }
}

/** One line per defect class: `caught (checks)`, `MISSED`, `n/a`. */
export function formatMatrix(name: string, matrix: DocumentMatrix, verbose = false): string {
  const lines = [`${name}: ${matrix.falseFailures.length} false failures`];
  for (const failure of matrix.falseFailures.slice(0, 5)) lines.push(`  FALSE ${failure}`);
  for (const d of matrix.detections) {
    const mark = d.verdict === 'caught' ? (d.named ? 'caught' : 'caught~') : d.verdict === 'missed' ? 'MISSED' : d.verdict;
    lines.push(`  ${d.defect.padEnd(22)} ${mark.padEnd(8)} ${d.hits > 0 ? `(${d.hits} hits) ` : ''}${d.checks.join(', ')}`);
    if (verbose && d.verdict !== 'caught') for (const message of d.messages) lines.push(`      ${message.slice(0, 300)}`);
  }
  return lines.join('\n');
}
