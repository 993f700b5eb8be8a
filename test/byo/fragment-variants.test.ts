import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { startMockServer } from '../../src/mock/server.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

/**
 * Path keys that document one endpoint twice, told apart by a fragment (`/boards` and `/boards#pinned`: Box
 * documents its shared links and classifications so). A client never sends the fragment: both operations
 * are one method and path on the wire. The mock answers the variant the request fits; the runner judges an
 * answer against every variant of the endpoint, since a correct server cannot know which one was meant.
 */
const DOCUMENT = fileURLToPath(new URL('../data/openapi/fragment-variants.yaml', import.meta.url));

describe('operations whose path keys differ by a fragment', () => {
  let server: Awaited<ReturnType<typeof startMockServer>>;
  beforeAll(async () => {
    server = await startMockServer({ contracts: [await loadContractFile(DOCUMENT)], port: 0, atRoot: true });
  });
  afterAll(() => server.close());

  const post = (body: unknown) => fetch(`${server.mounts[0].url}/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('are served at the path without the fragment, as the variant whose request the body fits', async () => {
    const plain = await post({ title: 'Roadmap' });
    expect(plain.status).toBe(201);
    expect(await plain.json()).toMatchObject({ type: 'board', title: 'Roadmap' });
    const pinned = await post({ title: 'Roadmap', pin: 'top' });
    expect(pinned.status).toBe(200);
    expect(await pinned.json()).toMatchObject({ type: 'pinned_board' });
    expect((await post({ pin: 'top' })).status).toBe(400);
  });

  it('pass the runner against their own mock', async () => {
    const { results } = await checkAgainstOwnMock(DOCUMENT);
    expect(failuresOf(results)).toEqual([]);
    const variantChecks = results.filter((r) => r.operationId === 'createPinnedBoard' || r.operationId === 'getBoardCover');
    expect(variantChecks.filter((r) => r.status === 'pass').length).toBeGreaterThan(0);
  });
});
