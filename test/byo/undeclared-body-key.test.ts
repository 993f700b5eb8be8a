import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

const DOCUMENT = fileURLToPath(new URL('../data/openapi/undeclared-body-key.yaml', import.meta.url));

describe('a replace body that requires the key without declaring it (required: [id] alone)', () => {
  it('is sent with the record\'s own key, so a correct server (the mock) answers the replace', async () => {
    const { results } = await checkAgainstOwnMock(DOCUMENT);
    expect(failuresOf(results)).toEqual([]);
    expect(results.some((result) => result.operationId === 'replaceRoute' && result.status === 'pass' && result.check === 'status_expected')).toBe(true);
  });
});
