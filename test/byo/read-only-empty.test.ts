import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

const DOCUMENT = fileURLToPath(new URL('../data/openapi/read-only-empty.yaml', import.meta.url));

describe('read-only fields a fresh record holds empty (no followers yet)', () => {
  it('are never sent empty to test that a create ignores them: a server holding [] anyway is not storing the client\'s value', async () => {
    const { results } = await checkAgainstOwnMock(DOCUMENT);
    expect(failuresOf(results)).toEqual([]);
    const titles = results.filter((result) => result.check === 'read_only_ignored').map((result) => result.title);
    expect(titles.length).toBeGreaterThan(0);
    // `watchers` can be sent a list of the client's own; `followers` (at most zero items) cannot: it is not sent.
    for (const title of titles) expect(title).toMatch(/^create sending its read-only (?!.*followers).*`watchers`/);
  });
});
