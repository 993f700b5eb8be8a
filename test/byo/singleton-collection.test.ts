import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

/**
 * A path with a create and a read but no item path, whose read answers the record itself (with its key),
 * is a singleton: the array inside that record (its channels, with ids of their own) is no list of what the
 * create made (NetBird's EDR integrations failed 'every record the run created is listed' on their own mock).
 */
const DOCUMENT = fileURLToPath(new URL('../data/openapi/singleton-collection.yaml', import.meta.url));

describe('a read answering one record at a create path', () => {
  it('is no list of created records', async () => {
    const contract = await loadContractFile(DOCUMENT);
    expect(contract.operations.find((op) => op.id === 'getAlerting')?.behaviour.kind).not.toBe('list');
  });

  it('passes against its own mock', async () => {
    const { results } = await checkAgainstOwnMock(DOCUMENT);
    expect(failuresOf(results)).toEqual([]);
  });
});
