import type { CheckResult, CheckStatus, OperationLocation, RunEvent, RunSummary } from '../runner/events.ts';

/** What a reporter has gathered about one contract's run: a `started` event opens one. */
export interface RunRecord {
  readonly contractId: string;
  readonly contractTitle: string;
  readonly baseUrl: string;
  /** How many checks the runner planned, when it said (0 or absent: unknown). */
  readonly planned: number;
  /** The (operation, check) pairs the runner planned to judge (empty when it did not say). */
  readonly plannedChecks: ReadonlyArray<{ readonly operationId: string; readonly check: string }>;
  /** Where each operation is in the contract, by operationId (empty when the runner did not say). */
  readonly operations: ReadonlyMap<string, OperationLocation>;
  /** When the `started` event arrived (epoch ms). */
  readonly receivedAt: number;
  readonly checks: CheckResult[];
  /** The runner's summary, once `done` arrived. */
  summary: RunSummary | undefined;
}

type StartedEvent = Extract<RunEvent, { type: 'started' }>;

export const STATUSES: readonly CheckStatus[] = ['pass', 'fail', 'warn', 'skip'];

/** Said in the synthesized summary of a run that never sent `done` (the runner crashed or was stopped). */
export const UNFINISHED_MESSAGE = 'the run ended before it finished: no summary was received';

/**
 * Groups events into runs. Several contracts may be run one after another into the same reporter; each
 * `started` opens a new run. Checks or a `done` without a `started` before them get a run of their own,
 * so nothing an (imperfect) runner sends is lost.
 */
export class RunCollector {
  readonly runs: RunRecord[] = [];
  private current: RunRecord | undefined;

  /** Records the event and returns the run it belongs to. */
  add(event: RunEvent): RunRecord {
    switch (event.type) {
      case 'started': {
        this.current = this.open(event.contractId, event.contractTitle, event.baseUrl, event.planned, event);
        return this.current;
      }
      case 'check': {
        const run = this.current ?? this.openUnannounced();
        run.checks.push(event.result);
        return run;
      }
      case 'done': {
        let run = this.current;
        if (run === undefined || run.summary !== undefined) {
          const { contractId, contractTitle, baseUrl } = event.summary;
          run = this.open(contractId, contractTitle, baseUrl, 0);
        }
        run.summary = event.summary;
        this.current = undefined;
        return run;
      }
    }
  }

  private open(
    contractId: string, contractTitle: string, baseUrl: string, planned: number, started?: StartedEvent,
  ): RunRecord {
    const run: RunRecord = {
      contractId, contractTitle, baseUrl, planned, receivedAt: Date.now(), checks: [], summary: undefined,
      plannedChecks: started?.plannedChecks ?? [],
      operations: new Map((started?.operations ?? []).map((operation) => [operation.id, operation])),
    };
    this.runs.push(run);
    return run;
  }

  private openUnannounced(): RunRecord {
    this.current = this.open('unknown', 'unknown contract', '', 0);
    return this.current;
  }
}

export function countChecks(checks: readonly CheckResult[]): Record<CheckStatus, number> {
  const counts: Record<CheckStatus, number> = { pass: 0, fail: 0, warn: 0, skip: 0 };
  for (const check of checks) counts[check.status] += 1;
  return counts;
}

/**
 * The run's summary: the runner's own, or for a run that never finished one made from what arrived, with
 * exit code 2 and `fatal` saying so. Its coverage is then unknown and given as 0/0.
 */
export function summaryOf(run: RunRecord, now = Date.now()): RunSummary {
  if (run.summary) return run.summary;
  return {
    contractId: run.contractId,
    contractTitle: run.contractTitle,
    baseUrl: run.baseUrl,
    startedAt: new Date(run.receivedAt).toISOString(),
    durationMs: Math.max(0, now - run.receivedAt),
    counts: countChecks(run.checks),
    coverage: {
      operations: { exercised: 0, total: 0, missing: [] },
      statuses: { exercised: 0, total: 0, missing: [] },
    },
    exitCode: 2,
    fatal: UNFINISHED_MESSAGE,
  };
}

/** Checks grouped by operationId, groups and checks in the order they arrived. */
export function groupByOperation(checks: readonly CheckResult[]): Map<string, CheckResult[]> {
  const groups = new Map<string, CheckResult[]>();
  for (const check of checks) {
    const key = check.operationId || '(no operation)';
    const group = groups.get(key);
    if (group) group.push(check);
    else groups.set(key, [check]);
  }
  return groups;
}
