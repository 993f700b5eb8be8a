import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

/** A replace on the item path that answers an array of other things (the log entries the edit made), not the record. */
const DOCUMENT = fileURLToPath(new URL('../data/openapi/write-answers-array.yaml', import.meta.url));

describe('write-answers-array.yaml: an item write documented to answer an array', () => {
  it('is answered with its documented array, so harness check against the mock is clean', async () => {
    const { results } = await checkAgainstOwnMock(DOCUMENT);
    expect(failuresOf(results)).toEqual([]);
    expect(results.some((r) => r.operationId === 'editEntry' && r.check === 'response_schema' && r.status === 'pass')).toBe(true);
  });
});
