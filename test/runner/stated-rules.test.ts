import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import type { ContractModel } from '../../src/contract/model.ts';
import { startMutatedServer, type MutatedServer } from './support/mutation-proxy.ts';
import { check, describeFailures } from './support/run.ts';

/**
 * Rules a document without x-harness states in its own words, so breaking them fails the run (a warning is
 * for readings of names alone): the mock of articles.yaml is the correct server, the mutation proxy breaks it.
 * - An invalid body where the document gives its client errors only as a `4XX` range: which status it gets
 *   is a reading, that it is refused is the document's word (its schema and its 4XX).
 * - A list limit whose description says it caps the page (`The most articles to return.`).
 */
const FILE = fileURLToPath(new URL('../data/openapi/articles.yaml', import.meta.url));
let contract: ContractModel;
let server: MutatedServer | undefined;

beforeAll(async () => { contract = await loadContractFile(FILE); });
afterEach(async () => { await server?.close(); server = undefined; });

it('the correct server passes', async () => {
  server = await startMutatedServer(contract);
  const run = await check(contract, server.url);
  expect(describeFailures(run.results)).toBe('(no failures)');
  expect(run.summary.exitCode).toBe(0);
});

describe('an invalid body accepted where the document gives only a 4XX range', () => {
  it('a server accepting invalid bodies fails, naming the invalid body', async () => {
    server = await startMutatedServer(contract, 'validationNotEnforced');
    const run = await check(contract, server.url);
    expect(server.hits()).toBeGreaterThan(0);
    expect(run.summary.exitCode).toBe(1);
    expect(run.failures.filter((f) => f.check === 'status_expected').map((f) => f.message).join('\n')).toMatch(/invalid body: .*expected 400 \(invalid\) or a documented 4xx, got 201/);
  });
});

describe('a list ignoring a limit its description states', () => {
  it('fails, naming the limit', async () => {
    server = await startMutatedServer(contract, 'limitIgnored');
    const run = await check(contract, server.url);
    expect(run.summary.exitCode).toBe(1);
    expect(run.failures.filter((f) => f.check === 'list_limit').map((f) => f.message)).toEqual([expect.stringMatching(/^limit=1 returned \d+ items\.$/)]);
  });
});
