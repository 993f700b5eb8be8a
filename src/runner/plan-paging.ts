import type { OperationModel } from '../contract/model.ts';
import { visibilityField } from '../rules/visibility.ts';
import { createSpec, type PlanContext } from './plan-specs.ts';
import { propertySchema, requiredOf } from './schemas.ts';
import { validBody, withFreshKey } from './values.ts';
import { isPlainObject } from '../shared/plain-object.ts';

/** Records each identity owns at least, so that paging (`limit`, `skip`, sorting) and counts have something to tell apart. */
export const RECORDS_PER_IDENTITY = 3;

/** More records of the first create, under each identity, before lists and counts: the main one is not enough to page through. */
export function planPagingRecords(ctx: PlanContext): void {
  const { ops, state } = ctx;
  const create = ops.create[0];
  if (!create || (ops.list.length === 0 && ops.count.length === 0)) return;
  const owned = { user1: 1, user2: 0 };
  // Under a parent record (scoped), the second identity may not see the first one's parent: its own records
  // would prove nothing there.
  const actors = ops.resource.scope.length > 0 ? (['user1'] as const) : (['user1', 'user2'] as const);
  for (const actor of actors) {
    for (let n = owned[actor] + 1; n <= RECORDS_PER_IDENTITY; n++) {
      const label = `${ops.resource.name}:paging:${actor}:${n}`;
      const who = actor === 'user1' ? '' : ' as another user';
      const full = withFreshKey(create, validBody(state, create), `${actor}-${n}`);
      // The second record leaves out its optional nullable fields: the server answers them as null (or leaves them out where the schema lets it).
      const body = n === 2 ? withoutOptionalNullable(create, full) : full;
      ctx.add({ ...createSpec(create, label, `create ${ops.resource.name} ${n} of ${RECORDS_PER_IDENTITY}${who} (for paging)`, body, actor), checks: [], setup: true });
    }
  }
}

/** The body without the optional top-level fields whose schema allows null; the body itself when that is not valid. */
function withoutOptionalNullable(operation: OperationModel, body: unknown): unknown {
  if (!isPlainObject(body)) return body;
  const schema = operation.body?.schema;
  const required = requiredOf(schema);
  const visibility = visibilityField(operation.behaviour.resource);
  const left = { ...body };
  for (const field of Object.keys(body)) {
    const type = (propertySchema(schema, field) as { type?: unknown } | undefined)?.type;
    const nullable = [type].flat().includes('null');
    if (nullable && !required.has(field) && field !== visibility) delete left[field];
  }
  return operation.body?.validate(left) ? left : body;
}
