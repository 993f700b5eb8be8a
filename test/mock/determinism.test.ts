import { describe, expect, it } from 'vitest';
import { fixtureFileFor, listBundledContractIds, loadContract } from '../../src/contract/registry.ts';
import { loadFixtureSpec } from '../../src/seeder/load.ts';
import { createMockInstance } from '../../src/mock/instance.ts';
import type { MockClock } from '../../src/mock/clock.ts';

/** A clock that does not move on its own, so two instances built a millisecond apart agree. */
const fixedClock = (): MockClock => {
  let now = Date.parse('2026-01-01T00:00:00Z');
  return { now: () => new Date(now), advance: (ms) => { now += ms; }, set: (date) => { now = date.getTime(); } };
};

describe('seeded state', () => {
  for (const id of listBundledContractIds()) {
    it(`${id}: the same seed gives byte-identical state, another seed different state`, async () => {
      const contract = await loadContract(id);
      const fixtures = await loadFixtureSpec(fixtureFileFor(contract));
      const state = (seed: number) => JSON.stringify(createMockInstance(contract, { seed, fixtures, clock: fixedClock() }).state());
      expect(state(7)).toBe(state(7));
      expect(state(7)).not.toBe(state(8));
    });
  }

  it('reset goes back to the seeded state', async () => {
    const contract = await loadContract('game-sessions');
    const fixtures = await loadFixtureSpec(fixtureFileFor(contract));
    const instance = createMockInstance(contract, { seed: 1, fixtures, clock: fixedClock() });
    const before = JSON.stringify(instance.state());
    instance.context.store.table('session').clear();
    expect(JSON.stringify(instance.state())).not.toBe(before);
    instance.reset();
    expect(JSON.stringify(instance.state())).toBe(before);
  });
});
