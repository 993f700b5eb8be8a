import type { OperationModel, ResourceModel } from '../contract/model.ts';
import type { OperationKind } from '../contract/vocabulary.ts';
import { withoutOwnerOnly } from '../rules/owner.ts';
import { settleRead, settleWrite, storedFields, writtenAfter, writtenAfterPatch } from './records.ts';
import { sentPatchFormat } from './body-media.ts';
import { type Draw, validatorFor } from './schemas.ts';
import { keyFromPath, recordFieldSchemas } from '../rules/stored.ts';
import type { SchemaCompiler } from '../schema/compiler.ts';
import type { StepSpec } from './steps.ts';
import type { Actor, Facts, RunState, TrackedRecord } from './types.ts';
import { changeUnchanged, fakerFor, fitsParameter, generateParameterValue, unknownId } from './values.ts';
import { recordBodySchema, recordInBody, withRecordInBody } from '../rules/request-envelope.ts';

/** The operations of one resource, by kind, in contract order. */
export type ResourceOperations = { readonly resource: ResourceModel } & { readonly [K in OperationKind]: readonly OperationModel[] };

/** What the phases of a resource's workflow share. */
export interface PlanContext {
  readonly state: RunState;
  readonly ops: ResourceOperations;
  /** Label of the record the workflow follows. */
  readonly main: string;
  add(spec: StepSpec): void;
}

export const RECORD_CHECKS = ['read_back', 'generated_fields', 'transient_fields', 'version_increments'];

/**
 * Creates a record under `label`; its id comes from where the response template puts the record. An
 * upsert creates at a key no record has, in its path (`state` draws it, with a faker of the label's own).
 */
export function createSpec(operation: OperationModel, label: string, title: string, body: unknown, actor: Actor = 'user1', state?: RunState): StepSpec {
  const resource = operation.behaviour.resource;
  // The fresh key addresses the step as an unknown id would: in the path, and in the body where it has the key.
  const key = state && operation.behaviour.upsert ? freshKey(state, operation, label) : undefined;
  return {
    operation,
    title,
    actor,
    body,
    creates: label,
    checks: RECORD_CHECKS,
    ...(key === undefined ? {} : { unknownId: key }),
    facts: (state, _record, sent) => ({ event: 'create', written: storedFields(state.contract.schemas, resource, recordInBody(operation.behaviour, sent)) }),
  };
}

/** A key no record has, for the path parameter that carries an upsert's key. */
function freshKey(state: RunState, operation: OperationModel, label: string): string | undefined {
  const carrier = operation.behaviour.id;
  const parameter = carrier?.from === 'path' ? operation.pathParams.find((p) => p.name === carrier.name) : undefined;
  if (!parameter) return undefined;
  const faker = fakerFor(state, `upsert:${label}`);
  const { schemas } = state.contract;
  const resource = operation.behaviour.resource;
  const keySchema = recordFieldSchemas(resource)[resource.key];
  // A key unlike the parameter (text for an integer) would be refused before it could create anything, and
  // one unlike the record's key (text where records hold numbers) would make a record the server cannot keep.
  const fits = (value: string) => fitsParameter(schemas, parameter, value) && fitsKey(schemas, resource, keySchema, value);
  const candidates = [
    () => unknownId(schemas, resource, parameter.schema, faker),
    () => (keySchema ? generateParameterValue(schemas, keySchema, faker) : undefined),
    () => generateParameterValue(schemas, parameter.schema, faker),
  ];
  let last: string | undefined;
  for (const candidate of candidates) {
    const value = candidate();
    if (value !== undefined && fits(value)) return value;
    last = value ?? last;
  }
  return last;
}

/** Whether path text can be the record's key, read as the mock keys an upsert's record (rules/stored.ts). */
function fitsKey(schemas: SchemaCompiler, resource: ResourceModel, keySchema: object | undefined, text: string): boolean {
  const validate = keySchema ? validatorFor(schemas, keySchema) : null;
  return !validate || validate(keyFromPath(resource, text)) === true;
}

/** Reads a record: what was written reads back, generated fields are stable, transient ones absent. */
export function readSpec(operation: OperationModel, label: string, title: string, actor: Actor = 'user1'): StepSpec {
  const resource = operation.behaviour.resource;
  return {
    operation,
    title,
    actor,
    record: label,
    checks: RECORD_CHECKS,
    facts: (_state, record) => ({ written: visibleWritten(resource, record, actor), ...(record?.removed?.length ? { removed: record.removed } : {}) }),
    settle: (_state, exchange, _facts, record) => {
      if (record && record.owner === actor) settleRead(record, exchange, operation);
    },
  };
}

/** Updates or replaces a record with a valid body; the version (if any) is the current one. */
export function updateSpec(operation: OperationModel, label: string, title: string, body: unknown, draw: Draw): StepSpec {
  const resource = operation.behaviour.resource;
  return {
    operation,
    title,
    record: label,
    body,
    adjustBody: (filled, record) => {
      const changed = changedWrite(operation, filled, record?.view, draw);
      return operation.body?.validate(changed) ? changed : filled;
    },
    checks: RECORD_CHECKS,
    facts: (state, record, sent) => updateFacts(state, operation, record, sent),
    settle: (_state, exchange, facts, record) => {
      if (record) settleWrite(record, exchange, operation, facts.written ?? {}, facts.removed);
    },
  };
}

/**
 * What a write must read back: the body over what was written before, read as its media type says (a
 * merge-patch or JSON Patch: rules/patch-media.ts); `mediaType`, the type the step sends (else the default).
 */
export function updateFacts(state: RunState, operation: OperationModel, record: TrackedRecord | undefined, sent: unknown, mediaType?: string): Partial<Facts> {
  const format = sentPatchFormat(operation, mediaType);
  if (format === undefined) return { event: 'update', written: writtenAfter(state.contract.schemas, operation, record?.written, sent) };
  const patch = { format, body: sent };
  return { event: 'update', ...writtenAfterPatch(state.contract.schemas, operation, record, patch), patch };
}

/** Written fields a reader may see: owner-only fields are hidden from everyone but the owner. */
function visibleWritten(resource: ResourceModel, record: TrackedRecord | undefined, actor: Actor): Record<string, unknown> {
  const written = { ...record?.written };
  return record && record.owner !== actor ? withoutOwnerOnly(resource, written) : written;
}

/** The body with the fields a write would leave as they are given other values, inside the body's envelope if it has one. */
function changedWrite(operation: OperationModel, filled: unknown, current: Record<string, unknown> | undefined, draw: Draw): unknown {
  const { behaviour } = operation;
  const inner = behaviour.bodyEnvelope ? recordInBody(behaviour, filled) : filled;
  const schema = recordBodySchema(operation.body?.schema, behaviour.bodyEnvelope);
  const stored = Object.keys(storedFields(draw.schemas, behaviour.resource, inner));
  const changed = changeUnchanged(draw.schemas, behaviour.resource, schema, inner, stored, current, draw.faker);
  return behaviour.bodyEnvelope ? withRecordInBody(behaviour, filled, changed as Record<string, unknown>) : changed;
}
