import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import type { ContractModel } from '../../src/contract/model.ts';
import { startMutatedServer, type MutatedServer } from './support/mutation-proxy.ts';
import { check, describeFailures } from './support/run.ts';

/**
 * The runner's conditional-request checks on etag-notes.yaml (ETag documented, If-Match with 412 on update,
 * replace and delete, 304 on the read): the mock is the correct server, the mutation proxy's
 * `preconditionIgnored` (If-Match and If-None-Match dropped) a broken one.
 */
const FILE = fileURLToPath(new URL('../data/openapi/etag-notes.yaml', import.meta.url));
let contract: ContractModel;
let server: MutatedServer | undefined;

beforeAll(async () => { contract = await loadContractFile(FILE); });
afterEach(async () => { await server?.close(); server = undefined; });

const passed = (run: Awaited<ReturnType<typeof check>>, name: string) => run.results.filter((r) => r.check === name && r.status === 'pass').length;

it('the correct server passes every conditional check', async () => {
  server = await startMutatedServer(contract);
  const run = await check(contract, server.url);
  expect(describeFailures(run.results)).toBe('(no failures)');
  expect(run.summary.exitCode).toBe(0);
  // The update and the delete refuse a stale tag; the read answers 304; the record read back after each refusal.
  expect(run.results.filter((r) => r.check === 'if_match_stale_refused' && r.status === 'pass').map((r) => r.operationId).sort()).toEqual(['deleteNote', 'updateNote']);
  expect(passed(run, 'if_match_unchanged')).toBe(2);
  expect(passed(run, 'if_none_match_not_modified')).toBe(1);
  expect(run.results.filter((r) => r.check === 'if_match_required' && r.status === 'pass').map((r) => r.operationId)).toEqual(['replaceNote']);
});

describe('a server ignoring If-Match and If-None-Match', () => {
  it('fails: the stale write is applied, the record changed, the read answers 200, If-Match is not required', async () => {
    server = await startMutatedServer(contract, 'preconditionIgnored');
    const run = await check(contract, server.url);
    expect(server.hits()).toBeGreaterThan(0);
    expect(run.summary.exitCode).toBe(1);
    const failed = (name: string) => run.failures.filter((f) => f.check === name).map((f) => f.message);
    expect(failed('if_match_stale_refused')).toEqual([
      expect.stringMatching(/^A write with the stale If-Match "[^"]+" was accepted \(status 200\): the precondition is not evaluated\.$/),
      expect.stringMatching(/^A write with the stale If-Match "[^"]+" was accepted \(status 204\)/),
    ]);
    expect(failed('if_match_unchanged')).toEqual([expect.stringMatching(/^The ETag changed from "\S+" to "\S+" after a write refused for its stale If-Match/)]);
    expect(failed('if_none_match_not_modified')).toEqual([expect.stringMatching(/^A read with If-None-Match "\S+", the current ETag, answered 200, not 304 Not Modified\.$/)]);
    expect(failed('if_match_required')).toEqual(['A write without the required If-Match was accepted (status 200).']);
  });
});
