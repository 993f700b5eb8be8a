import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

/** A record that requires a field it declares no property for: the mock still answers valid records. */
const file = fileURLToPath(new URL('../data/openapi/required-undeclared.yaml', import.meta.url));

describe('required-undeclared.yaml: `required` names a field without a property', () => {
  it('the records the mock creates carry the field, so its own check passes', async () => {
    const { results } = await checkAgainstOwnMock(file);
    expect(failuresOf(results)).toEqual([]);
    expect(results.some((r) => r.operationId === 'createWallet' && r.check === 'response_schema' && r.status === 'pass')).toBe(true);
  });
});
