import type { OperationModel } from '../contract/model.ts';
import { itemsIn, locationOf } from './checks/support.ts';
import { valueAt } from './locate.ts';
import type { PlanContext } from './plan-specs.ts';
import { isSuccess } from './records.ts';
import { isInferred } from './schemas.ts';
import type { Facts } from './types.ts';

interface ListMemory {
  items?: unknown[];
  limit?: number;
  count?: number;
  page?: unknown[];
}

/**
 * Lists and counts: the followed record is listed with what was written; `limit` caps (and a limit above
 * the maximum is clamped or refused); `skip` drops leading items; the count equals the list, ignores
 * `limit`, and honours filters.
 */
export function planCollections(ctx: PlanContext): void {
  const { ops } = ctx;
  for (const list of ops.list) {
    const memory: ListMemory = {};
    planList(ctx, list, memory);
    for (const count of ops.count) planCount(ctx, count, memory, true);
    planLimits(ctx, list, memory);
  }
  if (ops.list.length === 0) for (const count of ops.count) planCount(ctx, count, {}, false);
}

function planList(ctx: PlanContext, list: OperationModel, memory: ListMemory): void {
  const spec = list.behaviour.list?.limit;
  const limit = spec?.max ?? spec?.default;
  ctx.add({
    operation: list,
    title: spec?.max !== undefined ? `list with ${spec.param}=${spec.max}` : 'list',
    record: ctx.main,
    fallbackToUnknown: true,
    unknownId: '',
    query: spec?.max !== undefined ? { [spec.param]: String(spec.max) } : {},
    checks: ['read_back', 'generated_fields', 'transient_fields', 'list_includes_created'],
    facts: (_state, record) => ({ record, written: record?.written, limit }),
    settle: (_state, exchange) => {
      if (!isSuccess(exchange)) return;
      memory.items = itemsIn(exchange, list);
      memory.limit = limit;
    },
  });
}

function planCount(ctx: PlanContext, count: OperationModel, memory: ListMemory, hasList: boolean): void {
  const key = count.behaviour.resource.key;
  const skipReason = 'the list to compare with did not succeed';
  ctx.add({
    operation: count,
    title: 'count',
    checks: ['count_matches_list'],
    facts: (): Partial<Facts> | string => {
      if (memory.items) return { reference: { items: memory.items, limit: memory.limit } };
      return hasList ? skipReason : {};
    },
    settle: (_state, exchange) => {
      const value = isSuccess(exchange) ? valueAt(exchange.response!.body, locationOf(count).count ?? '/count') : undefined;
      memory.count = typeof value === 'number' ? value : undefined;
    },
  });
  const limit = count.behaviour.list?.limit;
  if (limit) {
    ctx.add({
      operation: count,
      title: `count with ${limit.param}=1`,
      query: { [limit.param]: '1' },
      checks: ['count_matches_list'],
      // That a count ignores the parameter is a reading when the contract marks the parameter's schema x-inferred.
      inferred: count.behaviour.inferred || isInferred(count.queryParams.find((p) => p.name === limit.param)?.schema),
      facts: () => (memory.count === undefined ? 'the plain count did not succeed' : { expectedCount: memory.count, note: `the count without ${limit.param} (a count ignores it)` }),
    });
  }
  if (count.behaviour.list?.filter) {
    ctx.add({
      operation: count,
      title: `count filtered by ${key}`,
      record: ctx.main,
      query: (_state, record) => ({ [key]: record?.id ?? '' }),
      checks: ['count_matches_list'],
      facts: () => ({ expectedCount: 1, note: `a filter on the unique \`${key}\`` }),
    });
  }
}

function planLimits(ctx: PlanContext, list: OperationModel, memory: ListMemory): void {
  const spec = list.behaviour.list;
  const limit = spec?.limit;
  if (limit) {
    // A total in the envelope (`total`, `count`...) counts the collection, not the page: the complete list tells.
    const total = locationOf(list).count !== undefined;
    ctx.add({
      operation: list,
      title: `list with ${limit.param}=1`,
      query: { [limit.param]: '1' },
      checks: total ? ['list_limit', 'count_matches_list'] : ['list_limit'],
      facts: () => ({ limit: 1, max: limit.max, ...(total && completeList(memory) ? { reference: { items: memory.items! } } : {}) }),
    });
    if (limit.max !== undefined) {
      const above = limit.max + 1;
      ctx.add({
        operation: list,
        title: `list with ${limit.param}=${above} (above the maximum)`,
        query: { [limit.param]: String(above) },
        expect: { success: true, situations: ['invalid'] },
        checks: ['list_limit'],
        facts: () => ({ limit: above, max: limit.max }),
      });
    }
  }
  if (spec?.sort) planSorting(ctx, list, spec.sort);
  if (!spec?.skip) return;
  const sort = spec.sort ? { [spec.sort]: list.behaviour.resource.key } : {};
  if (limit) {
    ctx.add({
      operation: list,
      title: `list the first two (${limit.param}=2)`,
      query: { [limit.param]: '2', [spec.skip]: '0', ...sort },
      checks: ['list_limit'],
      facts: () => ({ limit: 2, max: limit.max }),
      settle: (_state, exchange) => { memory.page = isSuccess(exchange) ? itemsIn(exchange, list) : undefined; },
    });
    ctx.add({
      operation: list,
      title: `list with ${spec.skip}=1 (${limit.param}=1)`,
      query: { [limit.param]: '1', [spec.skip]: '1', ...sort },
      checks: ['list_skip'],
      facts: () => (memory.page ? { reference: { items: memory.page, limit: 2, skip: 1 } } : 'the first page did not succeed'),
    });
    return;
  }
  ctx.add({
    operation: list,
    title: `list with ${spec.skip}=1`,
    query: { [spec.skip]: '1', ...sort },
    checks: ['list_skip'],
    facts: () => (memory.items ? { reference: { items: memory.items, skip: 1 } } : 'the plain list did not succeed'),
  });
}

/**
 * The list sorted by the key, ascending by its bare name and descending as `{"key": "DESC"}`. The run's
 * own records (three per identity) make the order something to check.
 */
function planSorting(ctx: PlanContext, list: OperationModel, param: string): void {
  const key = list.behaviour.resource.key;
  const schema = list.queryParams.find((p) => p.name === param)?.schema;
  ctx.add({ operation: list, title: `list sorted by ${key}`, query: { [param]: key }, checks: ['list_sorted'], facts: () => ({ sorted: { field: key, descending: false } }) });
  ctx.add({
    operation: list,
    title: `list sorted by ${key} descending`,
    query: { [param]: JSON.stringify({ [key]: 'DESC' }) },
    checks: ['list_sorted'],
    // How a direction is spelled in the query string may be the contract's reading (x-inferred on the parameter's schema).
    inferred: list.behaviour.inferred || isInferred(schema),
    facts: () => ({ sorted: { field: key, descending: true } }),
  });
}

/** Whether the remembered list held every item: fewer came back than the page could hold. */
function completeList(memory: ListMemory): boolean {
  return memory.items !== undefined && (memory.limit === undefined || memory.items.length < memory.limit);
}
