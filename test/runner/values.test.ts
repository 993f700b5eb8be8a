import { beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { ContractModel } from '../../src/contract/model.ts';
import { loadContract } from '../../src/contract/registry.ts';
import { createRunState } from '../../src/runner/transport.ts';
import { pathValue } from '../../src/runner/values.ts';
import { operationOf } from './support/context.ts';

let gigs: ContractModel;

beforeAll(async () => {
  gigs = await loadContract('gigs-connect-sessions');
});

const stateFor = (seed: number) => createRunState(gigs, { baseUrl: 'http://target.test', pathParams: {}, allowDestructive: false, timeoutMs: 1000, seed, only: [] });

describe('pathValue', () => {
  it('depends on the seed and the parameter only, not on what the run generated before it', () => {
    const project = operationOf(gigs, 'createConnectSession').pathParams.find((p) => p.name === 'project')!;
    const fresh = stateFor(7);
    const busy = stateFor(7);
    for (let n = 0; n < 5; n++) busy.faker.string.alphanumeric(10);
    expect(pathValue(busy, project)).toBe(pathValue(fresh, project));
    expect(pathValue(stateFor(8), project)).not.toBe(pathValue(fresh, project));
  });
});

describe('withFreshKey', () => {
  it('gives a client-chosen uuid key another uuid (a documented example is sampled for every create now and then)', async () => {
    const { loadContractFile } = await import('../../src/contract/load.ts');
    const { withFreshKey } = await import('../../src/runner/values.ts');
    const contract = await loadContractFile(fileURLToPath(new URL('../data/openapi/client-keys.yaml', import.meta.url)));
    const create = operationOf(contract, 'createEvent');
    const body = { eventId: '5f3a2c10-8d4e-4b6f-9a21-0c7e5d9b1a42', name: 'Harbour lights' };
    const keys = ['user2-2', 'user2-3', 'main'].map((tag) => (withFreshKey(create, body, tag) as typeof body).eventId);
    expect(new Set([...keys, body.eventId]).size).toBe(4);
    for (const key of keys) expect(create.body!.validate({ ...body, eventId: key })).toBe(true);
  });

  it('gives each tag its own integer key whatever values the bodies drew (neighbouring tags and values once met)', async () => {
    const { loadContractFile } = await import('../../src/contract/load.ts');
    const { withFreshKey } = await import('../../src/runner/values.ts');
    const contract = await loadContractFile(fileURLToPath(new URL('../data/openapi/numeric-client-keys.yaml', import.meta.url)));
    const create = operationOf(contract, 'createTeam');
    const keys = new Set<unknown>();
    for (const [n, tag] of ['main', 'user1-2', 'user1-3', 'user2-1', 'user2-2', 'user2-3'].entries()) {
      for (const drawn of [40, 41, 42, 43, 44, 45]) keys.add(`${tag}:${(withFreshKey(create, { id: drawn - n, name: 'x' }, tag) as { id: number }).id}`);
    }
    const byKey = new Map<string, Set<string>>();
    for (const entry of keys) {
      const [tag, key] = String(entry).split(':');
      byKey.set(key, (byKey.get(key) ?? new Set()).add(tag));
    }
    expect([...byKey.entries()].filter(([, tags]) => tags.size > 1)).toEqual([]);
  });

  it('gives a key inside a wrapped create body (`{coupon: {code}}`) a fresh value per tag, the wrapper kept', async () => {
    const { loadContractFile } = await import('../../src/contract/load.ts');
    const { withFreshKey } = await import('../../src/runner/values.ts');
    const contract = await loadContractFile(fileURLToPath(new URL('../data/openapi/wrapped-client-keys.yaml', import.meta.url)));
    const create = operationOf(contract, 'createCoupon');
    const body = { coupon: { code: 'spring_sale', name: 'Spring sale' } };
    const fresh = ['main', 'user1-2', 'user2-1'].map((tag) => withFreshKey(create, body, tag) as typeof body);
    expect(new Set([...fresh.map((b) => b.coupon.code), 'spring_sale']).size).toBe(4);
    for (const next of fresh) expect(create.body!.validate(next)).toBe(true);
  });
});
