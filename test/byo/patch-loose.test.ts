import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

// JSON Patch bodies documented as an object, as a bare array, or as operations under plain JSON types too.
const FILE = fileURLToPath(new URL('../data/openapi/patch-loose.yaml', import.meta.url));

describe('JSON Patch bodies with loose or contradictory schemas', () => {
  it('load, serve and check clean; the operations are sent where the documented schema takes them', async () => {
    const { contract, results, summary } = await checkAgainstOwnMock(FILE);
    expect(contract.operations.filter((op) => op.method === 'PATCH').map((op) => op.behaviour.kind)).toEqual(['update', 'update', 'update']);
    expect(failuresOf(results)).toEqual([]);
    expect(summary.exitCode).toBe(0);
    const outcome = (operationId: string, title: RegExp, check: string) => results.find((r) => r.operationId === operationId && r.check === check && title.test(r.title))?.status;
    // ASP.NET style: the operations go as JSON Patch, and a refused one is answered with the documented 409.
    expect(outcome('patch_aspnet', /^read after a JSON Patch/, 'read_back')).toBe('pass');
    expect(outcome('patch_aspnet', /^JSON Patch whose test fails/, 'status_expected')).toBe('pass');
    expect(outcome('patch_bare', /^read after a refused JSON Patch/, 'read_back')).toBe('pass');
    // An object schema takes no list of operations: the patch steps say so instead of sending one.
    expect(outcome('patch_object', /^JSON Patch whose test fails/, 'status_expected')).toBe('skip');
  });
});
