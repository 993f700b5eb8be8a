/**
 * What a conformance run emits. The engine produces events; every reporter is a consumer of them.
 * Everything in an event is already redacted (tokens, secret fields): reporters print what they get.
 */
export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip';

export interface ExchangeRecord {
  readonly request: {
    readonly method: string;
    readonly url: string;
    readonly headers: Readonly<Record<string, string>>;
    readonly body?: unknown;
  };
  readonly response?: {
    readonly status: number;
    readonly headers: Readonly<Record<string, string>>;
    readonly body?: unknown;
    readonly durationMs: number;
  };
  /** Transport failure (timeout, reset, refused...), when there is no response. */
  readonly error?: string;
}

export interface CheckResult {
  /** Unique within the run, stable across runs with the same seed, e.g. `createSession/status_documented#1`. */
  readonly id: string;
  readonly operationId: string;
  /** The check's function name, e.g. `status_code_conformance`. */
  readonly check: string;
  /** One line a person reads, e.g. `create -> 201 with a valid body`. */
  readonly title: string;
  readonly status: CheckStatus;
  /** Why it failed, warned or was skipped. */
  readonly message?: string;
  readonly expected?: string;
  readonly actual?: string;
  /** JSON pointer into the response body, for schema violations. */
  readonly pointer?: string;
  /** For schema violations: the part of the documented schema the value had to match, as JSON text. */
  readonly schemaExcerpt?: string;
  readonly exchange?: ExchangeRecord;
  /**
   * Which exchange of the run the check judged (1, 2, ...); several results may share one. Absent for
   * results that judged no exchange (notes, skipped steps).
   */
  readonly exchangeIndex?: number;
  /** The time of the exchange judged (the same for every result of that exchange), 0 without one. */
  readonly durationMs: number;
}

/** Where an operation is in its contract, for reports that point people (and CI annotations) at it. */
export interface OperationLocation {
  readonly id: string;
  readonly method: string;
  /** The OpenAPI path template, e.g. `/sessions/{id}`. */
  readonly path: string;
  /** The contract file, as the contract was loaded (absolute for bundled contracts). */
  readonly file: string;
  /** 1-based line of the operation in `file`, when known. */
  readonly line?: number;
}

export interface Coverage {
  readonly operations: { readonly exercised: number; readonly total: number; readonly missing: readonly string[] };
  /** Documented (operation, status) pairs; `missing` entries look like `getSession 404`. */
  readonly statuses: { readonly exercised: number; readonly total: number; readonly missing: readonly string[] };
}

export interface RunSummary {
  readonly contractId: string;
  readonly contractTitle: string;
  readonly baseUrl: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly counts: Readonly<Record<CheckStatus, number>>;
  readonly coverage: Coverage;
  /** 0 all passed, 1 a check failed, 2 the run could not be made (target unreachable...). */
  readonly exitCode: 0 | 1 | 2;
  /** Why the run was aborted, for exit code 2. */
  readonly fatal?: string;
  /** Why the run stopped before its end without being aborted, e.g. `--max-failures 3 reached`. */
  readonly stopped?: string;
}

export type RunEvent =
  | {
    readonly type: 'started';
    readonly contractId: string;
    readonly contractTitle: string;
    readonly baseUrl: string;
    readonly planned: number;
    /**
     * Every (operation, check) pair the plan may judge, whatever the target answers: reports that list
     * test cases use it so their list does not change with the answers. A pair may end with no result
     * (the check did not apply to any exchange); results outside it (clean-up, notes) may also arrive.
     */
    readonly plannedChecks?: ReadonlyArray<{ readonly operationId: string; readonly check: string }>;
    /** Every operation of the contract with its place in the file (older producers may omit it). */
    readonly operations?: readonly OperationLocation[];
  }
  | { readonly type: 'check'; readonly result: CheckResult }
  | { readonly type: 'done'; readonly summary: RunSummary };

export interface Reporter {
  onEvent(event: RunEvent): void;
  /** Flushes and returns the paths of the files written, if any. */
  close(): Promise<string[]>;
}
