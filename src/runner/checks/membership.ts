import { memberField, membershipProblem } from '../../rules/membership.ts';
import type { CheckContext, Exchange, Finding } from '../types.ts';
import { isView, viewOf } from './record-view.ts';
import { show } from './support.ts';
import { refusedWith } from './state-rules.ts';

/** After joining, the caller is a member (once: joining twice changes nothing). */
export function membership_join(exchange: Exchange, context: CheckContext): Finding[] | null {
  return checkMembers(exchange, context, 'joined');
}

/** After leaving, the caller is no longer a member. */
export function membership_leave(exchange: Exchange, context: CheckContext): Finding[] | null {
  return checkMembers(exchange, context, 'left');
}

/** Joining a record whose members fill its capacity is the contract's conflict. */
export function membership_capacity(exchange: Exchange, context: CheckContext): Finding[] | null {
  const resource = context.operation.behaviour.resource;
  const findings = refusedWith(exchange, context, 'conflict', 'A join was accepted although the record was full');
  return findings?.map((f) => ({ ...f, inferred: f.inferred || resource.inferredRules.has('membership') })) ?? null;
}

function checkMembers(exchange: Exchange, context: CheckContext, expected: 'joined' | 'left'): Finding[] | null {
  const resource = context.operation.behaviour.resource;
  const field = memberField(resource);
  if (field === undefined || context.facts.membership !== expected) return null;
  const view = viewOf(exchange, context);
  if (!isView(view)) return view;
  if (!view.exposes(field)) return null;
  const inferred = context.step.inferred || resource.inferredRules.has('membership');
  const members = view.record[field] ?? [];
  const pointer = view.pointer(field);
  if (!Array.isArray(members)) return [{ message: `\`${field}\` is not a list.`, actual: show(members), pointer, inferred }];
  const before = context.facts.before?.[field];
  const previous = Array.isArray(before) ? before : [];
  const principal = context.facts.principal;
  const problem = membershipProblem(expected, members, previous, principal);
  switch (problem?.kind) {
    case undefined: return [];
    case 'absent': return [{ message: `The caller (${principal}) is not in \`${field}\` after joining.`, expected: `${show(principal)} once`, actual: show(members), pointer, inferred }];
    case 'repeated': return [{ message: `The caller (${principal}) is in \`${field}\` ${problem.count} times after joining.`, expected: `${show(principal)} once`, actual: show(members), pointer, inferred }];
    case 'still': return [{ message: `The caller (${principal}) is still in \`${field}\` after leaving.`, expected: `no ${show(principal)}`, actual: show(members), pointer, inferred }];
    case 'shrank': return [{ message: `\`${field}\` shrank after joining.`, expected: `at least ${previous.length} members`, actual: String(members.length), pointer, inferred }];
    case 'grew': return [{ message: `\`${field}\` grew after leaving.`, expected: `at most ${previous.length} members`, actual: String(members.length), pointer, inferred }];
  }
}
