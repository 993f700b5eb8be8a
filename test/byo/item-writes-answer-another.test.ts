import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

/**
 * Writes on an item path whose answer is another object than the record the read answers (Sentry's issue
 * integrations: the GET answers the integration's settings, the POST and PUT the external issue they
 * create or link, its integer `id` not the path's key). Read as an update and a replace of the settings,
 * they "changed" the record's key, a warning against a correct server.
 */
const DOCUMENT = fileURLToPath(new URL('../data/openapi/item-writes-answer-another.yaml', import.meta.url));

describe('writes on an item path that answer another object', () => {
  it('are not read as writes of the record the item path reads', async () => {
    const contract = await loadContractFile(DOCUMENT);
    const kinds = Object.fromEntries(contract.operations.map((op) => [op.id, op.behaviour.kind]));
    expect(kinds).toMatchObject({ createLinkedIssue: 'static', linkExistingIssue: 'static' });
  });

  it('pass the runner against their own mock without a warning on generated fields', async () => {
    const { results } = await checkAgainstOwnMock(DOCUMENT);
    expect(failuresOf(results)).toEqual([]);
    expect(results.filter((r) => r.check === 'generated_fields' && r.status !== 'pass').map((r) => r.message)).toEqual([]);
  });
});
