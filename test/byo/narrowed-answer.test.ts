import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

const DOCUMENT = fileURLToPath(new URL('../data/openapi/narrowed-answer.yaml', import.meta.url));

describe('an answer that narrows a record field by allOf (customer_id: null, processed later)', () => {
  it('is answered with the narrowed value, so harness check against the mock is clean', async () => {
    const { results } = await checkAgainstOwnMock(DOCUMENT);
    expect(failuresOf(results)).toEqual([]);
    expect(results.some((result) => result.operationId === 'createEvent' && result.check === 'response_schema' && result.status === 'pass')).toBe(true);
  });
});
