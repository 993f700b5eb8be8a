import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import type { ContractModel } from '../../src/contract/model.ts';
import { startMutatedServer, type MutatedServer } from './support/mutation-proxy.ts';
import { check, describeFailures } from './support/run.ts';

/**
 * A document that gives its client errors only as a `4XX` range: which status an invalid body gets is a
 * reading, but that the body is refused is the document's word (its schema and its 4XX). A server that
 * accepts it fails the run; the correct one passes.
 */
const FILE = fileURLToPath(new URL('../data/openapi/articles.yaml', import.meta.url));
let contract: ContractModel;
let server: MutatedServer | undefined;

beforeAll(async () => { contract = await loadContractFile(FILE); });
afterEach(async () => { await server?.close(); server = undefined; });

describe('an invalid body accepted where the document gives only a 4XX range', () => {
  it('the correct server passes', async () => {
    server = await startMutatedServer(contract);
    const run = await check(contract, server.url);
    expect(describeFailures(run.results)).toBe('(no failures)');
    expect(run.summary.exitCode).toBe(0);
  });

  it('a server accepting invalid bodies fails, naming the invalid body', async () => {
    server = await startMutatedServer(contract, 'validationNotEnforced');
    const run = await check(contract, server.url);
    expect(server.hits()).toBeGreaterThan(0);
    expect(run.summary.exitCode).toBe(1);
    expect(run.failures.filter((f) => f.check === 'status_expected').map((f) => f.message).join('\n')).toMatch(/invalid body: .*expected 400 \(invalid\) or a documented 4xx, got 201/);
  });
});
