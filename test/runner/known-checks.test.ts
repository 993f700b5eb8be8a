import { beforeAll, describe, expect, it } from 'vitest';
import type { ContractModel } from '../../src/contract/model.ts';
import { listBundledContractIds, loadContract } from '../../src/contract/registry.ts';
import { CHECKS, GENERIC_CHECKS } from '../../src/runner/checks/index.ts';
import { runConformance } from '../../src/runner/engine.ts';
import type { RunEvent } from '../../src/runner/events.ts';
import { assertKnownChecks, UnknownCheckError } from '../../src/runner/known-checks.ts';
import { planRun } from '../../src/runner/plan.ts';
import { createRunState } from '../../src/runner/transport.ts';
import type { RunOptions, Step } from '../../src/runner/types.ts';
import { contextFor } from './support/context.ts';

const contracts = new Map<string, ContractModel>();
beforeAll(async () => {
  for (const id of listBundledContractIds()) contracts.set(id, await loadContract(id));
});

const options = (overrides: Partial<RunOptions> = {}): RunOptions => ({
  baseUrl: 'http://127.0.0.1:9', pathParams: {}, allowDestructive: false, timeoutMs: 1000, seed: 1, only: [], ...overrides,
});

/** A step of game-sessions' createSession asking for these checks. */
function stepWith(checks: string[]): Step {
  return { ...contextFor(contracts.get('game-sessions')!, 'createSession', { title: 'create' }).step, checks };
}

describe('check names', () => {
  it('are a closed set: an unknown name is an UnknownCheckError naming the step, the name and the known ones', () => {
    expect(() => assertKnownChecks([stepWith(['read_back', 'set_once'])])).not.toThrow();
    const attempt = () => assertKnownChecks([stepWith(['read_back']), stepWith(['read_bak'])]);
    expect(attempt).toThrow(UnknownCheckError);
    expect(attempt).toThrow(/^createSession "create" asks for the unknown check "read_bak"; known: response_received, .*read_back/);
    // Inherited properties of a plain object are not checks.
    expect(() => assertKnownChecks([stepWith(['toString'])])).toThrow(UnknownCheckError);
  });

  it('the generic checks are all registered', () => {
    for (const name of GENERIC_CHECKS) expect(Object.hasOwn(CHECKS, name), name).toBe(true);
  });

  it.each(listBundledContractIds())('%s: every step the planner makes names known checks', (id) => {
    for (const allowDestructive of [false, true]) {
      const steps = planRun(createRunState(contracts.get(id)!, options({ allowDestructive })));
      expect(steps.length).toBeGreaterThan(0);
      expect(() => assertKnownChecks(steps)).not.toThrow();
    }
  });

  it('an unknown name stops the run at plan time, before any request: exit 2 with the reason', async () => {
    const registry = CHECKS as Record<string, (typeof CHECKS)[string]>;
    const removed = registry.read_back;
    delete registry.read_back;
    try {
      const events: RunEvent[] = [];
      // Nothing listens on port 9: had a request been sent, the run would end with "could not be reached".
      const summary = await runConformance(contracts.get('game-sessions')!, options(), (event) => events.push(event));
      expect(summary.exitCode).toBe(2);
      expect(summary.fatal).toMatch(/^Failed to plan the run: \w+ "[^"]+" asks for the unknown check "read_back"/);
      expect(events.filter((e) => e.type === 'check' && e.result.check === 'response_received')).toEqual([]);
    } finally {
      registry.read_back = removed;
    }
    expect(Object.hasOwn(CHECKS, 'read_back')).toBe(true);
  });
});
