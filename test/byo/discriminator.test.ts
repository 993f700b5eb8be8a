import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

// A oneOf whose branches overlap as JSON Schema reads them; the discriminator tells them apart.
const FILE = fileURLToPath(new URL('../data/openapi/discriminated.yaml', import.meta.url));

describe('a oneOf with a discriminator', () => {
  it('accepts each branch under the discriminator value that names it, and no branch under another', async () => {
    const contract = await loadContractFile(FILE);
    const validate = contract.operations[0].responses.get('200')!.validate!;
    expect(validate({ id: 'r1', kind: 'document', pages: 3 })).toBe(true);
    expect(validate({ id: 'r2', kind: 'watch_report', hits: ['x'] })).toBe(true);
    expect(validate({ id: 'r3', kind: 'document', pages: 0 })).toBe(false);
    expect(validate({ id: 'r4', kind: 'watch_report', hits: 'x' })).toBe(false);
  });

  it('the mock answers a valid report and harness check against it is clean', async () => {
    const { summary, results } = await checkAgainstOwnMock(FILE);
    expect(failuresOf(results)).toEqual([]);
    expect(results.some((r) => r.operationId === 'getReport' && r.check === 'response_schema' && r.status === 'pass')).toBe(true);
    expect(summary.exitCode).toBe(0);
  });
});
