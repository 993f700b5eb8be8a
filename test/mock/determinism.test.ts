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

describe('reset after writes to seeded records (the store shares the seeded data, copy-on-write)', () => {
  it('goes back to the seeded state after updates, sections, joins and deletes; the seeded data cannot be written in place', async () => {
    const contract = await loadContract('game-sessions');
    const fixtures = await loadFixtureSpec(fixtureFileFor(contract));
    const instance = createMockInstance(contract, { seed: 1, fixtures, clock: fixedClock() });
    const before = JSON.stringify(instance.state({ includeHidden: true }));
    const table = instance.context.store.table('session');
    const [first, second] = [...table.values()];
    expect(() => { (first.data as Record<string, unknown>).status = 'changed'; }).toThrow(TypeError);
    const nested = Object.values(first.data).find((value) => value !== null && typeof value === 'object') as Record<string, unknown>;
    expect(nested).toBeDefined();
    expect(() => { if (Array.isArray(nested)) nested.push('x'); else nested.x = 1; }).toThrow(TypeError);
    first.data = { ...first.data, status: 'changed' };
    first.sections.settings = { mode: 'x' };
    table.delete(String(second.data.uid));
    expect(JSON.stringify(instance.state({ includeHidden: true }))).not.toBe(before);
    instance.reset();
    expect(JSON.stringify(instance.state({ includeHidden: true }))).toBe(before);
    expect([...table.values()].every((record) => Object.keys(record.sections).length === 0)).toBe(true);
  });
});
