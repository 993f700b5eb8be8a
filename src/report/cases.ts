import type { CheckResult, CheckStatus } from '../runner/events.ts';

/**
 * What one check concluded about one operation over the whole run: the unit CI test reports count. Its
 * identity (operation, check) does not depend on how many exchanges were judged or how many violations
 * were found, so the list of test cases stays the same from one run to the next.
 */
export interface CheckCase {
  readonly operationId: string;
  readonly check: string;
  /** `fail` if any result failed; else `skip` if all were skipped; else `warn` if any warned; else `pass`. */
  readonly status: CheckStatus;
  /** In the order they arrived. */
  readonly results: readonly CheckResult[];
  /** Time of the distinct exchanges judged (an exchange judged by several results counts once). */
  readonly durationMs: number;
}

export interface CaseKey {
  readonly operationId: string;
  readonly check: string;
}

/**
 * Groups results by (operation, check). The `planned` pairs come first, in their order, also those no
 * result arrived for (status `skip`, no results); then pairs only results name, in the order they arrived.
 *
 * @example
 * groupIntoCases(run.checks, run.plannedChecks).filter((c) => c.status === 'fail');
 */
export function groupIntoCases(checks: readonly CheckResult[], planned: readonly CaseKey[] = []): CheckCase[] {
  const groups = new Map<string, { key: CaseKey; results: CheckResult[] }>();
  const keyOf = (key: CaseKey): string => JSON.stringify([key.operationId, key.check]);
  for (const key of planned) if (!groups.has(keyOf(key))) groups.set(keyOf(key), { key, results: [] });
  for (const result of checks) {
    const group = groups.get(keyOf(result));
    if (group) group.results.push(result);
    else groups.set(keyOf(result), { key: result, results: [result] });
  }
  return [...groups.values()].map(({ key, results }) => ({
    operationId: key.operationId,
    check: key.check,
    status: caseStatus(results),
    results,
    durationMs: exchangeTime(results),
  }));
}

/** Said of a planned case no result arrived for. */
export const NOT_APPLIED_MESSAGE = 'the check applied to no exchange of this run';

function caseStatus(results: readonly CheckResult[]): CheckStatus {
  if (results.length === 0) return 'skip';
  if (results.some((r) => r.status === 'fail')) return 'fail';
  if (results.every((r) => r.status === 'skip')) return 'skip';
  if (results.some((r) => r.status === 'warn')) return 'warn';
  return 'pass';
}

function exchangeTime(results: readonly CheckResult[]): number {
  const seen = new Set<number>();
  let total = 0;
  for (const result of results) {
    if (result.exchangeIndex === undefined) {
      // Producers without exchange indexes: each result stands for its own exchange.
      total += result.durationMs;
    } else if (!seen.has(result.exchangeIndex)) {
      seen.add(result.exchangeIndex);
      total += result.durationMs;
    }
  }
  return total;
}
