import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

/** The read answers `Pet`; the create and the list answer `oneOf: [Cat, Dog]`, each extending `Pet` by allOf. */
const file = fileURLToPath(new URL('../data/openapi/base-read-variants-create.yaml', import.meta.url));

describe('base-read-variants-create.yaml: a polymorphic record read as its base', () => {
  it('the record is the variants, so a field only a variant has is kept', async () => {
    const contract = await loadContractFile(file);
    expect([...contract.resources.get('pet')!.fields]).toEqual(expect.arrayContaining(['id', 'name', 'pet_type', 'bark', 'indoor']));
  });

  it('the own mock keeps a dog\'s bark and the runner passes it', async () => {
    const { results } = await checkAgainstOwnMock(file);
    expect(failuresOf(results)).toEqual([]);
  });
});
