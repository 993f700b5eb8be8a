import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { INFERRED_NOTE, runCheckCommand } from '../../src/cli/check.ts';
import type { ContractModel } from '../../src/contract/model.ts';
import { listBundledContractIds, loadContract } from '../../src/contract/registry.ts';
import { describePlan, formatPlan } from '../../src/runner/describe-plan.ts';
import type { RunOptions } from '../../src/runner/types.ts';
import { tokensFor } from './support/run.ts';

/**
 * What the planner makes of each bundled contract, as a readable file under __snapshots__/: a change to
 * the plan shows up in review as a diff of steps. Seeded, and nothing is sent, so it is deterministic.
 * After an intended planner change: `npx vitest run --project fast test/runner/plan-snapshot.test.ts -u`.
 */
const contracts = new Map<string, ContractModel>();
beforeAll(async () => {
  for (const id of listBundledContractIds()) contracts.set(id, await loadContract(id));
});

const optionsFor = (contract: ContractModel, overrides: Partial<RunOptions> = {}): RunOptions => ({
  baseUrl: `http://127.0.0.1:4010/${contract.id}`, ...tokensFor(contract), pathParams: {}, allowDestructive: false, timeoutMs: 5000, seed: 1, only: [], ...overrides,
});

describe('the plan of each bundled contract', () => {
  it.each(listBundledContractIds())('%s', async (id) => {
    const contract = contracts.get(id)!;
    const plan = describePlan(contract, optionsFor(contract));
    // Every operation is the subject of some step, and every step's request goes to one of the contract's routes.
    expect(new Set(plan.steps.map((s) => s.subject))).toEqual(new Set(contract.operations.map((op) => op.id)));
    const routes = new Set(contract.operations.map((op) => `${op.method} ${op.path}`));
    for (const step of plan.steps) expect(routes, step.title).toContain(`${step.method} ${step.path}`);
    await expect(formatPlan(plan)).toMatchFileSnapshot(`./__snapshots__/plan-${id}.txt`);
  });
});

describe('describePlan', () => {
  it('describes a step as data: subject, title, method and path template, expected statuses, checks', () => {
    const game = contracts.get('game-sessions')!;
    const { steps } = describePlan(game, optionsFor(game));
    expect(steps[0]).toEqual({
      subject: 'createSession', title: 'create', method: 'POST', path: '/sessions', expected: '201',
      checks: ['read_back', 'generated_fields', 'transient_fields', 'version_increments'], creates: 'session:main',
    });
    expect(steps).toContainEqual(expect.objectContaining({ subject: 'updateSession', operation: 'getSession', title: 'read after replace', method: 'GET', path: '/sessions/{id}' }));
    expect(steps).toContainEqual(expect.objectContaining({ subject: 'getSession', title: 'no credentials', expected: '401 unauthenticated', checks: [] }));
    expect(steps).toContainEqual(expect.objectContaining({ subject: 'listSessions', expected: '200 or 400 invalid' }));
  });

  it('is deterministic for a seed, and follows the options', () => {
    const game = contracts.get('game-sessions')!;
    expect(describePlan(game, optionsFor(game))).toEqual(describePlan(game, optionsFor(game)));

    const truncate = (allowDestructive: boolean) => describePlan(game, optionsFor(game, { allowDestructive })).steps.filter((s) => s.subject === 'truncateSessions');
    expect(truncate(false)).toEqual([expect.objectContaining({ title: 'truncate', skip: 'destructive; pass --allow-destructive' })]);
    expect(truncate(true).map((s) => s.title)).toContain('list after truncate');
    expect(truncate(true).every((s) => s.skip === undefined)).toBe(true);

    // --only keeps the selected operation's steps; the creates they need stay, unreported.
    const only = describePlan(game, optionsFor(game, { only: ['joinSession'] })).steps;
    expect(new Set(only.filter((s) => !s.unreported).map((s) => s.subject))).toEqual(new Set(['joinSession']));
    expect(only).toContainEqual(expect.objectContaining({ subject: 'createSession', title: 'create', unreported: true }));
  });
});

describe('harness check --dry-run', () => {
  it('prints the plan of each contract and exits 0 without sending anything', async () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let text = '';
    stdout.on('data', (chunk: Buffer) => { text += chunk.toString('utf8'); });
    // Port 9 has no listener: a run would end in exit 2 ("could not be reached").
    const code = await runCheckCommand(['--contract', 'endgrate-sessions', '--contract', 'gigs-connect-sessions', '--base-url', 'http://127.0.0.1:9/{contract}', '--dry-run'], { stdout, stderr });
    expect(code).toBe(0);
    const endgrate = contracts.get('endgrate-sessions')!;
    const gigs = contracts.get('gigs-connect-sessions')!;
    // The CLI's own defaults (no tokens: generated ones) give the same plan as the library with those options.
    const expected = [endgrate, gigs].map((c) => formatPlan(describePlan(c, { ...optionsFor(c, { token: undefined, token2: undefined }), baseUrl: `http://127.0.0.1:9/${c.id}` }))).join('');
    expect(text.slice(0, expected.length)).toBe(expected);
    // Under the plans, once, what `(x-inferred)` on a step means (when a step has it).
    expect(expected).toContain('(x-inferred)');
    expect(text.slice(expected.length)).toBe(`${INFERRED_NOTE}\n`);
    expect(INFERRED_NOTE).toMatch(/^\(x-inferred\): the expected status is inferred .* a warning, not a failure\.$/);
    expect(text).toMatch(/^endgrate-sessions: \d+ steps against http:\/\/127\.0\.0\.1:9\/endgrate-sessions \(nothing sent\)\n/);
    expect(text).toContain('\ngigs-connect-sessions: ');
  });
});
