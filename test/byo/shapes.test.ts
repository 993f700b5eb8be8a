import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

/** Shapes real documents have that the notebook documents lack: each is served, and checks clean against its own mock. */
const data = (name: string) => fileURLToPath(new URL(`../data/openapi/${name}`, import.meta.url));

describe('odd response statuses', () => {
  it('an interim-only (1xx), an error-only and a 2XX-only operation are answered with a final success and check clean', async () => {
    const { contract, summary, results } = await checkAgainstOwnMock(data('odd-statuses.yaml'));
    expect(contract.operations.find((op) => op.id === 'interimOnly')?.successStatus).toBe(200);
    expect(contract.operations.find((op) => op.id === 'rangedSuccess')?.successStatus).toBe(200);
    expect(contract.operations.find((op) => op.id === 'defaultOnly')?.responses.get('200')?.status).toBe('default');
    expect(contract.warnings.some((w) => w.pointer === '/paths/~1ranged/get/responses')).toBe(false);
    expect(failuresOf(results)).toEqual([]);
    expect(summary.exitCode).toBe(0);
    // The success the document does not name is said, as a warning about the document.
    const warned = results.filter((r) => r.status === 'warn' && r.operationId === 'errorsOnly' && r.check === 'status_documented');
    expect(warned.map((r) => r.message)).toEqual([expect.stringContaining('documents no success response')]);
  });
});
