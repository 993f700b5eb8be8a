import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { startMockServer } from '../../src/mock/server.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

const DOCUMENT = fileURLToPath(new URL('../data/openapi/optional-key.yaml', import.meta.url));

describe('a create whose body may carry the key but leaves it out', () => {
  let server: Awaited<ReturnType<typeof startMockServer>>;
  beforeAll(async () => {
    server = await startMockServer({ contracts: [await loadContractFile(DOCUMENT)], port: 0, atRoot: true });
  });
  afterAll(() => server.close());

  it('gets a key made up by the mock, readable at its item path, and another one the next time', async () => {
    const url = server.mounts[0].url;
    const post = () => fetch(`${url}/dogs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Rex' }) });
    const first = await post();
    expect(first.status).toBe(200);
    const dog = await first.json() as { id: unknown; name: string };
    expect(Number.isSafeInteger(dog.id)).toBe(true);
    const read = await fetch(`${url}/dogs/${String(dog.id)}`);
    expect(await read.json()).toEqual(dog);
    const second = await (await post()).json() as { id: unknown };
    expect(second.id).not.toBe(dog.id);
  });

  it('keeps a key the client chose', async () => {
    const answer = await fetch(`${server.mounts[0].url}/dogs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 424242, name: 'Ada' }) });
    expect((await answer.json() as { id: unknown }).id).toBe(424242);
  });

  it('is clean against harness check', async () => {
    const { results } = await checkAgainstOwnMock(DOCUMENT);
    expect(failuresOf(results)).toEqual([]);
  });
});
