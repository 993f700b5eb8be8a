import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

/** A POST on the collection path that answers a list of records (`{result: [Point]}`): a lookup by body, not a create. */
const DOCUMENT = fileURLToPath(new URL('../data/openapi/lookup-by-body.yaml', import.meta.url));

describe('lookup-by-body.yaml: a POST on the collection that answers a list', () => {
  it('is no create: it is served as documented, and harness check against the mock is clean', async () => {
    const { contract, results } = await checkAgainstOwnMock(DOCUMENT);
    expect(contract.operations.find((op) => op.id === 'lookupPoints')?.behaviour.kind).not.toBe('create');
    expect(failuresOf(results)).toEqual([]);
    expect(results.some((r) => r.operationId === 'lookupPoints' && r.check === 'response_schema' && r.status === 'pass')).toBe(true);
  });
});
