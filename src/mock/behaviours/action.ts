import { findRecord } from '../access.ts';
import type { MockContext, MockRequest, MockResult } from '../context.ts';
import { SituationError } from '../situation-error.ts';
import { respond } from './respond.ts';
import { applyEffect } from '../../rules/membership.ts';

/** Membership actions add or remove the caller (idempotently); `none` only requires the record to exist. */
export function action(context: MockContext, request: MockRequest): MockResult {
  const { behaviour } = request.operation;
  const record = findRecord(context, request);
  const membership = behaviour.resource.membership;
  if (behaviour.effect === 'none' || !membership || request.principal === undefined) return respond(context, request, { record });

  const outcome = applyEffect(behaviour.resource, record.data, behaviour.effect, request.principal);
  if ('full' in outcome) throw new SituationError('conflict', `The ${behaviour.resource.name} is full (${outcome.full} members).`);
  if (outcome.changed) record.data = { ...record.data, [membership.field]: outcome.members };
  return respond(context, request, { record });
}
