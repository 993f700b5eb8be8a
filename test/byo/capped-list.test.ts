import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

const DOCUMENT = fileURLToPath(new URL('../data/openapi/capped-list.yaml', import.meta.url));

describe('a list whose answer documents maxItems (an account\'s one allow list)', () => {
  it('is full at that many items: a created record beyond it is not demanded, so a correct server passes', async () => {
    const { results } = await checkAgainstOwnMock(DOCUMENT);
    expect(failuresOf(results)).toEqual([]);
    expect(results.some((result) => result.check === 'list_includes_created' && result.status === 'skip' && /page is full/.test(result.message ?? ''))).toBe(true);
  });
});
