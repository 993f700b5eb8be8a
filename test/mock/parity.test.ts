import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundledContracts } from '../robustness/support/mock.ts';
import { comparable, edgeCases, expectParity, factsOf, randomRequests, startPair, type Pair } from './support/parity.ts';

// The node:http server and the msw handlers are two adapters of one engine: the same requests, sent to
// identically seeded mocks, get the same status, headers and body. The large replay is fuzz-parity.test.ts.
const contracts = await loadBundledContracts();
let pair: Pair;

beforeAll(async () => {
  pair = await startPair(contracts);
});
afterAll(() => pair.close());

describe.each(contracts.map((contract) => [contract.id, contract] as const))('both adapters of %s answer alike', (_id, contract) => {
  it('the hand-picked edge cases, in order, on one store', async () => {
    pair.reset();
    const cases = edgeCases(contract, factsOf(pair, contract));
    const statuses = new Set<number>();
    for (const request of cases) {
      expect(comparable(pair, request), request.label).toBe(true);
      statuses.add((await expectParity(pair, request)).status);
    }
    // The corpus reaches the situations it names (not one status for everything).
    for (const status of [200, 204, 403, 415]) expect(statuses, `${contract.id} answers ${status}`).toContain(status);
    expect([...statuses].some((status) => status === (contract.situations.tooLarge.status ?? 413)), `${contract.id} refuses a large body`).toBe(true);
  });

  it('random requests from the fuzz generators', async () => {
    const facts = factsOf(pair, contract);
    await fc.assert(
      fc.asyncProperty(fc.array(randomRequests(contract, facts), { minLength: 1, maxLength: 3 }), async (requests) => {
        pair.reset();
        for (const request of requests) if (comparable(pair, request)) await expectParity(pair, request);
      }),
      { seed: 0x9a7 + contracts.indexOf(contract), numRuns: 15 },
    );
  });
});
