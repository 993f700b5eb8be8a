import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { startMockServer } from '../../src/mock/server.ts';
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

describe('array parameters', () => {
  it('the runner sends array parameters the mock reads as the document says, and the check is clean', async () => {
    const { summary, results } = await checkAgainstOwnMock(data('array-params.yaml'));
    expect(failuresOf(results)).toEqual([]);
    expect(summary.exitCode).toBe(0);
    expect(results.some((r) => r.operationId === 'searchTasks' && r.status === 'pass')).toBe(true);
  });

  it('the mock reads every value of a repeated (form, exploded) array parameter', async () => {
    const contract = await loadContractFile(data('array-params.yaml'));
    const server = await startMockServer({ contracts: [contract], port: 0, atRoot: true });
    try {
      const base = server.mounts[0].url;
      expect((await fetch(`${base}/tasks?status=open&status=done`)).status).toBe(200);
      expect((await fetch(`${base}/tasks?status=open&status=nope`)).status).toBe(400);
      // maxItems 2: the third value counts.
      expect((await fetch(`${base}/tasks?status=open&priority=1&priority=2`)).status).toBe(200);
      expect((await fetch(`${base}/tasks?status=open&priority=1&priority=2&priority=3`)).status).toBe(400);
    } finally {
      await server.close();
    }
  });
});
