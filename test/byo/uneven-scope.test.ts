import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

// The parent parameter is a plain string on the collection, a uuid on the item.
const FILE = fileURLToPath(new URL('../data/openapi/uneven-scope.yaml', import.meta.url));

describe('a parent parameter whose schema differs between operations', () => {
  it('the run uses one value every operation takes: records created under it are read and deleted under it', async () => {
    const { summary, results } = await checkAgainstOwnMock(FILE);
    expect(failuresOf(results)).toEqual([]);
    expect(summary.exitCode).toBe(0);
    for (const id of ['getTask', 'deleteTask']) {
      expect(results.some((r) => r.operationId === id && r.check === 'status_expected' && r.status === 'pass' && /^(read|delete) →/.test(r.title)), id).toBe(true);
    }
  });
});
