import { BY_CODE, isDocumentedStatus } from '../contract/documented-status.ts';
import type { OperationModel } from '../contract/model.ts';
import { hasEntityTags, isWeak, preconditionsOf, staleTag } from '../rules/etag.ts';
import { keep, slot, type Slot } from './memory.ts';
import { readSpec, RECORD_CHECKS, updateSpec, type PlanContext } from './plan-specs.ts';
import { isSuccess } from './records.ts';
import type { StepSpec } from './steps.ts';
import type { Expectation, Facts, RunState } from './types.ts';
import { validBody } from './values.ts';

/** HTTP's own answer, neither a success nor a situation: the conditional checks judge it themselves. */
const answering = (status: 304 | 412 | 428): Expectation => ({ success: false, situations: [], status });

/**
 * Conditional requests, where the document gives the resource entity tags (rules/etag.ts): after reading the
 * record's tag, an update (or replace) and a delete with a stale `If-Match` are refused with 412 and leave the
 * record as it was (read back, same tag), an update with the current tag succeeds, a read with the current
 * tag in `If-None-Match` answers 304 where the read documents it, and a write without the `If-Match` it
 * requires is refused with 428 where it documents that.
 */
export function planConditional(ctx: PlanContext): void {
  const { ops, state } = ctx;
  const read = ops.read[0];
  if (!read || !hasEntityTags(state.contract, ops.resource)) return;
  const tag = slot<string>(`${ops.resource.name}.ETag`);
  const guarded = (op: OperationModel) => preconditionsOf(state.contract, op)?.ifMatch === true;
  // The read first: a server that ignores a stale If-Match on a delete leaves no record to read.
  const cached = ops.read.find((op) => preconditionsOf(state.contract, op)?.ifNoneMatch === true);
  if (cached) planIfNoneMatch(ctx, cached, tag);
  for (const op of [...ops.update, ...ops.replace, ...ops.delete, ...ops.action, ...ops.writeSection]) planIfMatchRequired(ctx, op);
  const write = [...ops.update, ...ops.replace].find(guarded);
  if (write) planIfMatch(ctx, write, read, tag, true);
  const remove = ops.delete.find(guarded);
  if (remove) planIfMatch(ctx, remove, read, tag, false);
}

/** A write with a stale tag (refused, the record unchanged), then, for an update, one with the current tag. */
function planIfMatch(ctx: PlanContext, write: OperationModel, read: OperationModel, tag: Slot<string>, thenCurrent: boolean): void {
  const { main, state } = ctx;
  const inferred = inferredFor(state, write);
  const kind = write.behaviour.kind;
  const draw = { faker: state.faker, schemas: state.contract.schemas };
  const body = write.body ? validBody(state, write) : undefined;
  ctx.add({ ...readingTag(read, main, 'read for its ETag', tag), subject: write });
  ctx.add({
    ...(kind === 'delete' ? { operation: write, title: '', record: main, body } : updateSpec(write, main, kind, body, draw)),
    title: `${kind} with a stale If-Match`,
    expect: answering(412),
    checks: ['if_match_stale_refused'],
    inferred,
    reads: [tag],
    headers: (state) => withTag(state, tag, (current) => ({ 'if-match': staleTag(current) })),
    facts: (state) => withTag(state, tag, (current): Partial<Facts> => ({ conditional: { phase: 'stale', tag: current } })),
    settle: undefined,
  });
  const after = readingTag(read, main, `read after the stale If-Match`, tag);
  ctx.add({
    ...after,
    subject: write,
    checks: [...RECORD_CHECKS, 'if_match_unchanged'],
    inferred,
    reads: [tag],
    facts: (state, record, sent, path) => {
      const facts = after.facts!(state, record, sent, path);
      return withTag(state, tag, (current) => (typeof facts === 'string' ? facts : { ...facts, conditional: { phase: 'unchanged', tag: current } }));
    },
  });
  if (!thenCurrent) return;
  ctx.add({
    ...updateSpec(write, main, kind, body, draw),
    title: `${kind} with the current If-Match`,
    inferred,
    reads: [tag],
    // A weak tag never satisfies If-Match (strong comparison): a correct server refuses it.
    headers: (state) => withTag(state, tag, (current) => (isWeak(current) ? 'the ETag is weak, and If-Match compares strongly (RFC 9110 §13.1.1)' : { 'if-match': current })),
  });
  ctx.add({ ...readSpec(read, main, `read after the current If-Match`), subject: write });
}

/** A write without the `If-Match` the document requires, where it documents 428: refused, nothing written. */
function planIfMatchRequired(ctx: PlanContext, write: OperationModel): void {
  const { main, state } = ctx;
  if (!preconditionsOf(state.contract, write)?.ifMatchRequired || !isDocumentedStatus(write.responses, 428, BY_CODE)) return;
  ctx.add({
    operation: write,
    title: `${write.behaviour.kind} without the required If-Match`,
    record: main,
    body: write.body ? validBody(state, write) : undefined,
    expect: answering(428),
    checks: ['if_match_required'],
    inferred: write.behaviour.inferred,
    omitHeaders: ['if-match'],
    facts: () => ({ conditional: { phase: 'required' } }),
  });
}

/** A read with the current tag in `If-None-Match`: 304 Not Modified. */
function planIfNoneMatch(ctx: PlanContext, read: OperationModel, tag: Slot<string>): void {
  const { main, state } = ctx;
  ctx.add(readingTag(read, main, 'read for its ETag', tag));
  ctx.add({
    ...readSpec(read, main, 'read with If-None-Match: the current ETag'),
    expect: answering(304),
    checks: ['if_none_match_not_modified'],
    inferred: inferredFor(state, read),
    reads: [tag],
    headers: (state) => withTag(state, tag, (current) => ({ 'if-none-match': current })),
    facts: (state) => withTag(state, tag, (current): Partial<Facts> => ({ conditional: { phase: 'notModified', tag: current } })),
  });
}

/** A read that keeps the record's `ETag` in `tag`. */
function readingTag(read: OperationModel, main: string, title: string, tag: Slot<string>): StepSpec {
  return { ...readSpec(read, main, title), writes: [keep(tag, (exchange) => (isSuccess(exchange) ? exchange.response?.headers.etag : undefined))] };
}

/** What `make` gives from the tag last read, or why the step cannot run without one. */
function withTag<T>(state: RunState, tag: Slot<string>, make: (current: string) => T | string): T | string {
  const current = state.memory.recall(tag);
  return current === undefined ? 'the read answered no ETag' : make(current);
}

/** Failures are warnings where the document states the rule only in part (no If-Match parameter, or no 412). */
function inferredFor(state: RunState, operation: OperationModel): boolean {
  return operation.behaviour.inferred || preconditionsOf(state.contract, operation)?.stated !== true;
}
