import type { OperationModel } from '../contract/model.ts';
import { readSpec, updateSpec, type PlanContext } from './plan-specs.ts';
import { storedFields } from './records.ts';
import { requiredOf } from './schemas.ts';
import type { TrackedRecord } from './types.ts';
import { withOwnFaker, validBody } from './values.ts';
import { recordBodySchema, recordInBody, withRecordInBody } from '../rules/request-envelope.ts';
import { isJsonApiWrite } from '../rules/json-api.ts';
import type { Draw } from './schemas.ts';
import { isPlainObject } from '../shared/plain-object.ts';

/**
 * A merge update (PATCH, or POST on the item) that writes one stored field keeps the others: the read
 * after it must still show what earlier writes stored. A replace (PUT) is left out: fields it is not given
 * may go back to their defaults. Planned only where the body has two optional stored fields or more, so
 * that one can be left out.
 */
export function planPartialUpdate(ctx: PlanContext): void {
  const { ops, main } = ctx;
  const read = ops.read[0];
  if (!read || ops.update.length === 0) return;
  // A faker of its own: the values of the other steps do not depend on whether these are planned.
  const state = withOwnFaker(ctx.state, `${ops.resource.name}:partial update`);
  const draw = { faker: state.faker, schemas: state.contract.schemas };
  for (const update of ops.update) {
    const body = validBody(state, update);
    if (isJsonApiWrite(update)) {
      planOneAttribute(ctx, update, body, draw);
      continue;
    }
    if (optionalStored(update, body, ctx).length < 2) continue;
    const spec = updateSpec(update, main, 'update of one field (the others kept)', body, draw);
    const adjust = spec.adjustBody!;
    ctx.add({ ...spec, adjustBody: (filled, record) => oneField(update, adjust(filled, record), record, ctx) });
    ctx.add({ ...readSpec(read, main, 'read after an update of one field'), subject: update });
  }
}

/**
 * A JSON:API update of one attribute (`{data: {attributes: {title}}}`): the attributes it leaves out keep
 * their values (rules/json-api.ts), so the read after it must show what earlier writes stored.
 */
function planOneAttribute(ctx: PlanContext, update: OperationModel, body: unknown, draw: Draw): void {
  const attributes = recordInBody(update.behaviour, body).attributes;
  if (!isPlainObject(attributes) || Object.keys(attributes).length < 2) return;
  const spec = updateSpec(update, ctx.main, 'update of one attribute (the others kept)', body, draw);
  const adjust = spec.adjustBody!;
  ctx.add({ ...spec, adjustBody: (filled, record) => oneAttribute(update, adjust(filled, record), record) });
  ctx.add({ ...readSpec(ctx.ops.read[0], ctx.main, 'read after an update of one attribute'), subject: update });
}

/** The body with one attribute the record holds (the first), when that is a valid body; else the whole body. */
function oneAttribute(operation: OperationModel, body: unknown, record: TrackedRecord | undefined): unknown {
  const fields = recordInBody(operation.behaviour, body);
  const held = record?.written.attributes;
  if (!isPlainObject(fields.attributes) || !isPlainObject(held)) return body;
  const first = Object.keys(fields.attributes).find((name) => held[name] !== undefined);
  if (first === undefined) return body;
  const partial = withRecordInBody(operation.behaviour, body, { ...fields, attributes: { [first]: fields.attributes[first] } });
  return operation.body?.validate(partial) ? partial : body;
}

/** Top-level body fields that are stored and that the body schema does not require. */
function optionalStored(operation: OperationModel, body: unknown, ctx: PlanContext): string[] {
  const required = requiredOf(recordBodySchema(operation.body?.schema, operation.behaviour.bodyEnvelope));
  return Object.keys(storedFields(ctx.state.contract.schemas, ctx.ops.resource, recordInBody(operation.behaviour, body))).filter((field) => !required.has(field));
}

/** The body without all but the first of its optional stored fields that the record holds; the whole body when that is not valid. */
function oneField(operation: OperationModel, body: unknown, record: TrackedRecord | undefined, ctx: PlanContext): unknown {
  if (!isPlainObject(body)) return body;
  const held = optionalStored(operation, body, ctx).filter((field) => record?.written[field] !== undefined);
  const fields = { ...recordInBody(operation.behaviour, body) };
  for (const field of held.slice(1)) delete fields[field];
  const partial = withRecordInBody(operation.behaviour, body, fields);
  return held.length > 1 && operation.body?.validate(partial) ? partial : body;
}

/**
 * A replace (PUT) with only the fields its body requires: the fields it leaves out do not keep what earlier
 * writes stored (they go back to their defaults, or away). Many servers merge on PUT: findings are warnings.
 */
export function planBareReplace(ctx: PlanContext): void {
  const { ops, main } = ctx;
  const read = ops.read[0];
  if (!read || ops.replace.length === 0) return;
  const state = withOwnFaker(ctx.state, `${ops.resource.name}:bare replace`);
  const draw = { faker: state.faker, schemas: state.contract.schemas };
  for (const replace of ops.replace) {
    const body = validBody(state, replace);
    if (optionalStored(replace, body, ctx).length === 0) continue;
    const spec = updateSpec(replace, main, 'replace with the required fields only', body, draw);
    const adjust = spec.adjustBody!;
    const omittedOf = (sent: unknown, record: TrackedRecord | undefined) => {
      const written = record?.written ?? {};
      if (!isPlainObject(sent)) return {};
      const optional = new Set(optionalStored(replace, withRecordInBody(replace.behaviour, {}, written), ctx));
      const given = recordInBody(replace.behaviour, sent);
      return Object.fromEntries(Object.entries(written).filter(([field]) => !(field in given) && optional.has(field)));
    };
    ctx.add({
      ...spec,
      adjustBody: (filled, record) => requiredOnly(replace, adjust(filled, record), ctx),
      checks: [...(spec.checks ?? []), 'replace_drops_omitted'],
      facts: (s, record, sent, path) => ({ ...(spec.facts!(s, record, sent, path) as object), omitted: omittedOf(sent, record) }),
    });
  }
}

/** The body without its optional stored fields; the whole body when that is not valid. */
function requiredOnly(operation: OperationModel, body: unknown, ctx: PlanContext): unknown {
  if (!isPlainObject(body)) return body;
  const fields = { ...recordInBody(operation.behaviour, body) };
  for (const field of optionalStored(operation, body, ctx)) delete fields[field];
  const partial = withRecordInBody(operation.behaviour, body, fields);
  return operation.body?.validate(partial) ? partial : body;
}
