import { beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadContract } from '../../src/contract/registry.ts';
import { checkServer, describeResults, type Run } from './support/check-server.ts';
import { startCustomersServer } from './support/customers-server.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';
import { startTrackerServer } from './support/tracker-server.ts';

/**
 * Two documents in different real-world styles (an older CRUD API in OpenAPI 3.0, a modern payments-style
 * API in 3.1), each with an implementation written from the document alone: `harness check` gives the
 * correct one no failure, and neither does it fail the mock of the same document. The seeded defects are
 * in independent-tracker.test.ts and independent-customers.test.ts (slow project).
 */
const doc = (name: string) => fileURLToPath(new URL(`../data/openapi/${name}`, import.meta.url));
const DOCUMENTS = [
  { file: 'tracker-3.0.yaml', start: () => startTrackerServer(), tokens: ['key_alice', 'key_bob'] as const },
  { file: 'customers-3.1.yaml', start: () => startCustomersServer(), tokens: ['tok_alice', 'tok_bob'] as const },
];

describe.each(DOCUMENTS)('$file: an independent correct implementation', ({ file, start, tokens }) => {
  let run: Run;
  beforeAll(async () => {
    run = await checkServer(await loadContract(doc(file)), await start(), tokens);
  });

  it('gets no failure, and every operation is exercised', () => {
    expect(describeResults(run.results.filter((r) => r.status === 'fail'))).toEqual([]);
    expect(run.summary.exitCode).toBe(0);
    expect(run.summary.coverage.operations.exercised).toBe(run.summary.coverage.operations.total);
  });

  it('warns only where the document is incomplete (a status HTTP prescribes) or a name-based reading does not hold', () => {
    for (const warning of run.results.filter((r) => r.status === 'warn')) {
      expect(`${warning.check}: ${warning.message}`).toMatch(/HTTP prescribes here|^status_expected: query parameter `(page|per_page)`=/);
    }
  });

  it('runs the checks these styles call for: partial updates, read-only fields sent, paging', () => {
    const checks = new Set(run.results.filter((r) => r.status === 'pass').map((r) => r.check));
    for (const check of ['read_back', 'read_only_ignored', 'list_limit']) expect(checks).toContain(check);
    expect(run.results.some((r) => r.title.startsWith('update of one field') && r.status === 'pass')).toBe(true);
  });
});

describe.each(DOCUMENTS.map((d) => d.file))('%s: the mock of the document', (file) => {
  it('gets no failure from harness check', async () => {
    const { summary, results } = await checkAgainstOwnMock(doc(file));
    expect(failuresOf(results)).toEqual([]);
    expect(summary.coverage.operations.exercised).toBe(summary.coverage.operations.total);
    // A replace sends what its body leaves out to the default, to null (required and nullable) or away.
    expect(results.filter((r) => r.check === 'replace_drops_omitted' && r.status !== 'pass' && r.status !== 'skip').map((r) => r.message)).toEqual([]);
    // A more-pages flag is the list's, not a value drawn from its schema.
    expect(results.filter((r) => r.check === 'list_has_more' && r.status !== 'pass').map((r) => r.message)).toEqual([]);
  });
});
