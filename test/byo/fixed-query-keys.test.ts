import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

/**
 * Operations documented twice, once with a fixed query in the path key (`/notes/{id}` and
 * `/notes/{id}?preview=true`: OpenAI's beta responses). The query is a flag on the same operation: both
 * read the same records. Inference left the flagged ones stateless, so the runner read a made-up id through
 * them and the mock (routing both alike) answered the undocumented 404 of a read.
 */
const DOCUMENT = fileURLToPath(new URL('../data/openapi/fixed-query-keys.yaml', import.meta.url));

describe('path keys with a fixed query', () => {
  it('share the behaviour inferred for the plain path', async () => {
    const contract = await loadContractFile(DOCUMENT);
    const kinds = Object.fromEntries(contract.operations.map((op) => [op.id, op.behaviour.kind]));
    expect(kinds).toMatchObject({ getNote: 'read', preview_getNote: 'read', createNote: 'create', preview_createNote: 'create' });
  });

  it('pass the runner against their own mock', async () => {
    const { results } = await checkAgainstOwnMock(DOCUMENT);
    expect(failuresOf(results)).toEqual([]);
    expect(results.some((r) => r.operationId === 'preview_getNote' && r.check === 'status_expected' && r.status === 'pass')).toBe(true);
  });
});
