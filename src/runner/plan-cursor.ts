import type { OperationModel } from '../contract/model.ts';
import { itemsIn, keyOf } from './checks/support.ts';
import { keep, slot } from './memory.ts';
import type { PlanContext } from './plan-specs.ts';
import { isSuccess } from './records.ts';

/**
 * Cursor paging (`starting_after`, `after`, `cursor`... holding the key of the last item seen): the page
 * after the first item of a page of two starts with the second, and repeats nothing.
 */
export function planCursor(ctx: PlanContext, list: OperationModel): void {
  const spec = list.behaviour.list;
  if (!spec?.cursor || !spec.limit) return;
  const { param } = spec.cursor;
  const limit = spec.limit.param;
  const firstTwo = slot<unknown[]>(`${list.id}.first two by cursor`);
  ctx.add({
    operation: list,
    title: `list the first two (${limit}=2)`,
    query: { [limit]: '2' },
    checks: ['list_limit'],
    facts: () => ({ limit: 2, max: spec.limit!.max }),
    writes: [keep(firstTwo, (exchange) => (isSuccess(exchange) ? itemsIn(exchange, list) : undefined))],
  });
  const key = list.behaviour.resource.key;
  ctx.add({
    operation: list,
    title: `list after the first (${param}, ${limit}=1)`,
    query: (state) => ({ [limit]: '1', [param]: keyOf(state.memory.recall(firstTwo)?.[0], key) ?? '' }),
    checks: ['list_limit', 'list_cursor'],
    reads: [firstTwo],
    facts: (state) => {
      const page = state.memory.recall(firstTwo);
      if (!page) return 'the first page did not succeed';
      if (page.length < 2 || keyOf(page[0], key) === undefined) return `fewer than two records with a \`${key}\` to page through`;
      return { limit: 1, max: spec.limit!.max, reference: { items: page, after: 1 } };
    },
  });
}
