import type { OperationModel } from '../contract/model.ts';
import { recordIn } from './checks/support.ts';
import type { Keep, Slot } from './memory.ts';
import { fillBody, isSuccess, noteWrite, settleCreate, storedFields, trackRecord, usableRecord, writtenAfter, writtenAfterPatch } from './records.ts';
import { SUCCESS, type Actor, type BadAuth, type Exchange, type Expectation, type Facts, type Prepared, type RunState, type Step, type TrackedRecord } from './types.ts';
import { pathFor, queryFor } from './values.ts';
import { recordInBody } from '../rules/request-envelope.ts';
import { isPlainObject } from '../shared/plain-object.ts';

export const NEEDS_SECOND_USER = 'needs a second identity: pass --token-2';

/** What a step is, declaratively; `toStep` turns it into something the engine runs. */
export interface StepSpec {
  readonly operation: OperationModel;
  readonly subject?: OperationModel;
  readonly title: string;
  readonly actor?: Actor;
  readonly badAuth?: BadAuth;
  readonly expect?: Expectation;
  readonly checks?: readonly string[];
  readonly inferred?: boolean;
  readonly setup?: boolean;
  /** Label of the record the step addresses. */
  readonly record?: string;
  /** Label of a deleted record the step addresses by the id it had (skipped unless the delete succeeded). */
  readonly deleted?: string;
  /** Label of the record the step creates: tracked when the request is made, its id taken from the response. */
  readonly creates?: string;
  /** The created record's id becomes the run-wide value of this path parameter (a parent of later records). */
  readonly idForPathParam?: string;
  /** Memory slots the step's functions read (through `state.memory`): what it needs from earlier steps. */
  readonly reads?: readonly Slot<unknown>[];
  /** What the step keeps in memory for later steps, taken from its exchange. */
  readonly writes?: readonly Keep[];
  /** Address this id (one no record has) instead of a record. */
  readonly unknownId?: string;
  /** When the record is not usable, address `unknownId` instead of skipping (auth checks work either way). */
  readonly fallbackToUnknown?: boolean;
  readonly needsUser2?: boolean;
  /** Body template, completed at run time with the id, key and version (see `fillBody`). */
  readonly body?: unknown;
  /** Send the body as this form type, which the operation documents beside JSON. */
  readonly form?: 'application/x-www-form-urlencoded';
  /** Send the body as this JSON type, which the operation documents (a patch format). */
  readonly mediaType?: string;
  /** A top-level body field the step changed on purpose: not overwritten when the body is completed. */
  readonly keepField?: string;
  /** Last touch on the completed body (a stale version...). */
  readonly adjustBody?: (body: unknown, record: TrackedRecord | undefined) => unknown;
  /** Turns the completed body into the raw text sent (malformed, oversized). */
  /** Sent as is instead of the body; `oversized`: past common size limits (the server may close on it). */
  readonly raw?: { readonly text: (body: unknown) => string; readonly summary: string; readonly oversized?: boolean };
  readonly query?: Readonly<Record<string, string>> | ((state: RunState, record: TrackedRecord | undefined) => Record<string, string>);
  /** Replaces path parameters; omitting a parameter that would be sent is done with `omitQuery`. */
  readonly path?: (state: RunState, record: TrackedRecord | undefined) => Record<string, string> | string;
  readonly omitQuery?: readonly string[];
  readonly omitHeaders?: readonly string[];
  readonly omitCookies?: readonly string[];
  /** Headers to send (lower-case names), or a reason to skip. */
  readonly headers?: (state: RunState, record: TrackedRecord | undefined) => Record<string, string> | string;
  /** Extra facts, or a reason to skip; `path` holds the path parameter values the request is sent with. */
  readonly facts?: (state: RunState, record: TrackedRecord | undefined, body: unknown, path: Readonly<Record<string, string>>) => Partial<Facts> | string;
  readonly settle?: (state: RunState, exchange: Exchange, facts: Facts, record: TrackedRecord | undefined) => void;
}

/**
 * A runnable step: resolves the record (or says why it cannot), completes path, query and body, and after
 * the exchange keeps the books (the created record, the slots it writes), including what an unexpected
 * success changed on the server. Its functions see only the memory slots the spec declares.
 */
export function toStep(spec: StepSpec): Step {
  const expect = spec.expect ?? SUCCESS;
  const step: Step = {
    operation: spec.operation,
    subject: spec.subject ?? spec.operation,
    title: spec.title,
    expect,
    checks: spec.checks ?? [],
    inferred: spec.inferred ?? spec.operation.behaviour.inferred,
    reported: true,
    setup: spec.setup,
    dataflow: { record: spec.record ?? spec.deleted, creates: spec.creates, reads: (spec.reads ?? []).map((s) => s.name), writes: writtenNames(spec) },
    prepare: (state) => prepareStep(spec, scoped(state, spec)),
    settle(state, exchange, facts) {
      if (spec.creates !== undefined) settleCreated(state, spec, exchange, facts);
      spec.settle?.(scoped(state, spec), exchange, facts, facts.record);
      for (const { slot, value } of spec.writes ?? []) state.memory.keep(slot, value(exchange, facts));
      if (!expect.success && isSuccess(exchange)) settleUnexpectedSuccess(state, step, exchange, facts);
    },
  };
  return step;
}

/** The run state as a step's own functions see it: memory limited to the slots it reads. */
function scoped(state: RunState, spec: StepSpec): RunState {
  return { ...state, memory: state.memory.scopedTo(spec.reads ?? []) };
}

function writtenNames(spec: StepSpec): string[] {
  const names = (spec.writes ?? []).map((w) => w.slot.name);
  return spec.idForPathParam === undefined ? names : [...names, `{${spec.idForPathParam}}`];
}

function prepareStep(spec: StepSpec, state: RunState): Prepared {
  const actor = spec.actor ?? 'user1';
  if (spec.needsUser2 || actor === 'user2') {
    const problem = secondUserProblem(state);
    if (problem) return { skip: problem };
  }
  if (spec.operation.body?.required && spec.body === undefined && !spec.raw) {
    return { skip: 'no valid request body could be generated from the schema' };
  }
  const found = addressedRecord(state, spec);
  if (typeof found === 'string') return { skip: found };
  let record = found;
  const id = record?.id ?? spec.unknownId;
  const carrier = spec.operation.behaviour.id;
  const overrides = spec.path?.(state, record) ?? {};
  if (typeof overrides === 'string') return { skip: overrides };
  if (!record && id !== undefined && carrier?.from === 'path') overrides[carrier.name] ??= id;
  const path = pathFor(state, spec.operation, record, overrides);
  const query = { ...queryFor(state, spec.operation, id, record), ...(typeof spec.query === 'function' ? spec.query(state, record) : spec.query) };
  for (const name of spec.omitQuery ?? []) delete query[name];
  const filled = spec.body === undefined ? undefined : fillBody(spec.operation, spec.body, record, id ?? '', spec.keepField);
  const body = spec.adjustBody ? spec.adjustBody(filled, record) : filled;
  if (spec.creates !== undefined) record = trackRecord(state, spec.creates, spec.operation, actor, path);
  const extra = spec.facts?.(state, record, body, path) ?? {};
  if (typeof extra === 'string') return { skip: extra };
  const headers = spec.headers?.(state, record);
  if (typeof headers === 'string') return { skip: headers };
  const facts: Facts = { record, before: record?.view, principal: state.principals[actor], sentBody: isPlainObject(body) ? body : undefined, ...extra };
  const raw = spec.raw ? { rawBody: spec.raw.text(body), rawBodySummary: spec.raw.summary, ...(spec.raw.oversized ? { oversized: true } : {}) } : {};
  return { request: { actor, badAuth: spec.badAuth, path, query, omitHeaders: spec.omitHeaders, omitCookies: spec.omitCookies, ...(headers ? { headers } : {}), ...(spec.raw ? raw : { body }), ...(spec.form ? { form: spec.form } : {}), ...(spec.mediaType ? { mediaType: spec.mediaType } : {}) }, facts };
}

/** The record the step addresses (undefined: none, or an unknown id instead), or why the step cannot run. */
function addressedRecord(state: RunState, spec: StepSpec): TrackedRecord | undefined | string {
  if (spec.deleted !== undefined) {
    const record = state.records.get(spec.deleted);
    return record?.deleted && record.id !== undefined ? record : record?.unavailable ?? 'the delete did not succeed';
  }
  if (spec.record === undefined) return undefined;
  const found = usableRecord(state, spec.record, spec.operation.behaviour.resource.name);
  if (typeof found !== 'string') return found;
  return spec.fallbackToUnknown && spec.unknownId !== undefined ? undefined : found;
}

/** The created record's id, view and written fields from the response; its id as a path value when the spec says so. */
function settleCreated(state: RunState, spec: StepSpec, exchange: Exchange, facts: Facts): void {
  if (!facts.record) return;
  settleCreate(facts.record, exchange, facts.written ?? {});
  if (spec.idForPathParam !== undefined && facts.record.id !== undefined) state.pathValues.set(spec.idForPathParam, facts.record.id);
}

/** Why checks with a second user cannot run, if they cannot: no second token, or one that is not another identity. */
function secondUserProblem(state: RunState): string | undefined {
  if (state.credentials.user2 === undefined) return NEEDS_SECOND_USER;
  if (!state.contract.security) return 'the contract has no security scheme: two users cannot be told apart';
  if (state.credentials.user2 === state.credentials.user1) return '--token-2 is the same credential as --token';
  const { user1, user2 } = state.principals;
  if (user1 !== undefined && user1 === user2) return `--token-2 names the same caller (${user1}) as --token`;
  return undefined;
}

/**
 * A request that should have been refused succeeded: the server's state changed, so the books follow it
 * (a record to clean up, new written values, a record gone) instead of blaming later steps for it.
 */
function settleUnexpectedSuccess(state: RunState, step: Step, exchange: Exchange, facts: Facts): void {
  const { operation } = step;
  const record = facts.record;
  switch (operation.behaviour.kind) {
    case 'create': {
      const tracked = trackRecord(state, `accidental:${state.records.size}`, operation, 'user1', pathFor(state, operation));
      settleCreate(tracked, exchange, storedFields(state.contract.schemas, operation.behaviour.resource, recordInBody(operation.behaviour, facts.sentBody)));
      break;
    }
    case 'update':
    case 'replace':
      if (record) {
        if (facts.patch) {
          const { written, removed } = writtenAfterPatch(state.contract.schemas, operation, record, facts.patch);
          noteWrite(record, operation, written, removed);
        } else noteWrite(record, operation, writtenAfter(state.contract.schemas, operation, record.written, facts.sentBody), []);
        const view = recordIn(exchange, operation);
        if (view) record.view = { ...record.view, ...view };
      }
      break;
    case 'delete':
      if (record) {
        record.deleted = true;
        record.unavailable = `it was deleted by "${step.title}", which should have been refused`;
      }
      break;
    case 'truncate':
      for (const tracked of state.records.values()) {
        if (tracked.resource === operation.behaviour.resource && !tracked.deleted) {
          tracked.deleted = true;
          tracked.unavailable = `it was removed by "${step.title}", which should have been refused`;
        }
      }
      break;
    default: {
      const view = record ? recordIn(exchange, operation) : undefined;
      if (record && view) record.view = { ...record.view, ...view };
    }
  }
}
