import { createSpec, readSpec, type PlanContext } from './plan-specs.ts';
import { formAlternative } from './form-media.ts';
import { withOwnFaker, validBody, withFreshKey } from './values.ts';

/**
 * A create that documents `application/x-www-form-urlencoded` beside JSON is also sent as a form (a body of
 * scalar fields): the server takes it as it takes JSON, and the record reads back what the form said.
 */
export function planFormCreate(ctx: PlanContext): void {
  const { ops } = ctx;
  const create = ops.create[0];
  const types = create?.body?.mediaTypes ?? [];
  if (!create || !types.some((t) => /json/i.test(t)) || !types.some((t) => /^application\/x-www-form-urlencoded/i.test(t))) return;
  // A faker of its own: the values of the other steps do not depend on whether these are planned.
  const state = withOwnFaker(ctx.state, `${ops.resource.name}:form create`);
  const body = withFreshKey(create, validBody(state, create), 'form');
  const form = formAlternative(create, body);
  if (!form) return;
  const label = `${ops.resource.name}:form`;
  ctx.add({ ...createSpec(create, label, `create from a form (${form})`, body), form });
  if (ops.read[0]) ctx.add({ ...readSpec(ops.read[0], label, 'read what the form created'), subject: create });
}
