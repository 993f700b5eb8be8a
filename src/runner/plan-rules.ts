import type { OperationModel } from '../contract/model.ts';
import { setOnceFields, setOnceWrites } from '../rules/set-once.ts';
import { staleVersion, versionField } from '../rules/versioning.ts';
import { recordIn } from './checks/support.ts';
import { keep, slot } from './memory.ts';
import { readSpec, RECORD_CHECKS, type PlanContext } from './plan-specs.ts';
import { isSuccess, settleWrite, writtenAfter } from './records.ts';
import { documents } from './plan-negative.ts';
import { hasProperty, propertySchema } from './schemas.ts';
import { refusal, type RunState, type TrackedRecord } from './types.ts';
import { enrich, pathValue, sampleBody, sampleField, unknownId, validBody } from './values.ts';
import { recordInBody } from '../rules/request-envelope.ts';
import { isPlainObject } from '../shared/plain-object.ts';

/** A write carrying a version other than the current one is a conflict. */
export function planStaleVersion(ctx: PlanContext): void {
  const { ops, main, state } = ctx;
  const field = versionField(ops.resource);
  if (field === undefined) return;
  const operation = [...ops.replace, ...ops.update].find((op) => hasProperty(op.body?.schema, field));
  if (!operation) return;
  ctx.add({
    operation,
    title: 'stale version',
    record: main,
    body: validBody(state, operation),
    keepField: field,
    expect: refusal('conflict'),
    checks: ['stale_version_conflict'],
    facts: (_state, record) => (typeof record?.view?.[field] === 'number' ? {} : `the current \`${field}\` is not known`),
    adjustBody: (body, record) => {
      const current = record?.view?.[field];
      if (!isPlainObject(body) || typeof current !== 'number') return body;
      return { ...body, [field]: staleVersion(ops.resource, current) };
    },
  });
}

/** A replace whose body carries a key other than the path's is `invalid` (the vocabulary's replace rule). */
export function planForeignKey(ctx: PlanContext): void {
  const { ops, main, state } = ctx;
  const key = ops.resource.key;
  for (const operation of ops.replace) {
    if (!operation.body || !hasProperty(operation.body.schema, key) || !documents(operation, 'invalid')) continue;
    const other = unknownId(state.contract.schemas, ops.resource, propertySchema(operation.body.schema, key), state.faker);
    const body = { ...(validBody(state, operation) as Record<string, unknown>), [key]: other };
    if (!operation.body.validate(body)) continue;
    ctx.add({ operation, title: `replace with another \`${key}\` in the body`, record: main, body, keepField: key, expect: refusal('invalid') });
  }
}

/** Set-once fields: the first write sets the field, a second write (of it or a trigger) is a conflict, the value stays. */
export function planSetOnce(ctx: PlanContext): void {
  const { ops, main, state } = ctx;
  for (const field of setOnceFields(ops.resource)) {
    const writes = (op: OperationModel) => setOnceWrites(ops.resource, field, (trigger) => hasProperty(op.body?.schema, trigger));
    const operation = [...ops.update, ...ops.replace].find(writes);
    if (!operation?.body) continue;
    const schema = operation.body.schema;
    const { first, second } = writes(operation)!;
    const base = operation.behaviour.kind === 'update' ? {} : (validBody(state, operation) as Record<string, unknown>);
    const firstSent = sampleField(state.contract.schemas, schema, first, state.faker);
    const secondValue = sampleField(state.contract.schemas, schema, second, state.faker);
    if (firstSent === undefined || secondValue === undefined) continue;
    const firstBody = { ...base, [first]: firstSent };
    const secondBody = { ...base, [second]: secondValue };
    if (!operation.body.validate(firstBody) || !operation.body.validate(secondBody)) continue;
    const firstValue = slot<unknown>(`${operation.id}.first ${field}`);
    ctx.add({
      operation,
      title: `set \`${field}\` (with \`${first}\`)`,
      record: main,
      body: firstBody,
      checks: ['set_once', ...RECORD_CHECKS],
      facts: (state, record, sent) => ({ event: 'update', setOnce: { field, phase: 'first' }, written: writtenAfter(state.contract.schemas, operation, record?.written, sent) }),
      settle: (_state, exchange, facts, record) => {
        if (record) settleWrite(record, exchange, operation, facts.written ?? {});
      },
      writes: [keep(firstValue, (exchange) => (isSuccess(exchange) ? recordIn(exchange, operation)?.[field] ?? (first === field ? firstBody[first] : undefined) : undefined))],
    });
    ctx.add({
      operation,
      title: `second write of \`${field}\` (with \`${second}\`)`,
      record: main,
      body: secondBody,
      expect: refusal('conflict'),
      checks: ['set_once'],
      facts: () => ({ setOnce: { field, phase: 'second' } }),
    });
    if (ops.read[0]) {
      ctx.add({
        ...readSpec(ops.read[0], main, `read after the second write of \`${field}\``),
        subject: operation,
        checks: ['set_once', 'read_back'],
        reads: [firstValue],
        facts: (state, record) => {
          const value = state.memory.recall(firstValue);
          return value === undefined ? `the first write of \`${field}\` did not succeed` : { written: record?.written, setOnce: { field, phase: 'verify', value } };
        },
      });
    }
  }
}

/** Sections: what is written reads back (from the write's echo and from the paired read). */
export function planSections(ctx: PlanContext): void {
  const { ops, main, state } = ctx;
  const paired = new Set<OperationModel>();
  for (const write of ops.writeSection) {
    const label = sectionLabel(state, write);
    const sample = write.body ? sampleBody(state.contract.schemas, write.body.schema, write.body.validate, state.faker) : undefined;
    const body = write.body && sample !== undefined ? enrich(sample, write.body.validate, state.faker) : undefined;
    const written = slot<{ value: unknown }>(`${write.id}.written`);
    ctx.add({
      operation: write,
      title: `write section ${label}`,
      record: main,
      body,
      checks: ['read_back'],
      facts: (_state, _record, sent) => ({ section: { value: sent } }),
      writes: [keep(written, (exchange, facts) => (isSuccess(exchange) ? facts.section : undefined))],
    });
    const read = ops.readSection.find((r) => r.path === write.path && r.behaviour.section === write.behaviour.section);
    if (!read) continue;
    paired.add(read);
    ctx.add({
      operation: read,
      subject: write,
      title: `read section ${label} after writing it`,
      record: main,
      checks: ['read_back'],
      reads: [written],
      facts: (state) => {
        const section = state.memory.recall(written);
        return section ? { section } : `writing section ${label} did not succeed`;
      },
    });
  }
  for (const read of ops.readSection.filter((r) => !paired.has(r))) {
    ctx.add({ operation: read, title: `read section ${sectionLabel(state, read)}`, record: main });
  }
}

function sectionLabel(state: RunState, operation: OperationModel): string {
  const template = String(operation.behaviour.section ?? '');
  return template.replace(/\$\{path\.([^}]+)\}/g, (_, name: string) => {
    const parameter = operation.pathParams.find((p) => p.name === name);
    return parameter ? pathValue(state, parameter) : name;
  });
}
