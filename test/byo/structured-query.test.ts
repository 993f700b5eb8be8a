import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

// Required array and object query parameters beside a text filter whose pattern the runner's usual
// "wrong" text happens to match: the wrong-value steps are judged on the query as the server reads it.
const FILE = fileURLToPath(new URL('../data/openapi/structured-query.yaml', import.meta.url));

describe('wrong query values next to required array and object parameters', () => {
  it('plans a wrong value only where the query, read by its styles, is refused: a value the pattern takes is not sent as wrong', async () => {
    const { summary, results } = await checkAgainstOwnMock(FILE);
    expect(failuresOf(results)).toEqual([]);
    expect(summary.exitCode).toBe(0);
    const titles = new Set(results.map((r) => r.title));
    expect([...titles].some((t) => t.includes('`label`='))).toBe(false);
    expect(results.some((r) => r.title.includes('`weight`=harness-not-a-number') && r.check === 'status_expected' && r.status === 'pass')).toBe(true);
    expect(results.filter((r) => r.status === 'warn')).toEqual([]);
  });
});
