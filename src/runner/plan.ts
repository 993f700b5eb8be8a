import type { OperationModel, ResourceModel } from '../contract/model.ts';
import type { OperationKind } from '../contract/vocabulary.ts';
import { bodyFor, documents, negativeSpecs, oversizedSpec } from './plan-negative.ts';
import { planCollections } from './plan-lists.ts';
import { slot } from './memory.ts';
import { planFormCreate } from './plan-forms.ts';
import { planConditional } from './plan-conditional.ts';
import { planPagingRecords } from './plan-paging.ts';
import { planBareReplace, planPartialUpdate } from './plan-partial.ts';
import { planReadOnlySent } from './plan-read-only.ts';
import { parentCreate, parentSpec, parentSpecs } from './plan-parents.ts';
import { planForeignKey, planSections, planSetOnce, planStaleVersion } from './plan-rules.ts';
import { planMembership, planTwoUsers } from './plan-users.ts';
import { createSpec, readSpec, updateSpec, type PlanContext, type ResourceOperations } from './plan-specs.ts';
import { planPatchMedia } from './plan-patch-media.ts';
import { takesFields } from './body-media.ts';
import { isSuccess } from './records.ts';
import { toStep, type StepSpec } from './steps.ts';
import { refusal, type RunState, type Step } from './types.ts';
import { fakerFor, otherValue, validBody, withFreshKey, type BodyPurpose } from './values.ts';
import { creatorAmong, operationsOf } from './operations-by-resource.ts';

/**
 * The run as ordered steps, per resource: create -> read -> update/replace -> read back -> stale version,
 * conditional requests (If-Match, If-None-Match) and set-once conflicts -> list and count -> actions (join/leave...) and sections -> checks with a second user
 * -> scope isolation -> other creates -> refusals (credentials, unknown ids, parameters, bodies) -> delete ->
 * read gives notFound -> truncate (only with allowDestructive). `--only` keeps the steps of the selected
 * operations, plus the creates they need.
 *
 * @example
 * const steps = planRun(state); // state from createRunState(contract, options)
 */
export function planRun(state: RunState): Step[] {
  const steps: Step[] = [];
  for (const ops of groupByResource(state.contract.operations)) {
    const resourceSteps: Step[] = [];
    // An update documented as JSON Patch alone takes no record fields: only its patch steps send it.
    const fieldOps = { ...ops, update: ops.update.filter(takesFields) };
    const ctx: PlanContext = { state, ops: fieldOps, main: `${ops.resource.name}:main`, add: (spec) => resourceSteps.push(toStep(spec)) };
    planResource(ctx, ops);
    steps.push(...selectSteps(guardUnsendable(guardDestructive(ctx, resourceSteps)), state.options.only));
  }
  return steps;
}

/** `allOps`: the resource's operations, JSON-Patch-only updates included. */
function planResource(ctx: PlanContext, allOps: ResourceOperations): void {
  const { ops, main, state } = ctx;
  // An operation that fits no resource: called once with valid input, its answer checked against the document.
  for (const operation of ops.static) {
    const situations = (['notFound', 'forbidden'] as const).filter((s) => documents(operation, s));
    ctx.add({ operation, title: 'call', body: bodyFor(state, operation), expect: { success: true, situations } });
  }
  const create = creatorAmong([...ops.create, ...ops.replace]);
  if (create) for (const spec of parentSpecs(state, ops.resource)) ctx.add(spec);
  // A client-chosen key taken from the document's example may well exist already (seeded, or another run's).
  if (create) ctx.add({ ...createSpec(create, main, 'create', withFreshKey(create, validBody(state, create), 'main'), 'user1', state), setup: true });
  for (const read of ops.read) ctx.add(readSpec(read, main, 'read'));
  for (const update of [...ops.update, ...ops.replace]) {
    ctx.add(updateSpec(update, main, update.behaviour.kind, validBody(state, update), { faker: state.faker, schemas: state.contract.schemas }));
    if (ops.read[0]) ctx.add({ ...readSpec(ops.read[0], main, `read after ${update.behaviour.kind}`), subject: update });
  }
  planPartialUpdate(ctx);
  planPatchMedia({ ...ctx, ops: allOps });
  planStaleVersion(ctx);
  planConditional(ctx);
  planForeignKey(ctx);
  planSetOnce(ctx);
  planPagingRecords(ctx);
  planCollections(ctx);
  planMembership(ctx);
  planSections(ctx);
  planTwoUsers(ctx);
  planScopeIsolation(ctx);
  // Late: it empties the optional fields the checks of other users and of lists rely on.
  planBareReplace(ctx);
  for (const extra of ops.create.slice(1)) {
    const label = `${ops.resource.name}:${extra.id}`;
    ctx.add(createSpec(extra, label, 'create', validBody(state, extra)));
    if (ops.read[0]) ctx.add({ ...readSpec(ops.read[0], label, `read what ${extra.id} created`), subject: extra });
  }
  planReadOnlySent(ctx);
  planFormCreate(ctx);
  const later = new Set<OperationKind>(['delete', 'truncate']);
  const others = operationsOf(state.contract.operations, ops.resource).filter((op) => !later.has(op.behaviour.kind));
  for (const operation of others) for (const spec of negativeSpecs(state, operation, main)) ctx.add(spec);
  for (const operation of others) {
    const spec = oversizedSpec(state, operation, main);
    if (spec) ctx.add(spec);
  }
  planDelete(ctx);
  planTruncate(ctx);
}

/** A record created under one scope value is not found (or not listed) under another. */
function planScopeIsolation(ctx: PlanContext): void {
  const { ops, main, state } = ctx;
  const name = ops.resource.scope[0];
  const create = ops.create[0];
  const parameter = create?.pathParams.find((p) => p.name === name);
  if (!name || !parameter) return;
  const read = ops.read.find((op) => op.pathParams.some((p) => p.name === name));
  const list = ops.list.find((op) => op.pathParams.some((p) => p.name === name));
  const operation = read ?? list;
  if (!operation) return;
  // The other value must be one the asking operation takes (its schema may be stricter than the create's).
  const asking = operation.pathParams.find((p) => p.name === name) ?? parameter;
  // Where parents are real records, the other scope is another real parent: a made-up one proves nothing.
  const parent = state.options.pathParams[name] === undefined ? parentCreate(state.contract, ops.resource, name) : undefined;
  const otherParent = slot<string>(`another {${name}}`);
  if (parent) ctx.add(parentSpec(state, parent, name, ops.resource, 'another parent', otherParent));
  const documented = (['notFound', 'forbidden'] as const).filter((s) => documents(operation, s));
  const situations = documented.length > 0 ? documented : (['notFound'] as const);
  ctx.add({
    operation,
    title: `${read ? 'read' : 'list'} under another ${name}`,
    record: main,
    expect: read ? refusal(...situations) : { success: true, situations },
    checks: ['scope_isolation'],
    reads: parent ? [otherParent] : [],
    path: (state, record) => {
      const home = record?.pathValues[name];
      const asked = home === undefined ? undefined
        : parent ? state.memory.recall(otherParent) : otherValue(state.contract.schemas, asking, home, fakerFor(state, `other:${name}`));
      return asked === undefined ? `no other valid value of ${name}` : { [name]: asked };
    },
    facts: (_state, record, _body, path) => ({ scope: { name, home: record!.pathValues[name], asked: path[name] } }),
  });
}

/** Deletes the followed record (refusals first), then reads it back: it must be gone. */
function planDelete(ctx: PlanContext): void {
  const { ops, main, state } = ctx;
  for (const operation of ops.delete) {
    for (const spec of negativeSpecs(state, operation, main)) ctx.add(spec);
    const oversized = oversizedSpec(state, operation, main);
    if (oversized) ctx.add(oversized);
  }
  const remove = ops.delete[0];
  if (!remove) return;
  ctx.add({
    operation: remove,
    title: 'delete',
    record: main,
    body: validBodyOrPlain(state, remove),
    settle: (_state, exchange, _facts, record) => {
      if (record && isSuccess(exchange)) {
        record.deleted = true;
        record.unavailable = 'it was deleted';
      }
    },
  });
  const read = ops.read[0];
  if (read) {
    ctx.add({ ...readAfterDelete(read, main), subject: remove });
  } else if (ops.list[0]) {
    ctx.add({ operation: ops.list[0], subject: remove, title: 'list after delete', deleted: main, expect: { success: true, situations: ['notFound'] }, checks: ['deleted_is_gone'] });
  }
}

function readAfterDelete(read: OperationModel, main: string): StepSpec {
  // The record is gone from the books: addressed by the id it had.
  return { operation: read, title: 'read after delete', deleted: main, expect: refusal('notFound'), checks: ['deleted_is_gone'] };
}

function validBodyOrPlain(state: RunState, operation: OperationModel, purpose: BodyPurpose = 'plain'): unknown {
  return operation.body ? validBody(state, operation, purpose) : undefined;
}

/**
 * Operations the contract marks destructive that reach beyond one record (a truncate) are never sent
 * without allowDestructive: their steps are replaced by one skip each. Destructive operations on a single
 * record only ever address records this run created (or ids no record has), so they stay.
 */
function guardDestructive(ctx: PlanContext, steps: Step[]): Step[] {
  if (ctx.state.options.allowDestructive) return steps;
  return skipOperations(steps, (op) => op.behaviour.destructive && op.behaviour.id === undefined, () => 'destructive; pass --allow-destructive');
}

/** Methods fetch refuses to send (`TRACE`, `CONNECT`): a document may declare them, the runner cannot call them. */
const UNSENDABLE = new Set(['TRACE', 'CONNECT']);

/** Steps of an operation whose method cannot be sent are replaced by one skip each that says so (never a failure). */
function guardUnsendable(steps: Step[]): Step[] {
  return skipOperations(steps, (op) => UNSENDABLE.has(op.method), (op) => `${op.method} cannot be sent by the runner's HTTP client: not checked`);
}

/** Steps that send (or are about) a guarded operation, replaced by one skip per such operation, saying why. */
function skipOperations(steps: Step[], guarded: (op: OperationModel) => boolean, reason: (op: OperationModel) => string): Step[] {
  const hit = (op: OperationModel | undefined) => op !== undefined && guarded(op);
  const operations = [...new Set(steps.flatMap((step) => [step.operation, step.subject]).filter(hit))] as OperationModel[];
  if (operations.length === 0) return steps;
  const skips = operations.map((operation) => toStep({ operation, title: operation.behaviour.kind, path: () => reason(operation) }));
  return [...steps.filter((step) => !hit(step.operation) && !hit(step.subject)), ...skips];
}

/** Truncates (only with allowDestructive, see guardDestructive); then the list must be empty. */
function planTruncate(ctx: PlanContext): void {
  const { ops, state } = ctx;
  for (const operation of ops.truncate) {
    for (const spec of negativeSpecs(state, operation, ctx.main)) ctx.add(spec);
    ctx.add({
      operation,
      title: 'truncate',
      body: validBodyOrPlain(state, operation),
      settle: (s, exchange) => {
        if (!isSuccess(exchange)) return;
        for (const record of s.records.values()) {
          if (record.resource === operation.behaviour.resource && !record.deleted) {
            record.deleted = true;
            record.unavailable = 'the truncate removed it';
          }
        }
      },
    });
    if (ops.list[0]) ctx.add({ operation: ops.list[0], subject: operation, title: 'list after truncate', checks: ['truncate_empties'] });
  }
}

function groupByResource(operations: readonly OperationModel[]): ResourceOperations[] {
  const groups = new Map<ResourceModel, Record<string, OperationModel[]>>();
  for (const operation of operations) {
    const resource = operation.behaviour.resource;
    if (!groups.has(resource)) groups.set(resource, {});
    const group = groups.get(resource)!;
    (group[operation.behaviour.kind] ??= []).push(operation);
  }
  const kinds: OperationKind[] = ['create', 'read', 'update', 'replace', 'delete', 'list', 'count', 'truncate', 'action', 'readSection', 'writeSection', 'static'];
  return [...groups].map(([resource, group]) => ({
    resource,
    ...Object.fromEntries(kinds.map((kind) => [kind, group[kind] ?? []])),
  }) as ResourceOperations);
}

/**
 * `--only`: the selected operations' steps, plus what they depend on, run but not reported: the setup
 * steps, and the steps that create a record or write a slot a kept step uses (the list a count compares with).
 */
function selectSteps(steps: Step[], only: readonly string[]): Step[] {
  if (only.length === 0) return steps;
  const selected = (op: OperationModel) => only.includes(op.id) || (op.tag !== undefined && only.includes(op.tag));
  if (!steps.some((step) => selected(step.subject))) return [];
  const needed = new Set<string>();
  const kept: Step[] = [];
  for (const step of [...steps].reverse()) {
    const { record, creates, reads = [], writes = [] } = step.dataflow ?? {};
    const produces = (creates !== undefined && needed.has(creates)) || writes.some((name) => needed.has(name));
    if (!selected(step.subject) && !step.setup && !produces) continue;
    for (const name of [...reads, ...(record === undefined ? [] : [record])]) needed.add(name);
    kept.push(selected(step.subject) ? step : { ...step, reported: false });
  }
  return kept.reverse();
}
