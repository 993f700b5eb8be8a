import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadContractText } from '../../src/contract/load.ts';
import type { ContractModel } from '../../src/contract/model.ts';
import { listBundledContractIds, loadContract } from '../../src/contract/registry.ts';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';
import { check, describeFailures } from './support/run.ts';

/** The runner against the (correct) mock: it must pass everything, exercise every operation, and be safe. */
let mock: MockServer;
const contracts = new Map<string, ContractModel>();
const log: string[] = [];

beforeAll(async () => {
  for (const id of listBundledContractIds()) contracts.set(id, await loadContract(id));
  mock = await startMockServer({ contracts: [...contracts.values()], port: 0, log: (line) => log.push(line) });
});
afterAll(() => mock.close());
beforeEach(async () => {
  log.length = 0;
  await fetch(`${mock.url}/__harness/reset`, { method: 'POST', headers: { 'x-harness-control': '1' } });
});

async function storedKeys(id: string): Promise<Set<string>> {
  const state = (await (await fetch(`${mock.url}/__harness/state`)).json()) as Record<string, Record<string, Record<string, unknown>[]>>;
  const contract = contracts.get(id)!;
  const keys = new Set<string>();
  for (const [name, records] of Object.entries(state[id])) {
    const key = contract.resources.get(name)!.key;
    for (const record of records) keys.add(`${name}:${String(record[key])}`);
  }
  return keys;
}

describe('the runner against the mock', () => {
  it.each(listBundledContractIds())('%s: exit 0, no failures, every operation exercised', async (id) => {
    const contract = contracts.get(id)!;
    const before = await storedKeys(id);
    const { summary, results } = await check(contract, `${mock.url}/${id}`, { allowDestructive: false });
    expect(summary.exitCode, describeFailures(results)).toBe(0);
    expect(summary.counts.fail).toBe(0);
    const destructive = contract.operations.filter((op) => op.behaviour.destructive).map((op) => op.id);
    expect(summary.coverage.operations.missing).toEqual(destructive);
    expect(summary.coverage.statuses.exercised).toBeGreaterThan(summary.coverage.statuses.total / 2);

    // Cleanup: everything created is gone where the contract can delete; seeded records are untouched.
    const after = await storedKeys(id);
    for (const key of before) expect(after, `seeded ${key} kept`).toContain(key);
    const canDelete = contract.operations.some((op) => op.behaviour.kind === 'delete');
    const extra = [...after].filter((key) => !before.has(key));
    if (canDelete) expect(extra).toEqual([]);
    else expect(results.some((r) => r.check === 'cleanup' && r.status === 'skip' && r.message?.includes(`${extra.length} created by this run remain`))).toBe(true);
  });

  it('never sends a destructive operation without allowDestructive, and says so', async () => {
    const { results } = await check(contracts.get('game-sessions')!, `${mock.url}/game-sessions`);
    expect(log.filter((line) => /^DELETE \/game-sessions\/sessions /.test(line))).toEqual([]);
    expect(results).toContainEqual(expect.objectContaining({ operationId: 'truncateSessions', status: 'skip', message: 'destructive; pass --allow-destructive' }));
  });

  it('with allowDestructive, exercises every operation of game-sessions, truncate included', async () => {
    const { summary, results } = await check(contracts.get('game-sessions')!, `${mock.url}/game-sessions`, { allowDestructive: true });
    expect(summary.exitCode, describeFailures(results)).toBe(0);
    expect(summary.coverage.operations).toMatchObject({ exercised: 9, total: 9, missing: [] });
    expect(results).toContainEqual(expect.objectContaining({ check: 'truncate_empties', status: 'pass' }));
  });

  it('deletes only records the run created', async () => {
    const before = await storedKeys('make-sdk-connections');
    await check(contracts.get('make-sdk-connections')!, `${mock.url}/make-sdk-connections`);
    const deletes = log.filter((line) => line.startsWith('DELETE ') && / 200 /.test(line));
    expect(deletes.length).toBeGreaterThan(0);
    for (const line of deletes) {
      const name = decodeURIComponent(line.split(' ')[1].split('/').pop()!);
      expect(before.has(`appConnection:${name}`), `${line} deleted a seeded record`).toBe(false);
    }
  });

  it('without a second identity, reports the two-user checks as skipped', async () => {
    const { summary, results } = await check(contracts.get('game-sessions')!, `${mock.url}/game-sessions`, { token2: undefined });
    expect(summary.exitCode).toBe(0);
    const skipped = results.filter((r) => r.status === 'skip' && r.message === 'needs a second identity: pass --token-2');
    expect(skipped.map((r) => r.check)).toEqual(expect.arrayContaining(['visibility_isolation', 'owner_only_modify', 'owner_only_fields', 'membership_join']));
  });

  it('is reproducible: the same seed gives the same checks in the same order', async () => {
    const contract = contracts.get('gigs-connect-sessions')!;
    const first = await check(contract, `${mock.url}/gigs-connect-sessions`, { seed: 42 });
    await fetch(`${mock.url}/__harness/reset`, { method: 'POST', headers: { 'x-harness-control': '1' } });
    const second = await check(contract, `${mock.url}/gigs-connect-sessions`, { seed: 42 });
    const shape = (results: typeof first.results) => results.map((r) => `${r.id} ${r.status} ${r.title}`);
    expect(shape(second.results)).toEqual(shape(first.results));
    const requests = (results: typeof first.results) => results.flatMap((r) => (r.exchange ? [r.exchange.request.body] : []));
    expect(requests(second.results)).toEqual(requests(first.results));
  });

  it('--only: reports the selected operation, runs its prerequisites, covers only it', async () => {
    const { summary, results } = await check(contracts.get('game-sessions')!, `${mock.url}/game-sessions`, { only: ['joinSession'] });
    expect(summary.exitCode, describeFailures(results)).toBe(0);
    expect(new Set(results.filter((r) => r.operationId !== '(run)').map((r) => r.operationId))).toEqual(new Set(['joinSession']));
    expect(summary.coverage.operations).toMatchObject({ exercised: 1, total: 1 });
    expect(results.some((r) => r.check === 'membership_join' && r.status === 'pass')).toBe(true);
    expect(log.some((line) => line.startsWith('POST /game-sessions/sessions '))).toBe(true);
  });

  it('--only: a count is compared with the list it needs, which runs unreported', async () => {
    const { summary, results } = await check(contracts.get('game-sessions')!, `${mock.url}/game-sessions`, { only: ['countSessions'] });
    expect(summary.exitCode, describeFailures(results)).toBe(0);
    const compared = results.filter((r) => r.check === 'count_matches_list' && r.title.startsWith('count →'));
    expect(compared.map((r) => r.status)).toEqual(['pass']);
    expect(results.some((r) => r.operationId === 'listSessions')).toBe(false);
  });

  it('--only with a tag selects every operation of the tag, and only those', async () => {
    // Every bundled contract tags all its operations alike, so a tag that selects a subset needs a retagged copy.
    const SECTIONS = ['getConnectionCommon', 'setConnectionCommon', 'getConnectionSection', 'setConnectionSection'];
    const original = contracts.get('make-sdk-connections')!;
    let text = (await readFile(original.file, 'utf8')).replace('tags:\n  - name: Connections\n', 'tags:\n  - name: Connections\n  - name: Sections\n');
    for (const id of SECTIONS) text = text.replace(`operationId: ${id}\n      tags: [Connections]`, `operationId: ${id}\n      tags: [Sections]`);
    const retagged = loadContractText(original.file, text);
    expect(retagged.operations.filter((op) => op.tag === 'Sections').map((op) => op.id)).toEqual(SECTIONS);
    const sections = await startMockServer({ contracts: [retagged], port: 0 });
    try {
      const { summary, results } = await check(retagged, `${sections.url}/make-sdk-connections`, { only: ['Sections'] });
      expect(summary.exitCode, describeFailures(results)).toBe(0);
      expect(summary.coverage.operations).toMatchObject({ exercised: SECTIONS.length, total: SECTIONS.length, missing: [] });
      expect(new Set(results.filter((r) => r.operationId !== '(run)').map((r) => r.operationId))).toEqual(new Set(SECTIONS));
      // The create the sections need still ran, unreported; operations outside the tag are not in the report.
      expect(results.some((r) => r.operationId === 'createAppConnection' || r.operationId === 'listAppConnections')).toBe(false);
    } finally {
      await sections.close();
    }
  });

  it('uses --path-param values for scopes', async () => {
    await check(contracts.get('gigs-connect-sessions')!, `${mock.url}/gigs-connect-sessions`, { pathParams: { project: 'acme' } });
    expect(log.some((line) => line.startsWith('POST /gigs-connect-sessions/projects/acme/connectSessions '))).toBe(true);
  });

  it('warns when it falls back to a generated token', async () => {
    const { summary, results } = await check(contracts.get('endgrate-sessions')!, `${mock.url}/endgrate-sessions`, { token: undefined, token2: undefined });
    expect(summary.exitCode).toBe(0);
    expect(results[0]).toMatchObject({ check: 'credentials', status: 'warn' });
  });
});
