import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

/** OPTIONS, HEAD and TRACE operations: fetch sends the first two and refuses TRACE outright. */
const file = fileURLToPath(new URL('../data/openapi/unsendable-methods.yaml', import.meta.url));

describe('unsendable-methods.yaml: a TRACE operation', () => {
  it('is skipped with the reason, never failed; OPTIONS and HEAD are checked', async () => {
    const { results } = await checkAgainstOwnMock(file);
    expect(failuresOf(results)).toEqual([]);
    const trace = results.filter((r) => r.operationId === 'thingsTrace');
    expect(trace.map((r) => `${r.status} ${r.message}`)).toEqual([expect.stringMatching(/^skip TRACE cannot be sent/)]);
    expect(results.some((r) => r.operationId === 'thingsOptions' && r.status === 'pass')).toBe(true);
  });
});
