import { describe, expect, it } from 'vitest';
import type { ContractModel, ResourceModel } from '../../src/contract/model.ts';
import { fixtureFileFor, listBundledContractIds, loadContract } from '../../src/contract/registry.ts';
import { createStandaloneAjv } from '../../src/schema/ajv.ts';
import { generateSeedRecords } from '../../src/seeder/generate.ts';
import { loadFixtureSpec } from '../../src/seeder/load.ts';
import type { FixtureSpec } from '../../src/seeder/spec.ts';

/**
 * Past the first 1,024 records the seeder checks a record field by field against an earlier one of the same
 * sample (src/seeder/record-check.ts): it must still refuse every record that breaks the schema.
 */
const NOW = new Date('2026-03-01T12:00:00Z');
const ajv = createStandaloneAjv();
const base = await loadContract('make-sdk-connections');

function contractWith(schema: Record<string, unknown>): ContractModel {
  const resource: ResourceModel = {
    ...base.resources.get('appConnection')!,
    name: 'item', schema, validate: ajv.compile(schema), key: 'id', fields: new Set(Object.keys(schema.properties as object)),
    generated: {}, scope: [], transient: {}, versioning: undefined,
  };
  return { ...base, id: 'items', resources: new Map([['item', resource]]) };
}

const spec = (count: number, recipes: Record<string, string | unknown[]>): FixtureSpec => ({ file: 'items.yaml', resources: { item: { count, recipes } } });

describe('seeded records past the sampled ones', () => {
  it('are refused at the first record whose recipe outgrows its field (a plain sample would miss it)', () => {
    const contract = contractWith({
      type: 'object', required: ['id', 'label'], additionalProperties: false,
      properties: { id: { type: 'string' }, label: { type: 'string', maxLength: 6 }, kind: { type: 'string' } },
    });
    const recipes = { id: 'item-${index}', label: 'n-${index}', kind: ['a', 'b'] };
    expect(generateSeedRecords(contract, spec(10_000, recipes), { seed: 1, now: NOW }).get('item')).toHaveLength(10_000);
    expect(() => generateSeedRecords(contract, spec(10_001, recipes), { seed: 1, now: NOW }))
      .toThrow(/resource item, record #10000: .*\/label: .*must NOT have more than 6 characters/);
  });

  it('are validated whole when the schema ties fields together (if/then), and refused where they break it', () => {
    const contract = contractWith({
      type: 'object', required: ['id', 'kind', 'size'],
      properties: { id: { type: 'string' }, kind: { type: 'string' }, size: { type: 'integer' } },
      if: { properties: { kind: { const: 'a' } } },
      then: { properties: { size: { type: 'integer', maximum: 1500 } } },
    });
    const recipes = { id: 'item-${index}', kind: ['a', 'b'], size: '${index}' };
    expect(() => generateSeedRecords(contract, spec(2_000, recipes), { seed: 1, now: NOW }))
      .toThrow(/resource item, record #1502: .*\/size: .*must be <= 1500/);
  });

  it('leave a lenient seed (inferred documents) without the records that break the schema', () => {
    const contract = contractWith({
      type: 'object', required: ['id', 'label'],
      properties: { id: { type: 'string' }, label: { type: 'string', maxLength: 6 } },
    });
    const records = generateSeedRecords(contract, spec(0, { id: 'item-${index}', label: 'n-${index}' }), { seed: 1, now: NOW, count: 10_010, lenient: true }).get('item')!;
    expect(records).toHaveLength(10_000);
    expect(records.at(-1)!.data.label).toBe('n-9999');
  });

  for (const id of listBundledContractIds()) {
    it(`${id}: 2,000 records per resource, every one valid as a whole`, async () => {
      const contract = await loadContract(id);
      const fixtures = await loadFixtureSpec(fixtureFileFor(contract));
      for (const [name, records] of generateSeedRecords(contract, fixtures, { seed: 5, now: NOW, count: 2_000 })) {
        const resource = contract.resources.get(name)!;
        const nulls = Object.fromEntries(Object.keys(resource.transient).map((field) => [field, null]));
        const invalid = records.findIndex(({ data }) => !resource.validate({ ...data, ...nulls }));
        expect(invalid, `${name} #${invalid}: ${JSON.stringify(resource.validate.errors)}`).toBe(-1);
      }
    });
  }
});
