import type { OperationModel, ParameterModel } from '../contract/model.ts';
import { hasMoreFlag } from './checks/cursor.ts';
import { itemsIn, locationOf } from './checks/support.ts';
import { valueAt } from './locate.ts';
import { keep, slot, type Slot } from './memory.ts';
import { planCursor } from './plan-cursor.ts';
import { planFilter } from './plan-filters.ts';
import type { PlanContext } from './plan-specs.ts';
import { isSuccess } from './records.ts';
import { isInferred } from './schemas.ts';
import type { Facts } from './types.ts';

/** What a list's steps keep for later ones: the plain list's items, the first page of two. */
interface ListSlots {
  readonly items: Slot<unknown[]>;
  readonly page: Slot<unknown[]>;
}

const listSlots = (list: OperationModel): ListSlots => ({ items: slot(`${list.id}.items`), page: slot(`${list.id}.first page`) });

/** The limit a list step asks for: the maximum, else the default page size. */
const pageSize = (list: OperationModel): number | undefined => list.behaviour.list?.limit?.max ?? list.behaviour.list?.limit?.default;

/**
 * Lists and counts: the followed record is listed with what was written; `limit` caps (and a limit above
 * the maximum is clamped or refused); `skip` drops leading items; the count equals the list, ignores
 * `limit`, and honours filters; a list filtered by a field of the followed record holds only items with its value.
 */
export function planCollections(ctx: PlanContext): void {
  const { ops } = ctx;
  for (const list of ops.list) {
    planList(ctx, list, listSlots(list).items);
    // Each list gets its own counts: with several lists, each keeps its count apart.
    const countSlot = (count: OperationModel) => slot<number>(ops.list.length > 1 ? `${count.id}.count after ${list.id}` : `${count.id}.count`);
    for (const count of ops.count) planCount(ctx, count, countSlot(count), list);
    planLimits(ctx, list, listSlots(list));
    planFilter(ctx, list);
  }
  if (ops.list.length === 0) for (const count of ops.count) planCount(ctx, count, slot(`${count.id}.count`), undefined);
}

function planList(ctx: PlanContext, list: OperationModel, items: Slot<unknown[]>): void {
  const spec = list.behaviour.list?.limit;
  const limit = pageSize(list);
  ctx.add({
    operation: list,
    title: spec?.max !== undefined ? `list with ${spec.param}=${spec.max}` : 'list',
    record: ctx.main,
    fallbackToUnknown: true,
    unknownId: '',
    query: spec?.max !== undefined ? { [spec.param]: String(spec.max) } : {},
    checks: ['read_back', 'generated_fields', 'transient_fields', 'list_includes_created', ...moreFlagCheck(list)],
    facts: (_state, record) => ({ record, written: record?.written, limit }),
    writes: [keep(items, (exchange) => (isSuccess(exchange) ? itemsIn(exchange, list) : undefined))],
  });
}

/** A count equals the list it counts (`list`, when there is one), ignores the limit, and honours filters. */
function planCount(ctx: PlanContext, count: OperationModel, counted: Slot<number>, list: OperationModel | undefined): void {
  const key = count.behaviour.resource.key;
  const slots = list ? listSlots(list) : undefined;
  ctx.add({
    operation: count,
    title: 'count',
    checks: ['count_matches_list'],
    reads: slots ? [slots.items] : [],
    facts: (state): Partial<Facts> | string => {
      if (!slots) return {};
      const items = state.memory.recall(slots.items);
      return items ? { reference: { items, limit: pageSize(list!) } } : 'the list to compare with did not succeed';
    },
    writes: [keep(counted, (exchange) => {
      const value = isSuccess(exchange) ? valueAt(exchange.response!.body, locationOf(count).count ?? '/count') : undefined;
      return typeof value === 'number' ? value : undefined;
    })],
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
      reads: [counted],
      facts: (state) => {
        const expectedCount = state.memory.recall(counted);
        return expectedCount === undefined ? 'the plain count did not succeed' : { expectedCount, note: `the count without ${limit.param} (a count ignores it)` };
      },
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

/**
 * A limit parameter whose description says it caps the page (`The most items to return`, `Maximum number of
 * results`, `Page size`): the cap is the document's word, not a reading of the parameter's name.
 */
function statesPageCap(parameter: ParameterModel | undefined): boolean {
  return /\b(max(imum)?|at most|up to|the most|limits?|numbers? of|how many|page size|per page|(items|results|records|objects|entries) to return)\b/i.test(parameter?.description ?? '');
}

function planLimits(ctx: PlanContext, list: OperationModel, slots: ListSlots): void {
  const spec = list.behaviour.list;
  const limit = spec?.limit;
  if (limit) {
    // A total in the envelope (`total`, `count`...) counts the collection, not the page: the complete list tells.
    const total = locationOf(list).count !== undefined;
    const capStated = statesPageCap(list.queryParams.find((p) => p.name === limit.param));
    ctx.add({
      operation: list,
      title: `list with ${limit.param}=1`,
      query: { [limit.param]: '1' },
      checks: [...(total ? ['list_limit', 'count_matches_list'] : ['list_limit']), ...moreFlagCheck(list)],
      reads: total || hasMoreFlag(list) ? [slots.items] : [],
      facts: (state) => {
        const items = total || hasMoreFlag(list) ? state.memory.recall(slots.items) : undefined;
        return { limit: 1, max: limit.max, capStated, ...(items && completeList(items, pageSize(list)) ? { reference: { items } } : {}) };
      },
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
  planCursor(ctx, list);
  if (spec?.sort) planSorting(ctx, list, spec.sort);
  if (spec?.skip) planSkip(ctx, list, spec.skip, slots);
}

/** `skip` drops leading items: compared with the first page of two, or with the plain list. */
function planSkip(ctx: PlanContext, list: OperationModel, skip: string, slots: ListSlots): void {
  const { limit, sort: sortParam } = list.behaviour.list ?? {};
  const sort = sortParam ? { [sortParam]: list.behaviour.resource.key } : {};
  if (limit) {
    ctx.add({
      operation: list,
      title: `list the first two (${limit.param}=2)`,
      query: { [limit.param]: '2', [skip]: '0', ...sort },
      checks: ['list_limit'],
      facts: () => ({ limit: 2, max: limit.max }),
      writes: [keep(slots.page, (exchange) => (isSuccess(exchange) ? itemsIn(exchange, list) : undefined))],
    });
    ctx.add({
      operation: list,
      title: `list with ${skip}=1 (${limit.param}=1)`,
      query: { [limit.param]: '1', [skip]: '1', ...sort },
      checks: ['list_skip'],
      reads: [slots.page],
      facts: (state) => {
        const page = state.memory.recall(slots.page);
        return page ? { reference: { items: page, limit: 2, skip: 1 } } : 'the first page did not succeed';
      },
    });
    return;
  }
  ctx.add({
    operation: list,
    title: `list with ${skip}=1`,
    query: { [skip]: '1', ...sort },
    checks: ['list_skip'],
    reads: [slots.items],
    facts: (state) => {
      const items = state.memory.recall(slots.items);
      return items ? { reference: { items, skip: 1 } } : 'the plain list did not succeed';
    },
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

/** A more-pages flag (`has_more`) is checked where the envelope has one. */
const moreFlagCheck = (list: OperationModel): string[] => (hasMoreFlag(list) ? ['list_has_more'] : []);

/** Whether the remembered list held every item: fewer came back than the page could hold. */
function completeList(items: readonly unknown[], limit: number | undefined): boolean {
  return limit === undefined || items.length < limit;
}
