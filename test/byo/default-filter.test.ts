import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

/** A list filter with a default (`?kind=` left out lists the standard tokens): records the run creates must pass it. */
const DOCUMENT = fileURLToPath(new URL('../data/openapi/default-filter.yaml', import.meta.url));

describe('default-filter.yaml: a list whose filter has a default', () => {
  it('the run creates its tokens of the default kind, so the list read without the filter holds them', async () => {
    const { results } = await checkAgainstOwnMock(DOCUMENT);
    expect(failuresOf(results)).toEqual([]);
    expect(results.some((r) => r.operationId === 'listTokens' && r.check === 'list_includes_created' && r.status === 'pass')).toBe(true);
  });
});
