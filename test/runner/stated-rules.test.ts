import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import type { ContractModel } from '../../src/contract/model.ts';
import { required_headers } from '../../src/runner/checks/content.ts';
import { contextFor, exchangeOf } from './support/context.ts';
import { startMutatedServer, type MutatedServer } from './support/mutation-proxy.ts';
import { check, describeFailures } from './support/run.ts';

/**
 * Rules a document without x-harness states in its own words, so breaking them fails the run (a warning is
 * for readings of names alone): the mock of articles.yaml is the correct server, the mutation proxy breaks it.
 * - An invalid body where the document gives its client errors only as a `4XX` range: which status it gets
 *   is a reading, that it is refused is the document's word (its schema and its 4XX), also for an operation
 *   whose behaviour is a reading (an action).
 * - A list limit whose description says it caps the page (`The most articles to return.`).
 * - An optional response header the server sends: its documented schema holds as for a required one.
 * - A list filter whose description says it filters (`Only articles in this state.`); one known by its name
 *   alone (tracker-3.0.yaml's `status`) is a warning.
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
    // Also on an action whose behaviour is a reading (served statelessly): the body's schema is still the document's.
    expect(run.failures.filter((f) => f.operationId === 'publishArticle' && f.check === 'status_expected').map((f) => f.message).join('\n')).toMatch(/invalid body: .*got 200/);
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

describe('an optional documented response header with a value its schema rejects', () => {
  it('fails; a valid or absent one passes', () => {
    const context = contextFor(contract, 'listArticles');
    const answer = (headers: Record<string, string>) => required_headers(exchangeOf(200, [], { 'content-type': 'application/json', ...headers }), context);
    expect(answer({ 'x-total-count': 'many' })).toEqual([expect.objectContaining({ message: 'Header x-total-count does not match its schema.', actual: 'many' })]);
    expect(answer({ 'x-total-count': '3' })).toEqual([]);
    expect(answer({})).toBeNull();
  });

  it('a server sending invalid documented headers fails the run', async () => {
    server = await startMutatedServer(contract, 'headerInvalid');
    const run = await check(contract, server.url);
    expect(run.summary.exitCode).toBe(1);
    expect(run.failures.some((f) => f.check === 'required_headers' && /^Header etag does not match its schema\.$/.test(f.message ?? ''))).toBe(true);
  });
});

describe('a list ignoring a filter', () => {
  it('fails where the description says it filters, naming the item that does not match', async () => {
    server = await startMutatedServer(contract, 'filterIgnored');
    const run = await check(contract, server.url);
    expect(run.summary.exitCode).toBe(1);
    expect(run.failures.filter((f) => f.check === 'list_filtered').map((f) => f.message))
      .toEqual([expect.stringMatching(/^The list filtered by state=(draft|published|archived) holds an item whose state is "\w+": the filter is not applied\.$/)]);
  });

  it('warns where the filter is known by its name alone; the correct server passes the filtered list', async () => {
    const tracker = await loadContractFile(fileURLToPath(new URL('../data/openapi/tracker-3.0.yaml', import.meta.url)));
    server = await startMutatedServer(tracker, 'filterIgnored');
    const broken = await check(tracker, server.url);
    await server.close();
    expect(broken.results.filter((r) => r.check === 'list_filtered').map((r) => r.status)).toEqual(['warn']);
    server = await startMutatedServer(tracker);
    const correct = await check(tracker, server.url);
    expect(correct.results.filter((r) => r.check === 'list_filtered').map((r) => r.status)).toEqual(['pass']);
  });
});

describe('a list parameter sharing its name with a record field of another meaning', () => {
  it('is not used as a filter when the record\'s value is not one it takes: the correct server passes', async () => {
    const ledgers = await loadContractFile(fileURLToPath(new URL('../data/openapi/filter-names.yaml', import.meta.url)));
    server = await startMutatedServer(ledgers);
    const run = await check(ledgers, server.url);
    expect(describeFailures(run.results)).toBe('(no failures)');
    expect(run.results.filter((r) => r.check === 'list_filtered').map((r) => `${r.status} ${r.message}`))
      .toEqual(["skip the record's `type` (ledgers) is not a value the parameter takes"]);
  });
});
