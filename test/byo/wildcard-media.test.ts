import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

/** Bodies documented only by a wildcard (`*\/*`, `application/*`, `text/*`) and a path that is not ASCII. */
const file = fileURLToPath(new URL('../data/openapi/wildcard-media.yaml', import.meta.url));

describe('wildcard-media.yaml: a wildcard is no Content-Type', () => {
  it('the own mock and the runner agree on a concrete type for each wildcard, and on the encoded path', async () => {
    const { results } = await checkAgainstOwnMock(file);
    expect(failuresOf(results)).toEqual([]);
    const passed = new Set(results.filter((r) => r.status === 'pass').map((r) => r.operationId));
    expect([...passed].sort()).toEqual(['echoAnything', 'greetOffice', 'storeDocument']);
  });
});
