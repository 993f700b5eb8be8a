import type { OperationModel } from '../contract/model.ts';
import { asValidatedMergePatch, documentedPatchTypes } from '../rules/patch-media.ts';
import { jsonEqual } from '../shared/json-equal.ts';
import { withRecordInBody } from '../rules/request-envelope.ts';
import { unsetRequired } from '../rules/stored.ts';
import { escapePointer } from '../shared/json-pointer.ts';
import { isPlainObject } from '../shared/plain-object.ts';
import { readSpec, updateFacts, updateSpec, type PlanContext } from './plan-specs.ts';
import type { StepSpec } from './steps.ts';
import type { TrackedRecord } from './types.ts';
import { takesFields } from './body-media.ts';
import { validBody, withOwnFaker } from './values.ts';
import { fieldSchema, validatorFor } from './schemas.ts';

type Fields = Record<string, unknown>;

/**
 * Updates sent in the patch formats the operation documents (rules/patch-media.ts), each followed by a read
 * that must show what the format means: a merge-patch of one nested member keeps the member's siblings and
 * removes a field sent as null; a JSON Patch replaces one field and removes another; a JSON Patch whose
 * `test` fails changes nothing (atomic, RFC 6902 §5) and is refused.
 */
export function planPatchMedia(ctx: PlanContext): void {
  const read = ctx.ops.read[0];
  if (!read) return;
  for (const update of ctx.ops.update) {
    const types = documentedPatchTypes(update.body);
    if (!types['merge-patch'] && !types['json-patch']) continue;
    const fresh = freshFields(ctx, update, 'patch media');
    if (types['merge-patch']) {
      const judge = validatorOf(update, types['merge-patch']);
      const validate = (body: unknown) => judge(asValidatedMergePatch(body));
      const nullable = (field: string) => validatorFor(ctx.state.contract.schemas, fieldSchema(update.behaviour.resource, field))?.(null) === true;
      ctx.add(patchSpec(ctx, update, types['merge-patch'], 'merge-patch of one nested member (the others kept) and of a removal', (record) => mergeBody(update, record, fresh, validate, nullable)));
      ctx.add({ ...readSpec(read, ctx.main, 'read after a merge-patch'), subject: update });
    }
    if (types['json-patch']) {
      const type = types['json-patch'];
      const validate = validatorOf(update, type);
      // Values of their own for the refused patch: the applied one's are held by now.
      const refused = freshFields(ctx, update, 'refused patch');
      ctx.add(patchSpec(ctx, update, type, 'JSON Patch: test, replace a field, remove another', (record) => checked(validate, jsonPatchOps(update, record, fresh))));
      ctx.add({ ...readSpec(read, ctx.main, 'read after a JSON Patch'), subject: update });
      ctx.add({
        ...patchSpec(ctx, update, type, 'JSON Patch whose test fails (refused, nothing applied)', (record) => checked(validate, failingOps(update, record, refused))),
        expect: { success: false, situations: ['conflict', 'invalid', 'malformed'], stated: true },
        checks: [],
      });
      ctx.add({ ...readSpec(read, ctx.main, 'read after a refused JSON Patch'), subject: update });
    }
  }
}

const NOTHING = 'no patch of this kind fits both the record as written and the documented schema of the patch';

function patchSpec(ctx: PlanContext, update: OperationModel, type: string, title: string, body: (record: TrackedRecord | undefined) => unknown): StepSpec {
  const draw = { faker: ctx.state.faker, schemas: ctx.state.contract.schemas };
  return {
    ...updateSpec(update, ctx.main, title, {}, draw),
    mediaType: type,
    adjustBody: (_filled, record) => body(record),
    facts: (state, record, sent) => (sent === undefined ? NOTHING : updateFacts(state, update, record, sent, type)),
  };
}

/** Values of the record's fields to write, drawn once (a faker of its own: other steps' values do not move). */
function freshFields(ctx: PlanContext, update: OperationModel, purpose: string): Fields {
  const state = withOwnFaker(ctx.state, `${ctx.ops.resource.name}:${purpose}`);
  const source = takesFields(update) ? update : ctx.ops.create[0];
  const body = source ? validBody(state, source) : undefined;
  return isPlainObject(body) ? body : {};
}

function validatorOf(update: OperationModel, type: string): (body: unknown) => boolean {
  const validate = update.body?.byMediaType.get(type)?.validate;
  return (body) => !validate || validate(body) === true;
}

/** `{object: {member}}` for a written object with two members or more, and `{field: null}` for an optional written field. */
function mergeBody(update: OperationModel, record: TrackedRecord | undefined, fresh: Fields, validate: (body: unknown) => boolean, nullable: (field: string) => boolean): unknown {
  const written = record?.written ?? {};
  const wrap = (fields: Fields) => withRecordInBody(update.behaviour, {}, fields);
  let patch: Fields = {};
  for (const [field, held] of Object.entries(written)) {
    if (!isPlainObject(held) || Object.keys(held).length < 2) continue;
    const source = isPlainObject(fresh[field]) ? fresh[field] : {};
    const members = Object.keys(held).filter((member) => source[member] !== undefined);
    const member = members.find((m) => !jsonEqual(source[m], held[m])) ?? members[0];
    if (member !== undefined && validate(wrap({ [field]: { [member]: source[member] } }))) {
      patch = { [field]: { [member]: source[member] } };
      break;
    }
  }
  // A field that cannot hold null first: a server that stores the null instead of removing it is then seen.
  const candidates = optionalWritten(update, written).sort((a, b) => Number(nullable(a)) - Number(nullable(b)));
  const removable = candidates.find((field) => !(field in patch) && validate(wrap({ ...patch, [field]: null })));
  if (removable !== undefined) patch[removable] = null;
  return Object.keys(patch).length > 0 ? wrap(patch) : undefined;
}

/** Written top-level fields the record may go without. */
function optionalWritten(update: OperationModel, written: Fields): string[] {
  const resource = update.behaviour.resource;
  return Object.keys(written).filter((field) => {
    const without = { ...written };
    delete without[field];
    return field !== resource.key && !unsetRequired(resource, without).some((unset) => unset.field === field);
  });
}

/** A written scalar field with a fresh value: tested at its value, then replaced; and an optional field removed. */
function jsonPatchOps(update: OperationModel, record: TrackedRecord | undefined, fresh: Fields): unknown[] | undefined {
  const written = record?.written ?? {};
  const changed = changeableField(update, record, fresh);
  const ops: unknown[] = [];
  if (changed !== undefined) {
    const path = `/${escapePointer(changed)}`;
    ops.push({ op: 'test', path, value: written[changed] }, { op: 'replace', path, value: fresh[changed] });
  }
  // Only a field the server showed: removing one it does not hold fails the whole patch.
  const shown = record?.view ?? written;
  const removed = optionalWritten(update, written).find((field) => field !== changed && shown[field] !== undefined);
  if (removed !== undefined) ops.push({ op: 'remove', path: `/${escapePointer(removed)}` });
  return ops.length > 0 ? ops : undefined;
}

/** A replace of one field, then a test no record passes: a correct server applies neither. */
function failingOps(update: OperationModel, record: TrackedRecord | undefined, fresh: Fields): unknown[] | undefined {
  const written = record?.written ?? {};
  const changed = changeableField(update, record, fresh);
  if (changed === undefined) return undefined;
  const path = `/${escapePointer(changed)}`;
  return [{ op: 'replace', path, value: fresh[changed] }, { op: 'test', path, value: written[changed] }];
}

/**
 * A written scalar field a fresh value changes, one the server showed as written (a `test` compares with what
 * the server holds: a date it stores in another spelling would fail a correct server's test).
 */
function changeableField(update: OperationModel, record: TrackedRecord | undefined, fresh: Fields): string | undefined {
  const key = update.behaviour.resource.key;
  const written = record?.written ?? {};
  const shown = record?.view ?? written;
  return Object.keys(written).find((field) => field !== key && isScalar(written[field]) && isScalar(fresh[field])
    && !jsonEqual(written[field], fresh[field]) && jsonEqual(written[field], shown[field]));
}

function isScalar(value: unknown): boolean {
  return value !== null && value !== undefined && typeof value !== 'object';
}

/** The operations, when the documented schema of a JSON Patch takes them. */
function checked(validate: (body: unknown) => boolean, ops: unknown[] | undefined): unknown[] | undefined {
  return ops !== undefined && validate(ops) ? ops : undefined;
}
