import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

const DOCUMENT = fileURLToPath(new URL('../data/openapi/form-required-list.yaml', import.meta.url));

describe('a form-only create whose required list has no minItems', () => {
  it('is never sent the list empty (a form writes nothing for it, so the server reads it missing)', async () => {
    for (const seed of [1, 2, 3]) {
      const { results } = await checkAgainstOwnMock(DOCUMENT, { seed });
      expect(failuresOf(results)).toEqual([]);
    }
  });
});
