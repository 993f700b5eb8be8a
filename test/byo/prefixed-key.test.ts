import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { startMockServer } from '../../src/mock/server.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

const DOCUMENT = fileURLToPath(new URL('../data/openapi/prefixed-key.yaml', import.meta.url));

describe('a create whose key the record shows in another form (acme written, custom:acme stored)', () => {
  let server: Awaited<ReturnType<typeof startMockServer>>;
  beforeAll(async () => {
    server = await startMockServer({ contracts: [await loadContractFile(DOCUMENT)], port: 0, atRoot: true });
  });
  afterAll(() => server.close());

  it('stores each create under a key of its own that fits the record, readable at its item path', async () => {
    const url = server.mounts[0].url;
    const post = (identifier: string) => fetch(`${url}/providers`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier, name: identifier }) });
    const answers = [await post('one'), await post('two'), await post('three')];
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201]);
    const providers = await Promise.all(answers.map((answer) => answer.json() as Promise<{ identifier: string; name: string }>));
    for (const provider of providers) expect(provider.identifier).toMatch(/^custom:[a-z0-9-]+$/);
    expect(new Set(providers.map((provider) => provider.identifier)).size).toBe(3);
    const read = await fetch(`${url}/providers/${providers[1].identifier}`);
    expect(await read.json()).toEqual(providers[1]);
  });

  it('is clean against harness check', async () => {
    const { results } = await checkAgainstOwnMock(DOCUMENT);
    expect(failuresOf(results)).toEqual([]);
  });
});
