import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { comparable, expectParity, factsOf, randomRequests, startPair, type Pair } from '../mock/support/parity.ts';
import { loadBundledContracts } from './support/mock.ts';
import { propertyOptions } from './support/properties.ts';

/**
 * The large parity replay (test/mock/parity.test.ts is the quick one): sequences of fuzzed requests below
 * every bundled contract's mount, each sequence on freshly reset stores, through the node:http server and
 * the msw handlers; every answer must be the same in status, headers and body.
 */
const contracts = await loadBundledContracts();
let pair: Pair;

beforeAll(async () => {
  pair = await startPair(contracts);
});
afterAll(() => pair.close());

describe.each(contracts.map((contract) => [contract.id, contract] as const))('parity of the adapters for %s', (_id, contract) => {
  it('fuzzed request sequences get the same answers', async () => {
    const facts = factsOf(pair, contract);
    await fc.assert(
      fc.asyncProperty(fc.array(randomRequests(contract, facts), { minLength: 1, maxLength: 4 }), async (requests) => {
        pair.reset();
        for (const request of requests) if (comparable(pair, request)) await expectParity(pair, request);
      }),
      propertyOptions(0x9a71 + contracts.indexOf(contract), 250),
    );
  }, 600_000);
});
