import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ContractModel } from '../../src/contract/model.ts';
import { loadContract } from '../../src/contract/registry.ts';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';
import { check } from './support/run.ts';

// The first step that records what it got back fails to: the run must say so instead of going on silently.
vi.mock('../../src/runner/plan.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/runner/plan.ts')>();
  return {
    ...original,
    planRun: (...args: Parameters<typeof original.planRun>) => {
      const steps = original.planRun(...args);
      const index = steps.findIndex((step) => step.settle !== undefined);
      if (index < 0) return steps;
      const broken = { ...steps[index], settle: () => { throw new Error('bookkeeping exploded'); } };
      return [...steps.slice(0, index), broken, ...steps.slice(index + 1)];
    },
  };
});

let contract: ContractModel;
let mock: MockServer;
beforeAll(async () => {
  contract = await loadContract('game-sessions');
  mock = await startMockServer({ contracts: [contract], port: 0 });
});
afterAll(() => mock.close());

describe('an error while a step records its outcome', () => {
  it('is reported as a warning naming the harness, and the run goes on to the end', async () => {
    const { results, summary } = await check(contract, `${mock.url}/game-sessions`);
    const noted = results.filter((r) => r.status === 'warn' && r.message?.includes('bookkeeping exploded'));
    expect(noted).toHaveLength(1);
    expect(noted[0].message).toContain('a bug of the harness, not of the server');
    // Later steps still ran: far more results than the one broken step.
    expect(results.length).toBeGreaterThan(20);
    expect(summary.counts.warn).toBeGreaterThanOrEqual(1);
  });
});
