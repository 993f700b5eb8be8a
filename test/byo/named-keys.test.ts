import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { createSeededFaker } from '../../src/schema/faker.ts';
import { unknownId } from '../../src/runner/values.ts';

/** A name key with a pattern and an example: the seeder gives records the example, so it is no unknown id. */
const FILE = fileURLToPath(new URL('../data/openapi/named-keys.yaml', import.meta.url));

describe('an unknown id for a key whose schema documents an example', () => {
  it('is never the documented example (seeded records and documents use it)', async () => {
    const contract = await loadContractFile(FILE);
    const carrier = contract.operations.find((op) => op.id === 'getKind')!.pathParams[0].schema as object;
    const ids = Array.from({ length: 40 }, (_, seed) => unknownId(contract.schemas, contract.resources.get('kind')!, carrier, createSeededFaker(seed)));
    expect(ids.filter((id) => id === 'order.paid')).toEqual([]);
    expect(ids.filter((id) => !/^[a-z.]+$/.test(id))).toEqual([]);
  });
});
