import type { ContractModel, OperationModel } from '../contract/model.ts';
import { CHECKS, GENERIC_CHECKS, STATUS_JUDGING_CHECKS } from './checks/index.ts';
import { cleanUp } from './cleanup.ts';
import { CoverageRecorder } from './coverage.ts';
import { RunEmitter } from './emitter.ts';
import type { RunEvent, RunSummary } from './events.ts';
import { BasePathHint } from './base-path.ts';
import { assertKnownChecks, UnknownCheckError } from './known-checks.ts';
import { assertSlotsWritten } from './memory.ts';
import { planRun } from './plan.ts';
import { createRedactor } from './redact.ts';
import { asAnsweringVariant } from './answering-variant.ts';
import { schemaExcerpt } from './schema-excerpt.ts';
import { createRunState, exchange as send } from './transport.ts';
import type { CheckContext, Exchange, Facts, Finding, RunOptions, RunState, Step } from './types.ts';

export type { RunOptions } from './types.ts';

/** Transport failures in a row after which the target counts as gone. */
const MAX_CONSECUTIVE_TRANSPORT_ERRORS = 3;

/**
 * Checks a server against a contract: plans workflows from the model, sends them in order, runs every
 * check on every exchange and emits the results (redacted) as events, then cleans up what it created.
 * Never throws for anything the target does; returns the summary also sent in the `done` event.
 *
 * @example
 * const summary = await runConformance(await loadContract('game-sessions'), {
 *   baseUrl: 'http://127.0.0.1:4010/game-sessions', pathParams: {}, allowDestructive: false,
 *   timeoutMs: 10_000, seed: 1, only: [],
 * }, (event) => reporter.onEvent(event));
 * summary.exitCode; // 0
 */
export async function runConformance(contract: ContractModel, options: RunOptions, emit: (event: RunEvent) => void): Promise<RunSummary> {
  const startedAt = new Date();
  const started = performance.now();
  const state = createRunState(contract, options);
  const redactor = createRedactor({
    // Extra headers often carry keys (API gateways): their values are treated as secrets too.
    tokens: [options.token, options.token2, state.credentials.user1, ...Object.values(options.credentials ?? {}), ...Object.values(options.credentials2 ?? {}), ...Object.values(options.headers ?? {})].filter((t): t is string => t !== undefined),
    secretFields: [...contract.resources.values()].flatMap((r) => r.secret),
    baseUrl: options.baseUrl,
  });
  const coverage = new CoverageRecorder(selectedOperations(contract, options.only));
  const run = new RunEmitter(emit, redactor);
  let steps: Step[] = [];
  let fatal: string | undefined;
  try {
    steps = planRun(state);
    assertKnownChecks(steps);
    assertSlotsWritten(steps);
  } catch (error) {
    // A contract the planner cannot handle is the harness's problem: said so, never a crash.
    fatal = `Failed to plan the run: ${(error as Error).message}`;
  }
  emit({
    type: 'started', contractId: contract.id, contractTitle: contract.title, baseUrl: redactor.text(options.baseUrl),
    planned: steps.filter((s) => s.reported).reduce((sum, s) => sum + 4 + s.checks.length, 0),
    plannedChecks: plannedChecks(steps),
    operations: contract.operations.map((op) => ({
      id: op.id, method: op.method, path: op.path, file: contract.file, ...(op.line === undefined ? {} : { line: op.line }),
    })),
  });
  if (fatal === undefined && options.token === undefined && Object.keys(options.credentials ?? {}).length === 0 && contract.security) {
    run.note('(run)', 'credentials', 'warn', 'credentials', 'No --token given: a generated example token is used. The harness mock accepts it; a real server will likely answer 401.');
  }
  let stopped: string | undefined;
  if (fatal === undefined) ({ fatal, stopped } = await runSteps(state, steps, run, coverage));
  if (fatal === undefined) await cleanUpAndReport(state, run, coverage);
  else reportLeftovers(state, run);

  const summary: RunSummary = {
    contractId: contract.id,
    contractTitle: contract.title,
    baseUrl: redactor.text(options.baseUrl),
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    counts: { ...run.counts },
    coverage: coverage.summary(),
    exitCode: fatal !== undefined ? 2 : run.counts.fail > 0 ? 1 : 0,
    ...(fatal === undefined ? {} : { fatal: redactor.text(fatal) }),
    ...(stopped === undefined ? {} : { stopped }),
  };
  emit({ type: 'done', summary });
  return summary;
}

/** Runs the steps in order; returns why the run was aborted (`fatal`) or stopped early (`stopped`), if it was. */
async function runSteps(
  state: RunState, steps: readonly Step[], run: RunEmitter, coverage: CoverageRecorder,
): Promise<{ fatal?: string; stopped?: string }> {
  const { maxFailures } = state.options;
  const basePath = new BasePathHint(state.contract.id, state.contract.serverUrl, state.options.baseUrl);
  let sent = 0;
  let consecutiveErrors = 0;
  for (const step of steps) {
    let prepared;
    try {
      prepared = step.prepare(state);
    } catch (error) {
      prepared = { skip: `the step could not be prepared: ${(error as Error).message}` };
    }
    if ('skip' in prepared) {
      if (step.reported) run.note(step.subject.id, step.checks[0] ?? 'status_expected', 'skip', step.title, prepared.skip);
      continue;
    }
    const exchange = await send(state, step.operation, prepared.request);
    sent++;
    coverage.record(step.operation, exchange.response?.status);
    run.observe(exchange);
    const hint = basePath.observe(exchange);
    if (hint !== undefined) run.note('(run)', 'base_url', 'warn', 'base URL', hint);
    if (step.reported) runChecks(state, step, prepared.facts, exchange, run);
    try {
      step.settle?.(state, exchange, prepared.facts);
    } catch (error) {
      // Bookkeeping must never stop the run, nor fail silently: later steps may lack what this one recorded.
      run.note(step.subject.id, step.checks[0] ?? 'status_expected', 'warn', step.title,
        `The harness could not record what this step returned (${(error as Error).message}); later steps that use it may be skipped. This is a bug of the harness, not of the server.`);
    }
    if (exchange.result.error === undefined) {
      consecutiveErrors = 0;
    } else {
      consecutiveErrors++;
      if (sent === 1) {
        // An answer whose body broke off (stalled, reset) was reached: saying it was not sent people to the network.
        const what = exchange.response ? `The target's first answer broke off before its body ended` : 'The target could not be reached';
        return { fatal: `${what}: ${exchange.result.error} (${exchange.request.method} ${exchange.request.url}).` };
      }
      if (consecutiveErrors >= MAX_CONSECUTIVE_TRANSPORT_ERRORS) {
        return { fatal: `The target stopped answering: ${consecutiveErrors} requests in a row failed, the last with ${exchange.result.error}.` };
      }
    }
    if (maxFailures !== undefined && run.counts.fail >= maxFailures) {
      const left = steps.length - steps.indexOf(step) - 1;
      return { stopped: `Stopped after ${run.counts.fail} failed checks (--max-failures ${maxFailures}); ${left} of ${steps.length} steps were not run.` };
    }
  }
  return {};
}

/** The checks run on every exchange of `step`: the generic ones (less those the step's own checks replace) and its own. */
function checkNamesOf(step: Step): string[] {
  const judged = !step.expect.success && step.checks.some((name) => STATUS_JUDGING_CHECKS.has(name));
  return [...GENERIC_CHECKS.filter((name) => !(judged && name === 'status_expected')), ...step.checks].filter((name) => CHECKS[name] !== undefined);
}

/** Every (operation, check) pair the reported steps may judge, in plan order, each once. */
function plannedChecks(steps: readonly Step[]): Array<{ operationId: string; check: string }> {
  const pairs = new Map<string, { operationId: string; check: string }>();
  for (const step of steps) {
    if (!step.reported) continue;
    for (const check of checkNamesOf(step)) pairs.set(`${step.subject.id}\u0000${check}`, { operationId: step.subject.id, check });
  }
  return [...pairs.values()];
}

function runChecks(state: RunState, step: Step, facts: Facts, exchange: Exchange, run: RunEmitter): void {
  const context: CheckContext = { contract: state.contract, operation: step.operation, step, facts, state };
  const answered = asAnsweringVariant(state.contract, step, exchange);
  // The generic checks judge the answer as the variant that gave it; the step's own checks, its behaviour.
  const genericContext: CheckContext = answered === step ? context : { ...context, operation: answered.operation, step: answered };
  const judging = (name: string) => ((GENERIC_CHECKS as readonly string[]).includes(name) ? genericContext : context);
  for (const name of checkNamesOf(step)) {
    const definition = CHECKS[name];
    // Unreachable: assertKnownChecks vetted every name at plan time, and the generic ones are CHECKS' own.
    if (!definition) throw new UnknownCheckError(`${step.subject.id} "${step.title}" asks for the unknown check "${name}".`);
    let findings: Finding[] | null;
    try {
      findings = definition.run(exchange, judging(name));
    } catch (error) {
      findings = [{ skip: true, message: `the check could not run: ${(error as Error).message}` }];
    }
    if (findings === null) continue;
    const title = `${step.title} → ${definition.describe(exchange, context)}`;
    run.results(step.subject.id, name, title, findings, exchange, (pointer) => schemaExcerpt(name, judging(name).operation, exchange, pointer));
  }
}

async function cleanUpAndReport(state: RunState, run: RunEmitter, coverage: CoverageRecorder): Promise<void> {
  const outcome = await cleanUp(state);
  for (const { operation, exchange } of outcome.exchanges) {
    coverage.record(operation, exchange.response?.status);
    run.observe(exchange);
  }
  for (const { record, operation, exchange } of outcome.failed) {
    const why = exchange.result.error ?? `status ${exchange.response?.status}`;
    run.results(operation.id, 'cleanup', `clean up ${record.resource.name} ${record.id}`, [{ message: `Failed to delete the ${record.resource.name} ${record.id} the run created: ${why}. Delete it by hand.`, inferred: true }], exchange);
  }
  for (const [resource, records] of outcome.undeletable) {
    const operation = records[0].createOperation;
    run.note(operation.id, 'cleanup', 'skip', `clean up ${resource}`, `The contract has no delete operation for ${resource}: ${records.length} created by this run remain (${records.map((r) => r.id).join(', ')}).`);
  }
}

function reportLeftovers(state: RunState, run: RunEmitter): void {
  const left = [...state.records.values()].filter((r) => !r.deleted && r.id !== undefined);
  if (left.length === 0) return;
  run.note('(run)', 'cleanup', 'warn', 'clean up', `The run was aborted before cleaning up: ${left.map((r) => `${r.resource.name} ${r.id}`).join(', ')} may remain.`);
}

function selectedOperations(contract: ContractModel, only: readonly string[]): OperationModel[] {
  if (only.length === 0) return [...contract.operations];
  return contract.operations.filter((op) => only.includes(op.id) || (op.tag !== undefined && only.includes(op.tag)));
}
