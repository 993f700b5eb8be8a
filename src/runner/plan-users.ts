import type { OperationModel } from '../contract/model.ts';
import { capacityFields, fillToCapacity, memberField } from '../rules/membership.ts';
import { onlyOwnerModifies, ownerOnlyFields } from '../rules/owner.ts';
import { visibilityField } from '../rules/visibility.ts';
import { itemsIn, recordIn } from './checks/support.ts';
import { keep, slot } from './memory.ts';
import { bodyFor } from './plan-negative.ts';
import { createSpec, readSpec, type PlanContext } from './plan-specs.ts';
import { isSuccess } from './records.ts';
import { hasProperty, propertySchema, validatorFor } from './schemas.ts';
import type { StepSpec } from './steps.ts';
import { refusal, type Exchange, type RunState, type TrackedRecord } from './types.ts';
import { sampleField, validBody } from './values.ts';

/** Join (twice: once is enough), other actions, leave; each verified by a read. A full record refuses a join. */
export function planMembership(ctx: PlanContext): void {
  const { ops, main, state } = ctx;
  const join = ops.action.find((a) => a.behaviour.effect === 'addMember');
  const leave = ops.action.find((a) => a.behaviour.effect === 'removeMember');
  const read = ops.read[0];
  const hasMembers = memberField(ops.resource) !== undefined;
  if (join) {
    ctx.add(memberSpec(join, main, 'join', 'joined'));
    if (hasMembers) ctx.add(memberSpec(join, main, 'join again', 'joined'));
    if (read && hasMembers) ctx.add(verifyMembers(read, join, main, 'read after join', 'joined'));
  }
  for (const action of ops.action.filter((a) => a !== join && a !== leave)) {
    ctx.add({ operation: action, title: (action.summary ?? action.id).toLowerCase(), record: main, body: bodyFor(state, action) });
  }
  if (leave) {
    ctx.add(memberSpec(leave, main, 'leave', 'left'));
    if (read && hasMembers) ctx.add(verifyMembers(read, leave, main, 'read after leave', 'left'));
  }
  planCapacity(ctx, join);
}

function memberSpec(operation: OperationModel, label: string, title: string, membership: 'joined' | 'left', actor: 'user1' | 'user2' = 'user1'): StepSpec {
  return {
    operation,
    title,
    actor,
    record: label,
    checks: [membership === 'joined' ? 'membership_join' : 'membership_leave'],
    facts: () => ({ membership }),
    settle: (_state, exchange, _facts, record) => updateView(record, exchange, operation),
  };
}

function verifyMembers(read: OperationModel, subject: OperationModel, label: string, title: string, membership: 'joined' | 'left', member: 'user1' | 'user2' = 'user1'): StepSpec {
  return {
    ...readSpec(read, label, title),
    subject,
    checks: [membership === 'joined' ? 'membership_join' : 'membership_leave', 'read_back'],
    facts: (state: RunState, record: TrackedRecord | undefined) => ({ written: record?.written, membership, principal: state.principals[member] }),
  };
}

function updateView(record: TrackedRecord | undefined, exchange: Exchange, operation: OperationModel): void {
  if (!record || !isSuccess(exchange)) return;
  const view = recordIn(exchange, operation);
  if (view) record.view = { ...record.view, ...view };
}

/** A record created with its capacity already used up refuses the next member. */
function planCapacity(ctx: PlanContext, join: OperationModel | undefined): void {
  const { ops, state } = ctx;
  const members = memberField(ops.resource);
  const capacity = capacityFields(ops.resource);
  const create = ops.create[0];
  const schema = create?.body?.schema;
  if (!join || members === undefined || !create?.body || capacity.length === 0) return;
  if (!hasProperty(schema, members) || !capacity.every((f) => hasProperty(schema, f))) return;
  const member = memberValue(propertySchema(schema, members), state);
  if (member === undefined) return;
  const full = { ...(validBody(state, create) as Record<string, unknown>) };
  fillToCapacity(ops.resource, full, member);
  if (!create.body.validate(full)) return;
  const label = `${ops.resource.name}:full`;
  ctx.add({ ...createSpec(create, label, `create a full ${ops.resource.name} (capacity 1, one member)`, full), subject: join, checks: [] });
  ctx.add({ operation: join, title: `join a full ${ops.resource.name}`, record: label, expect: refusal('conflict'), checks: ['membership_capacity'] });
}

function memberValue(schema: object | undefined, state: RunState): unknown {
  const items = (schema as { items?: object } | undefined)?.items;
  const validate = validatorFor(state.contract.schemas, items);
  const candidate = `harness-member-${state.faker.string.alphanumeric({ length: 8, casing: 'lower' })}`;
  if (validate?.(candidate)) return candidate;
  const sampled = sampleField(state.contract.schemas, { properties: { member: items } }, 'member', state.faker);
  return sampled;
}

/**
 * Checks that need a second identity (`--token-2`): a private record is invisible to the other user,
 * owner-only fields are hidden from them, they may not modify the record, and they can join it.
 */
export function planTwoUsers(ctx: PlanContext): void {
  const { ops, main, state } = ctx;
  const resource = ops.resource;
  const create = ops.create[0];
  const read = ops.read[0];
  const list = ops.list[0];
  const visibility = visibilityField(resource);
  if (visibility !== undefined && create && hasProperty(create.body?.schema, visibility) && (read || list)) {
    const label = `${resource.name}:private`;
    const subject = read ?? list!;
    ctx.add({ ...createSpec(create, label, `create a private ${resource.name}`, validBody(state, create, 'private')), subject, needsUser2: true, checks: ['read_back'] });
    if (read) {
      ctx.add({ operation: read, title: `read a private ${resource.name} as another user`, actor: 'user2', record: label, expect: refusal('notFound'), checks: ['visibility_isolation'] });
      ctx.add({ ...readSpec(read, label, `read a private ${resource.name} as its owner`), needsUser2: true, checks: ['read_back'] });
    }
    if (list) {
      const seen = slot<unknown[]>(`${list.id}.items seen by another user`);
      ctx.add({
        operation: list, subject, title: 'list as another user', actor: 'user2', record: label, expect: { success: true, situations: [] }, checks: ['visibility_isolation'],
        writes: [keep(seen, (exchange) => (isSuccess(exchange) ? itemsIn(exchange, list) : undefined))],
      });
      for (const count of ops.count) {
        ctx.add({
          operation: count, subject, title: 'count as another user', actor: 'user2', checks: ['count_matches_list'],
          inferred: count.behaviour.inferred || resource.inferredRules.has('visibility'),
          reads: [seen],
          facts: (state) => {
            const items = state.memory.recall(seen);
            return items ? { reference: { items, limit: list.behaviour.list?.limit?.default } } : 'the list as another user did not succeed';
          },
        });
      }
    }
  }
  if (read && ownerOnlyFields(resource).length > 0) {
    ctx.add({ ...readSpec(read, main, 'read as another user', 'user2'), checks: ['owner_only_fields', 'read_back'] });
  }
  if (onlyOwnerModifies(resource)) {
    const attempts = [...ops.update, ...ops.replace, ...ops.delete.slice(0, 1)];
    for (const operation of attempts) {
      ctx.add({
        operation,
        title: `${operation.behaviour.kind} as another user`,
        actor: 'user2',
        record: main,
        body: bodyFor(state, operation),
        expect: refusal('forbidden'),
        checks: ['owner_only_modify'],
      });
    }
    if (read && attempts.length > 0) ctx.add({ ...readSpec(read, main, "read after another user's attempts"), subject: attempts[0], needsUser2: true, checks: ['read_back', 'version_increments'] });
  }
  const join = ops.action.find((a) => a.behaviour.effect === 'addMember');
  const leave = ops.action.find((a) => a.behaviour.effect === 'removeMember');
  if (join && memberField(resource) !== undefined) {
    ctx.add({ ...memberSpec(join, main, 'join as another user', 'joined', 'user2'), settle: undefined });
    if (read) ctx.add({ ...verifyMembers(read, join, main, 'read after another user joined', 'joined', 'user2'), needsUser2: true });
    if (leave) {
      ctx.add({ ...memberSpec(leave, main, 'leave as another user', 'left', 'user2'), settle: undefined });
      if (read) ctx.add({ ...verifyMembers(read, leave, main, 'read after another user left', 'left', 'user2'), needsUser2: true });
    }
  }
}

