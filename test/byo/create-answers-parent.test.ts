import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

/** A nested create with no read of its own that answers its parent (`POST /picklists/2/options {label}` answers the picklist). */
const DOCUMENT = fileURLToPath(new URL('../data/openapi/create-answers-parent.yaml', import.meta.url));

describe('create-answers-parent.yaml: a create that answers another object than what it creates', () => {
  it('is not read as a resource of picklist-shaped options: served as documented, harness check is clean', async () => {
    const { contract, results } = await checkAgainstOwnMock(DOCUMENT);
    expect(contract.operations.find((op) => op.id === 'addOption')?.behaviour.kind).toBe('static');
    // A create answering another shape than it writes (`{id, token}` for a `name`) still creates.
    expect(contract.operations.find((op) => op.id === 'createKey')?.behaviour.kind).toBe('create');
    expect(failuresOf(results)).toEqual([]);
    expect(results.some((r) => r.operationId === 'renameOption' && r.check === 'response_schema' && r.status === 'pass')).toBe(true);
  });
});
