import { isDeepStrictEqual } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OperationModel, ResourceModel } from '../../src/contract/model.ts';
import { listBundledContractIds } from '../../src/contract/registry.ts';
import { generateSeedRecords } from '../../src/seeder/generate.ts';
import { expiresAt, isExpired } from '../../src/rules/expiry.ts';
import { generatesOn, uniqueAcrossScopes } from '../../src/rules/generated.ts';
import { mayModify } from '../../src/rules/owner.ts';
import { viewOf } from '../../src/rules/stored.ts';
import { isVisibleTo } from '../../src/rules/visibility.ts';
import { owner_only_fields, owner_only_modify, visibility_isolation } from '../../src/runner/checks/isolation.ts';
import { recordIn } from '../../src/runner/checks/support.ts';
import { fillBody, storedFields } from '../../src/runner/records.ts';
import { refusal, type Actor, type TrackedRecord } from '../../src/runner/types.ts';
import { pathFor, queryFor, validBody, withFreshKey } from '../../src/runner/values.ts';
import { failures, judge, NOW, operationsOf, send, setUp, tracked, type Setup } from './support/drive.ts';

/**
 * The rules about who sees and keeps what (visibility, owner, expiry, unique generated values, which body
 * fields are stored, both ways), read alike by the mock, the seeder and the runner for every bundled
 * contract. agreement.test.ts covers the rules of a write (generated, transient, versioning, set-once,
 * membership).
 */

function storedResources(setup: Setup): ResourceModel[] {
  return [...setup.contract.resources.values()].filter((resource) => !resource.stateless);
}

function stored(setup: Setup, resource: ResourceModel, key: unknown): Record<string, unknown> | undefined {
  return setup.mock.context.store.table(resource.name).get(String(key))?.data;
}

/** Sends to the record the way the runner addresses it: its id in the path or the query. */
function sendTo(setup: Setup, operation: OperationModel, record: TrackedRecord, body?: unknown, actor: Actor = 'user1') {
  return send(setup, operation, pathFor(setup.state, operation, record), body, actor, queryFor(setup.state, operation, record.id));
}

/** Creates a record through the mock as user 1, with the body the runner would send. */
async function createThroughMock(setup: Setup, create: OperationModel, purpose: 'public' | 'private', tag: string, leaveOut: readonly string[] = []) {
  const body = withFreshKey(create, validBody(setup.state, create, purpose), tag) as Record<string, unknown> | undefined;
  for (const field of leaveOut) delete body?.[field];
  const path = pathFor(setup.state, create);
  const exchange = await send(setup, create, path, body);
  const status = exchange.response?.status;
  expect(status, `${create.id}: ${exchange.response?.text}`).toBe(create.successStatus);
  const view = recordIn(exchange, create);
  const key = view?.[create.behaviour.resource.key];
  const record = tracked(create, path, { id: String(key), view, createdView: view, written: storedFields(setup.contract.schemas, create.behaviour.resource, body) });
  return { body: body ?? {}, record };
}

describe.each(listBundledContractIds())('%s: visibility, owner, expiry, unique values and stored fields agree', (id) => {
  let setup: Setup;
  beforeAll(async () => {
    setup = await setUp(id);
  });

  it('the mock answers a read of each seeded record as the visibility rule says', async () => {
    let read = 0;
    let seeded = 0;
    for (const resource of storedResources(setup)) {
      const [operation] = operationsOf(setup.contract, resource, 'read');
      const id = operation?.behaviour.id;
      if (!operation || !id || id.from === 'body') continue;
      seeded += setup.mock.context.store.table(resource.name).size;
      for (const record of setup.mock.context.store.table(resource.name).values()) {
        const key = String(record.data[resource.key]);
        const path = id.from === 'path' ? { ...record.scope, [id.name]: key } : record.scope;
        const query = id.from === 'query' ? { [id.name]: key } : undefined;
        for (const actor of ['user1', 'user2'] as const) {
          const exchange = await send(setup, operation, path, undefined, actor, query);
          const visible = isVisibleTo(resource, record.data, setup.state.principals[actor]);
          expect(exchange.response?.status, `${resource.name} ${key} as ${actor}`).toBe(visible ? operation.successStatus : operation.situations.notFound.status);
          read++;
        }
      }
    }
    expect(read).toBe(2 * seeded);
  });

  it('a private record created through the mock is hidden from another user, as the rule and the runner\'s check say', async () => {
    for (const resource of storedResources(setup)) {
      if (!resource.visibility) continue;
      const [create] = operationsOf(setup.contract, resource, 'create');
      const [read] = operationsOf(setup.contract, resource, 'read');
      const { record } = await createThroughMock(setup, create, 'private', 'private');
      const data = stored(setup, resource, record.id)!;
      expect(isVisibleTo(resource, data, setup.state.principals.user2), 'the rule hides it from user 2').toBe(false);
      expect(isVisibleTo(resource, data, setup.state.principals.user1), 'the rule shows it to its host').toBe(true);
      const exchange = await sendTo(setup, read, record, undefined, 'user2');
      expect(failures(judge(setup, visibility_isolation, read, exchange, { record }, refusal('notFound'))), 'visibility_isolation').toEqual([]);
    }
  });

  it('owner: another user sees no owner-only field and may not modify, as the rule and the runner\'s checks say', async () => {
    for (const resource of storedResources(setup)) {
      if (!resource.owner) continue;
      const [create] = operationsOf(setup.contract, resource, 'create');
      const [read] = operationsOf(setup.contract, resource, 'read');
      const { record } = await createThroughMock(setup, create, 'public', 'owned');
      if (read && resource.ownerOnlyFields.length > 0) {
        const exchange = await sendTo(setup, read, record, undefined, 'user2');
        expect(exchange.response?.status).toBe(read.successStatus);
        expect(failures(judge(setup, owner_only_fields, read, exchange, { record })), 'owner_only_fields').toEqual([]);
        const own = await sendTo(setup, read, record);
        for (const field of resource.ownerOnlyFields) {
          if (stored(setup, resource, record.id)![field] !== undefined) expect(recordIn(own, read), `the owner sees ${field}`).toHaveProperty(field);
        }
      }
      const data = stored(setup, resource, record.id)!;
      const other = setup.state.principals.user2;
      for (const operation of [...operationsOf(setup.contract, resource, 'update'), ...operationsOf(setup.contract, resource, 'replace')]) {
        const body = operation.body ? fillBody(operation, validBody(setup.state, operation), record, record.id!) : undefined;
        const exchange = await sendTo(setup, operation, record, body, 'user2');
        if (mayModify(resource, data, other)) {
          expect(exchange.response?.status, `${operation.id} by another user, allowed by the rule`).toBe(operation.successStatus);
        } else {
          expect(failures(judge(setup, owner_only_modify, operation, exchange, { record }, refusal('forbidden'))), `owner_only_modify on ${operation.id}`).toEqual([]);
        }
      }
    }
  });

  it('expiry: seeded and created records expire when the rule says, and not before', async () => {
    const seeded = generateSeedRecords(setup.contract, setup.fixtures, { seed: 1, now: new Date(NOW) });
    for (const resource of storedResources(setup)) {
      for (const record of seeded.get(resource.name) ?? []) {
        const held = setup.mock.context.store.table(resource.name).get(String(record.data[resource.key]));
        expect(held?.expiresAt, `${resource.name} ${String(record.data[resource.key])}`).toBe(expiresAt(resource, record.data, NOW));
      }
      if (!resource.expiry) continue;
      const [create] = operationsOf(setup.contract, resource, 'create');
      const [read] = operationsOf(setup.contract, resource, 'read');
      const createdAt = setup.mock.context.clock.now().getTime();
      const kept = await createThroughMock(setup, create, 'public', 'kept');
      expect(setup.mock.context.store.table(resource.name).get(kept.record.id!)?.expiresAt, 'kept').toBe(expiresAt(resource, kept.body, createdAt));
      const { body, record } = await createThroughMock(setup, create, 'public', 'expiring', resource.expiry.unless ? [resource.expiry.unless] : []);
      const until = expiresAt(resource, body, createdAt);
      expect(until, 'without its unless flag a record expires').toBeDefined();
      expect(setup.mock.context.store.table(resource.name).get(record.id!)?.expiresAt).toBe(until);
      if (until === undefined || !read) continue;
      setup.mock.context.clock.advance(until - createdAt - 1);
      expect(isExpired(until, setup.mock.context.clock.now().getTime())).toBe(false);
      expect((await sendTo(setup, read, record)).response?.status, 'read just before expiry').toBe(read.successStatus);
      setup.mock.context.clock.advance(1);
      expect(isExpired(until, setup.mock.context.clock.now().getTime())).toBe(true);
      expect((await sendTo(setup, read, record)).response?.status, 'read at expiry').toBe(read.situations.notFound.status);
      setup.mock.context.clock.set(new Date(NOW));
    }
  });

  it('the fields the runner expects to read back are the body fields the mock stored and shows as sent', async () => {
    let compared = 0;
    for (const resource of storedResources(setup)) {
      for (const create of operationsOf(setup.contract, resource, 'create')) {
        const { body, record } = await createThroughMock(setup, create, 'public', `both-ways-${create.id}`);
        const data = stored(setup, resource, record.id)!;
        const shown = viewOf(resource, data, setup.state.principals.user1);
        // The key, the version and the members are the server's even where a body may carry them.
        const serverOwned = [resource.key, resource.versioning?.field, resource.membership?.field];
        const keptAsSent = Object.keys(body).filter((field) => field in shown && !serverOwned.includes(field) && isDeepStrictEqual(shown[field], body[field]));
        expect(Object.keys(storedFields(setup.contract.schemas, resource, body)).sort(), `${create.id}`).toEqual(keptAsSent.sort());
        compared += keptAsSent.length;
      }
    }
    if (storedResources(setup).some((resource) => operationsOf(setup.contract, resource, 'create').length > 0)) expect(compared).toBeGreaterThan(0);
  });

  it('unique generated values: the seeder and the mock suffix within the scope the rule names', () => {
    const seeded = generateSeedRecords(setup.contract, setup.fixtures, { seed: 1, now: new Date(NOW), count: 30 });
    for (const resource of storedResources(setup)) {
      for (const [field, rule] of Object.entries(resource.generated)) {
        if (!rule.unique || !generatesOn(rule, 'create', undefined)) continue;
        const groups = new Map<string, unknown[]>();
        for (const record of seeded.get(resource.name) ?? []) {
          const group = uniqueAcrossScopes(resource, field) ? '' : JSON.stringify(record.scope);
          groups.set(group, [...(groups.get(group) ?? []), record.data[field]]);
        }
        for (const values of groups.values()) expect(new Set(values).size, `${resource.name}.${field} unique`).toBe(values.length);
      }
    }
  });
});
