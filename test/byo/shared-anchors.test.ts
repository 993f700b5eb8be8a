import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

/** A document that shares its responses and parameters through YAML anchors: a few hundred aliases, no bomb. */
const DOCUMENT = fileURLToPath(new URL('../data/openapi/shared-anchors.yaml', import.meta.url));

describe('shared-anchors.yaml: anchors shared by every operation', () => {
  it('loads (the parser backstop no longer refuses a hundred-odd aliases) and passes against its own mock', async () => {
    const { contract, results } = await checkAgainstOwnMock(DOCUMENT);
    expect(contract.operations).toHaveLength(40);
    expect(failuresOf(results)).toEqual([]);
  });
});
