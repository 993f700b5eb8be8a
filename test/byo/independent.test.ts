import { beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadContract } from '../../src/contract/registry.ts';
import type { ContractModel } from '../../src/contract/model.ts';
import { runConformance } from '../../src/runner/engine.ts';
import type { CheckResult, RunSummary } from '../../src/runner/events.ts';
import { DEFECTS, type Defect } from './support/notebook-defects.ts';
import { startNotebookServer } from './support/notebook-server.ts';

/**
 * `harness check` against an implementation of the notebook document that was written from the document
 * alone (not the mock): correct, it must get no failure; with one seeded defect, the run must report
 * something the correct run does not. Defects that only break a naming convention (paging parameters,
 * `total`, `createdAt`) are warnings.
 */
const DOCUMENT = fileURLToPath(new URL('../data/openapi/notebook-3.1.yaml', import.meta.url));

interface Run {
  readonly summary: RunSummary;
  readonly results: CheckResult[];
}

let contract: ContractModel;
let correct: Run;

async function checkServer(defect?: Defect): Promise<Run> {
  const server = await startNotebookServer(defect);
  const results: CheckResult[] = [];
  try {
    const summary = await runConformance(contract, {
      baseUrl: server.url, token: 'tok_alice', token2: 'tok_bob', pathParams: {}, allowDestructive: false, timeoutMs: 5000, seed: 1, only: [],
    }, (event) => { if (event.type === 'check') results.push(event.result); });
    return { summary, results };
  } finally {
    await server.close();
  }
}

const key = (result: CheckResult) => `${result.status} ${result.operationId} ${result.check} ${result.title}`;
const describeAll = (results: readonly CheckResult[]) => results.map((r) => `${key(r)}: ${r.message}`);

beforeAll(async () => {
  contract = await loadContract(DOCUMENT);
  correct = await checkServer();
});

describe('harness check against an independent implementation of notebook-3.1.yaml', () => {
  it('a correct implementation gets no failure, and every operation is exercised', () => {
    expect(describeAll(correct.results.filter((r) => r.status === 'fail'))).toEqual([]);
    expect(correct.summary.exitCode).toBe(0);
    expect(correct.summary.coverage.operations.exercised).toBe(correct.summary.coverage.operations.total);
  });

  it('warns (never fails) where the document is incomplete or the credentials for a scheme are not known', () => {
    const warnings = correct.results.filter((r) => r.status === 'warn');
    expect(warnings.length).toBeGreaterThan(0);
    for (const warning of warnings) expect(warning.message).toMatch(/HTTP prescribes here|the token given is for bearer/);
  });

  interface DefectCase {
    readonly defect: Defect;
    readonly reported: 'fail' | 'warn';
    readonly check: string;
  }
  const cases: DefectCase[] = [
    { defect: 'createNotPersisted', reported: 'fail', check: 'status_expected' },
    { defect: 'deleteKeeps', reported: 'fail', check: 'deleted_is_gone' },
    { defect: 'patchIgnoresColor', reported: 'fail', check: 'read_back' },
    { defect: 'patchNotPersisted', reported: 'fail', check: 'read_back' },
    { defect: 'createAnswers200', reported: 'fail', check: 'status_documented' },
    { defect: 'missingCreatedAt', reported: 'fail', check: 'response_schema' },
    { defect: 'idAsString', reported: 'fail', check: 'response_schema' },
    { defect: 'acceptsInvalidBody', reported: 'fail', check: 'status_expected' },
    { defect: 'noAuth', reported: 'fail', check: 'status_expected' },
    { defect: 'textContentType', reported: 'fail', check: 'content_type' },
    { defect: 'secretReturned', reported: 'fail', check: 'transient_fields' },
    { defect: 'readFails', reported: 'fail', check: 'status_expected' },
    { defect: 'notesNotScoped', reported: 'fail', check: 'scope_isolation' },
    { defect: 'listHidesNew', reported: 'fail', check: 'list_includes_created' },
    { defect: 'notePinnedIgnored', reported: 'fail', check: 'read_back' },
    { defect: 'pagingIgnored', reported: 'warn', check: 'list_limit' },
    { defect: 'totalWrong', reported: 'warn', check: 'count_matches_list' },
    { defect: 'createdAtMoves', reported: 'warn', check: 'generated_fields' },
  ];

  it('covers every seeded defect', () => {
    expect(cases.map((c) => c.defect).sort()).toEqual(Object.keys(DEFECTS).sort());
  });

  it.each(cases)('$defect: reported as $reported by $check', async ({ defect, reported, check }) => {
    const baseline = new Set(correct.results.map(key));
    const { results } = await checkServer(defect);
    const found = results.filter((r) => r.status === reported && r.check === check && !baseline.has(key(r)));
    expect(found.length, `${DEFECTS[defect]}; got:\n${describeAll(results.filter((r) => r.status === 'fail' || r.status === 'warn')).join('\n')}`).toBeGreaterThan(0);
  });
});
