import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ListModel, OperationModel, ResourceModel } from '../../src/contract/model.ts';
import { loadContract } from '../../src/contract/registry.ts';
import { count, list } from '../../src/mock/behaviours/list.ts';
import type { MockContext, MockRequest } from '../../src/mock/context.ts';
import { createMockInstance } from '../../src/mock/instance.ts';
import type { StoredRecord } from '../../src/mock/store.ts';

/**
 * The list behaviour reads candidates from equality indexes kept on write and pages without materialising;
 * here its answers are compared with a plain scan of the table (the behaviour as it was before the indexes)
 * over random writes (insert, replace, reassign `data`, delete, clear) and random queries; with a visibility
 * rule, by callers who see different records (a viewer field holding them, or a list including them).
 */
const game = await loadContract('game-sessions');
const listOperation = game.operations.find((operation) => operation.behaviour.kind === 'list')!;
const SPEC: ListModel = { limit: { param: 'limit', default: undefined, max: 6 }, skip: 'skip', page: { param: 'page', first: 1 }, cursor: { param: 'after' }, sort: 'sort', filter: true };
const STATUSES = ['open', 'closed', 'full'];
const PRINCIPALS = ['ann', 'bob', 'cy', '7', undefined];

function resourceWith(visibility: boolean): ResourceModel {
  return {
    ...listOperation.behaviour.resource,
    name: 'thing', key: 'id', scope: ['team'], fields: new Set(['id', 'status', 'tags', 'rank', 'visibility', 'host', 'invited']),
    transient: {}, ownerOnlyFields: [], hidden: [], owner: undefined,
    visibility: visibility ? { field: 'visibility', private: ['private', true], viewers: ['host', 'invited'] } : undefined,
  };
}

function operationFor(resource: ResourceModel): OperationModel {
  return { ...listOperation, behaviour: { ...listOperation.behaviour, resource, list: SPEC, envelope: false, response: { items: '${items}', count: '${count}' } } } as OperationModel;
}

const data = fc.record({
  status: fc.constantFrom(...STATUSES, undefined),
  tags: fc.option(fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 3 }), { nil: undefined }),
  rank: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
  visibility: fc.constantFrom('public', 'private', true, 'true'),
  host: fc.constantFrom('ann', 'bob', 7),
  invited: fc.option(fc.array(fc.constantFrom('ann', 'bob', 'cy', 1), { maxLength: 3 }), { nil: undefined }),
});
const id = fc.integer({ min: 0, max: 7 });
const write = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('put' as const), id, team: fc.constantFrom('x', 'x', 'y'), expires: fc.constantFrom(false, false, false, true), data }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('assign' as const), id, data }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), id }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'clear' as const }) },
);
/** A query parameter present one time in three. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>) => fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });
const query = fc.record({
  path: fc.constantFrom({}, { team: 'x' }, { team: 'y' }),
  principal: fc.constantFrom(...PRINCIPALS),
  query: fc.record({
    status: sometimes(fc.constantFrom(...STATUSES)),
    tags: sometimes(fc.constantFrom('a', 'b')),
    rank: sometimes(fc.constantFrom('0', '1', 'null')),
    limit: sometimes(fc.constantFrom('2', '3', '10', 'x')),
    skip: sometimes(fc.constantFrom('0', '1', '4')),
    page: sometimes(fc.constantFrom('1', '2', '3')),
    after: sometimes(id.map(String)),
    sort: sometimes(fc.constantFrom('rank', '-rank', 'status,-id', '{"rank":"DESC"}')),
  }).map((parameters) => Object.fromEntries(Object.entries(parameters).filter(([, value]) => value !== undefined))),
});

describe('indexed list and count', () => {
  for (const visibility of [false, true]) {
    it(`answer as a scan of the table would, over random writes and queries (visibility rule: ${visibility})`, () => {
      const resource = resourceWith(visibility);
      const operation = operationFor(resource);
      fc.assert(fc.property(fc.array(fc.oneof({ weight: 3, arbitrary: write.map((w) => ({ write: w })) }, { weight: 2, arbitrary: query.map((q) => ({ query: q })) }), { minLength: 10, maxLength: 80 }), (steps) => {
        const mock = createMockInstance(game, { fixtureCount: 0 });
        const context = mock.context;
        const table = context.store.table(resource.name);
        for (const step of steps) {
          if ('write' in step) {
            const w = step.write;
            if (w.kind === 'clear') {
              table.clear();
              continue;
            }
            const key = String(w.id);
            if (w.kind === 'put') table.set(key, { data: { id: w.id, ...w.data }, scope: { team: w.team }, expiresAt: w.expires ? context.clock.now().getTime() - 1 : undefined, sections: {} });
            else if (w.kind === 'assign') { const record = table.get(key); if (record) record.data = { id: w.id, ...w.data }; }
            else table.delete(key);
            continue;
          }
          const request: MockRequest = { operation, path: step.query.path, query: step.query.query, body: undefined, principal: step.query.principal };
          const expected = naiveList(context, request);
          expect(list(context, request).body).toEqual(expected);
          expect(count(context, request).body).toEqual({ count: expected.count });
        }
      }), { numRuns: 100 });
    });
  }
});

describe('indexed list and count in a large table', () => {
  // Past a thousand records, deep pages are cut from a cached list of keys and large candidate sets are
  // picked from the table's cached sorted view: both must still answer as the scan does, also after writes.
  const deep = fc.record({
    principal: fc.constantFrom(...PRINCIPALS),
    query: fc.record({
      status: sometimes(fc.constantFrom(...STATUSES)),
      skip: fc.constantFrom('0', '999', '1001', '1500', '2100'),
      limit: fc.constantFrom('3', '6'),
      sort: sometimes(fc.constantFrom('rank', '-rank,id')),
    }).map((parameters) => Object.fromEntries(Object.entries(parameters).filter(([, value]) => value !== undefined))),
  });
  for (const visibility of [false, true]) {
    it(`deep pages, counts and sorted pages of 2,500 records (visibility rule: ${visibility})`, () => {
      const resource = resourceWith(visibility);
      const operation = operationFor(resource);
      const records = fc.sample(data, { numRuns: 2_500, seed: 7 });
      fc.assert(fc.property(fc.array(fc.oneof(write.map((w) => ({ write: w })), deep.map((q) => ({ query: q }))), { minLength: 4, maxLength: 12 }), (steps) => {
        const mock = createMockInstance(game, { fixtureCount: 0 });
        const context = mock.context;
        const table = context.store.table(resource.name);
        records.forEach((record, i) => table.set(String(i + 10), { data: { id: i + 10, ...record }, scope: { team: i % 3 ? 'x' : 'y' }, expiresAt: undefined, sections: {} }));
        for (const step of steps) {
          if ('write' in step) {
            const w = step.write;
            if (w.kind === 'put') table.set(String(w.id), { data: { id: w.id, ...w.data }, scope: { team: w.team }, expiresAt: undefined, sections: {} });
            else if (w.kind === 'delete') table.delete(String(w.id + 10));
            else if (w.kind === 'assign') { const record = table.get(String(w.id + 10)); if (record) record.data = { id: w.id + 10, ...w.data }; }
            continue;
          }
          const request: MockRequest = { operation, path: {}, query: step.query.query, body: undefined, principal: step.query.principal };
          const expected = naiveList(context, request);
          expect(list(context, request).body).toEqual(expected);
          expect(count(context, request).body).toEqual({ count: expected.count });
        }
      }), { numRuns: 15 });
    });
  }
});

// --- the reference: every record of the table, checked one by one -----------------------------------------

function naiveList(context: MockContext, request: MockRequest): { items: unknown[]; count: number } {
  const { resource } = request.operation.behaviour;
  const now = context.clock.now().getTime();
  const query = request.query;
  const reserved = new Set(['limit', 'skip', 'page', 'after', 'sort']);
  const filters = Object.entries(query).filter(([name]) => !reserved.has(name) && resource.fields.has(name));
  let matching = [...context.store.table(resource.name).values()].filter((record) =>
    (record.expiresAt === undefined || record.expiresAt > now)
    && resource.scope.every((name) => !(name in request.path) || record.scope[name] === String(request.path[name]))
    && visible(resource, record, request.principal)
    && filters.every(([field, value]) => matches(record.data[field], value)));
  if (query.sort !== undefined) matching = [...matching].sort(comparator(String(query.sort)));
  const limitAsked = nonNegative(query.limit);
  const limit = limitAsked === undefined ? undefined : Math.min(limitAsked, 6);
  let skip = nonNegative(query.skip) ?? 0;
  const page = Number(query.page);
  const number = Number.isInteger(page) && page >= 1 ? page - 1 : 0;
  skip += number === 0 ? 0 : limit === undefined ? matching.length : number * limit;
  if (query.after !== undefined) {
    const at = matching.findIndex((record) => String(record.data.id) === query.after);
    if (at >= 0) skip = Math.max(skip, at + 1);
  }
  const items = matching.slice(skip, limit === undefined ? undefined : skip + limit).map((record) => ({ ...record.data }));
  return { items, count: matching.length };
}

function visible(resource: ResourceModel, record: StoredRecord, principal: string | undefined): boolean {
  const rule = resource.visibility;
  if (!rule || !rule.private.includes(record.data[rule.field])) return true;
  return principal !== undefined && rule.viewers.some((field) => {
    const value = record.data[field];
    return Array.isArray(value) ? value.includes(principal) : value === principal;
  });
}

function matches(actual: unknown, wanted: unknown): boolean {
  return Array.isArray(actual) ? actual.some((item) => matches(item, wanted)) : String(actual) === String(wanted);
}

function nonNegative(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  return Number.isInteger(number) && number >= 0 ? number : undefined;
}

function comparator(raw: string): (a: StoredRecord, b: StoredRecord) => number {
  const keys: [string, number][] = raw.startsWith('{')
    ? Object.entries(JSON.parse(raw) as Record<string, string>).map(([field, dir]) => [field, dir === 'DESC' ? -1 : 1])
    : raw.split(',').map((part) => (part.startsWith('-') ? [part.slice(1), -1] : [part, 1]));
  return (a, b) => {
    for (const [field, direction] of keys) {
      const x = a.data[field];
      const y = b.data[field];
      if (x === y) continue;
      if (x === undefined || x === null) return direction;
      if (y === undefined || y === null) return -direction;
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      if (order !== 0) return direction * order;
    }
    return 0;
  };
}

