import type { ContractModel, OperationModel } from '../contract/model.ts';
import { assertKnownChecks } from './known-checks.ts';
import { assertSlotsWritten } from './memory.ts';
import { planRun } from './plan.ts';
import { createRunState } from './transport.ts';
import type { Expectation, RunOptions, Step } from './types.ts';

/** One planned step, as data: what it exercises and what it expects, without anything sent. */
export interface StepDescription {
  /** The operation whose behaviour the step checks (reports and `--only` group by it). */
  readonly subject: string;
  /** The operation the request goes to, when it is another one (`read after update` reads). */
  readonly operation?: string;
  readonly title: string;
  readonly method: string;
  /** The contract's path template, e.g. `/sessions/{id}`. */
  readonly path: string;
  /** `201`, `401 unauthenticated`, `200 or 422 invalid`... */
  readonly expected: string;
  /** Behaviour checks beyond those every exchange gets. */
  readonly checks: readonly string[];
  /** Runs for what later steps need, but reports nothing (`--only`). */
  readonly unreported?: true;
  /** Its failures are warnings: the rule is x-inferred. */
  readonly inferred?: true;
  /** Why the step will be skipped whatever the target does. */
  readonly skip?: string;
  /** The record it creates, by label (`session:main`). */
  readonly creates?: string;
  /** The record it addresses, by label. */
  readonly record?: string;
  /** What it needs from earlier steps: memory slots (`listSessions.items`). */
  readonly reads?: readonly string[];
  /** What it leaves for later steps: memory slots, and path parameters whose run-wide value it sets (`{project}`). */
  readonly writes?: readonly string[];
}

export interface PlanDescription {
  readonly contractId: string;
  readonly baseUrl: string;
  readonly steps: readonly StepDescription[];
}

/**
 * The run `runConformance` would make, described step by step without sending anything (`harness check
 * --dry-run`). Pure: the same contract and options give the same description.
 *
 * @example
 * describePlan(await loadContract('game-sessions'), options).steps[0];
 * // { subject: 'createSession', title: 'create', method: 'POST', path: '/sessions', expected: '201', checks: [...] }
 */
export function describePlan(contract: ContractModel, options: RunOptions): PlanDescription {
  const steps = planRun(createRunState(contract, options));
  assertKnownChecks(steps);
  assertSlotsWritten(steps);
  return { contractId: contract.id, baseUrl: options.baseUrl, steps: steps.map((step) => describeStep(step, options)) };
}

function describeStep(step: Step, options: RunOptions): StepDescription {
  const { operation, subject } = step;
  return {
    subject: subject.id,
    ...(operation === subject ? {} : { operation: operation.id }),
    title: step.title,
    method: operation.method,
    path: operation.path,
    expected: expectedStatuses(operation, step.expect),
    checks: [...step.checks],
    ...(step.reported ? {} : { unreported: true as const }),
    ...(step.inferred ? { inferred: true as const } : {}),
    ...(isGuarded(operation, options) || isGuarded(subject, options) ? { skip: 'destructive; pass --allow-destructive' } : {}),
    ...describeDataflow(step),
  };
}

function describeDataflow({ dataflow }: Step): Pick<StepDescription, 'creates' | 'record' | 'reads' | 'writes'> {
  if (!dataflow) return {};
  return {
    ...(dataflow.creates === undefined ? {} : { creates: dataflow.creates }),
    ...(dataflow.record === undefined ? {} : { record: dataflow.record }),
    ...(dataflow.reads.length === 0 ? {} : { reads: [...dataflow.reads] }),
    ...(dataflow.writes.length === 0 ? {} : { writes: [...dataflow.writes] }),
  };
}

/** As the planner's destructive guard: an operation beyond one record is never sent without allowDestructive. */
function isGuarded(operation: OperationModel, options: RunOptions): boolean {
  return !options.allowDestructive && operation.behaviour.destructive && operation.behaviour.id === undefined;
}

function expectedStatuses(operation: OperationModel, expect: Expectation): string {
  const parts = expect.success ? [String(operation.successStatus)] : [];
  if (expect.status !== undefined) parts.push(String(expect.status));
  for (const situation of expect.situations) parts.push(`${operation.situations[situation].status ?? '?'} ${situation}`);
  return `${parts.join(' or ') || '?'}${expect.lenient ? ' (lenient)' : ''}`;
}

/**
 * The description as text, one line per step, with the named state it creates, addresses, reads and writes:
 * `  3. updateSession  replace  PUT /sessions/{id}  -> 200  [version_increments, read_back]  on session:main`.
 */
export function formatPlan(plan: PlanDescription): string {
  const lines = [`${plan.contractId}: ${plan.steps.length} steps against ${plan.baseUrl} (nothing sent)`];
  const width = String(plan.steps.length).length;
  plan.steps.forEach((step, i) => {
    const via = step.operation ? ` (via ${step.operation})` : '';
    const checks = step.checks.length > 0 ? `  [${step.checks.join(', ')}]` : '';
    const dataflow = formatDataflow(step);
    const notes = [step.unreported ? 'unreported setup' : '', step.inferred ? 'x-inferred' : '', step.skip ? `skipped: ${step.skip}` : ''].filter(Boolean);
    const note = notes.length > 0 ? `  (${notes.join('; ')})` : '';
    lines.push(`  ${String(i + 1).padStart(width)}. ${step.subject}  ${step.title}  ${step.method} ${step.path}${via}  -> ${step.expected}${checks}${dataflow}${note}`);
  });
  return `${lines.join('\n')}\n`;
}

function formatDataflow(step: StepDescription): string {
  const parts = [
    step.creates === undefined ? '' : `creates ${step.creates}`,
    step.record === undefined ? '' : `on ${step.record}`,
    step.reads ? `reads ${step.reads.join(', ')}` : '',
    step.writes ? `writes ${step.writes.join(', ')}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? `  ${parts.join('; ')}` : '';
}
