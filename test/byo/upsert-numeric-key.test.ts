import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

/**
 * An upsert whose path types the key as text while the record holds a number (`remarkId: string`, `id:
 * integer`): the runner writes at a key both can hold, so the document's own mock keeps the record.
 */
const DOCUMENT = fileURLToPath(new URL('../data/openapi/upsert-numeric-key.yaml', import.meta.url));

describe('an upsert keyed by text in the path and a number in the record', () => {
  it('runs against its own mock with no failure, creating at a numeric key', async () => {
    const { results } = await checkAgainstOwnMock(DOCUMENT);
    expect(failuresOf(results)).toEqual([]);
    const created = results.filter((r) => r.operationId === 'putRemark' && r.status === 'pass');
    expect(created.length).toBeGreaterThan(0);
    const reads = results.filter((r) => r.operationId === 'getRemark');
    expect(reads.some((r) => r.status === 'pass')).toBe(true);
  });
});
