import { beforeAll, describe, expect, it } from 'vitest';
import type { ContractModel } from '../../src/contract/model.ts';
import { listBundledContractIds, loadContract } from '../../src/contract/registry.ts';
import { describePlan, type StepDescription } from '../../src/runner/describe-plan.ts';
import { assertSlotsWritten, keep, RunMemory, slot, UndeclaredSlotError } from '../../src/runner/memory.ts';
import { toStep } from '../../src/runner/steps.ts';
import { createRunState } from '../../src/runner/transport.ts';
import type { RunOptions } from '../../src/runner/types.ts';
import { exchangeOf, operationOf } from './support/context.ts';

// The state steps share is named in the plan: each step says what it creates, addresses, reads and writes.
const contracts = new Map<string, ContractModel>();
const NOTEBOOK = 'test/data/openapi/notebook-3.1.yaml';
beforeAll(async () => {
  for (const id of [...listBundledContractIds(), NOTEBOOK]) contracts.set(id, await loadContract(id));
});

const options: RunOptions = { baseUrl: 'http://target.test', token: 'tok-1', token2: 'tok-2', pathParams: {}, allowDestructive: true, timeoutMs: 1000, seed: 1, only: [] };

describe('RunMemory', () => {
  const items = slot<string[]>('listThings.items');

  it('gives a step the slots it declares, and refuses the others', () => {
    const memory = RunMemory.create();
    memory.keep(items, ['a']);
    expect(memory.scopedTo([items]).recall(items)).toEqual(['a']);
    expect(() => memory.scopedTo([]).recall(items)).toThrow(UndeclaredSlotError);
    expect(() => memory.scopedTo([items]).keep(items, ['b'])).toThrow(/only through its `writes`/);
  });

  it('forgets a slot kept as undefined (a later step then sees nothing usable)', () => {
    const memory = RunMemory.create();
    memory.keep(items, ['a']);
    memory.keep(items, undefined);
    expect(memory.scopedTo([items]).recall(items)).toBeUndefined();
  });
});

describe('a step and the slots it declares', () => {
  it('keeps what its `writes` take from the exchange, for a later step that reads the slot', () => {
    const contract = contracts.get('game-sessions')!;
    const state = createRunState(contract, options);
    const total = slot<number>('countSessions.count');
    const count = operationOf(contract, 'countSessions');
    const writer = toStep({ operation: count, title: 'count', writes: [keep(total, (exchange) => (exchange.response?.body as { count: number }).count)] });
    const reader = toStep({ operation: count, title: 'count again', reads: [total], facts: (s) => ({ expectedCount: s.memory.recall(total) }) });
    const prepared = writer.prepare(state);
    if ('skip' in prepared) throw new Error(prepared.skip);
    writer.settle!(state, exchangeOf(200, { count: 4 }), prepared.facts);
    expect(reader.prepare(state)).toMatchObject({ facts: { expectedCount: 4 } });
    expect(reader.dataflow).toEqual({ reads: ['countSessions.count'], writes: [] });
    expect(writer.dataflow).toEqual({ reads: [], writes: ['countSessions.count'] });
  });

  it('cannot read a slot it does not declare: a planner bug, never a silent undefined', () => {
    const contract = contracts.get('game-sessions')!;
    const state = createRunState(contract, options);
    const hidden = slot<number>('countSessions.count');
    const step = toStep({ operation: operationOf(contract, 'countSessions'), title: 'count', facts: (s) => ({ expectedCount: s.memory.recall(hidden) }) });
    expect(() => step.prepare(state)).toThrow(UndeclaredSlotError);
  });

  it('a plan in which a step reads what no earlier step writes is refused before anything is sent', () => {
    const contract = contracts.get('game-sessions')!;
    const total = slot<number>('countSessions.count');
    const count = operationOf(contract, 'countSessions');
    const writer = toStep({ operation: count, title: 'count', writes: [keep(total, () => 1)] });
    const reader = toStep({ operation: count, title: 'count with limit=1', reads: [total] });
    expect(() => assertSlotsWritten([writer, reader])).not.toThrow();
    expect(() => assertSlotsWritten([reader, writer])).toThrow('countSessions "count with limit=1" reads countSessions.count, which no earlier step writes.');
  });
});

/** Every slot a step reads is written by an earlier step, and every record it addresses is created by an earlier one. */
function danglingUses(steps: readonly StepDescription[]): string[] {
  const written = new Set<string>();
  const created = new Set<string>();
  const dangling: string[] = [];
  for (const step of steps) {
    for (const name of step.reads ?? []) if (!written.has(name)) dangling.push(`"${step.title}" reads ${name}`);
    if (step.record !== undefined && !created.has(step.record)) dangling.push(`"${step.title}" is on ${step.record}`);
    for (const name of step.writes ?? []) written.add(name);
    if (step.creates !== undefined) created.add(step.creates);
  }
  return dangling;
}

describe('the dataflow of each plan', () => {
  it.each([...listBundledContractIds(), NOTEBOOK])('%s: what a step uses, an earlier step produced', (id) => {
    const { steps } = describePlan(contracts.get(id)!, options);
    expect(danglingUses(steps)).toEqual([]);
    // The slots are unique per plan: one writer each (the counts of several lists aside, none here).
    const writers = steps.flatMap((s) => s.writes ?? []);
    expect(new Set(writers).size).toBe(writers.length);
  });

  it('names the parent a nested resource lives under, and the other parent scope isolation asks under', () => {
    const { steps } = describePlan(contracts.get(NOTEBOOK)!, options);
    expect(steps).toContainEqual(expect.objectContaining({ title: 'create the parent of a note', creates: 'notebook:the parent of note (notebookId)', writes: ['{notebookId}'] }));
    expect(steps).toContainEqual(expect.objectContaining({ title: 'create another parent of a note', writes: ['another {notebookId}'] }));
    expect(steps).toContainEqual(expect.objectContaining({ title: 'read under another notebookId', record: 'note:main', reads: ['another {notebookId}'] }));
  });

  it('shows which list a count compares with, and which page a skip compares with', () => {
    const { steps } = describePlan(contracts.get('game-sessions')!, options);
    const find = (title: string) => steps.find((s) => s.title === title);
    expect(find('list with limit=1000')).toMatchObject({ record: 'session:main', writes: ['listSessions.items'] });
    expect(find('count')).toMatchObject({ reads: ['listSessions.items'], writes: ['countSessions.count'] });
    expect(find('count with limit=1')).toMatchObject({ reads: ['countSessions.count'] });
    expect(find('list with skip=1 (limit=1)')).toMatchObject({ reads: ['listSessions.first page'] });
    expect(find('read after delete')).toMatchObject({ record: 'session:main' });
  });
});

describe('--only and the dataflow', () => {
  it('runs, unreported, the steps that write what a selected step reads: a count still has its list to compare with', () => {
    const game = contracts.get('game-sessions')!;
    const { steps } = describePlan(game, { ...options, only: ['countSessions'] });
    expect(danglingUses(steps)).toEqual([]);
    expect(steps).toContainEqual(expect.objectContaining({ subject: 'listSessions', title: 'list with limit=1000', unreported: true }));
    expect(steps.filter((s) => !s.unreported).every((s) => s.subject === 'countSessions')).toBe(true);
    // Nothing else of the list's: its own checks stay out.
    expect(steps.filter((s) => s.subject === 'listSessions')).toHaveLength(1);
  });

  it('leaves a plan whose selected steps need nothing more as it was', () => {
    const gigs = contracts.get('gigs-connect-sessions')!;
    const { steps } = describePlan(gigs, { ...options, only: ['retrieveConnectSession'] });
    expect(danglingUses(steps)).toEqual([]);
    expect(steps.filter((s) => s.unreported).map((s) => s.title)).toEqual(['create']);
  });
});
