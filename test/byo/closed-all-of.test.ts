import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

/** `additionalProperties: false` on an allOf part (and beside an allOf): as JSON Schema, nothing with added fields is valid. */
const file = fileURLToPath(new URL('../data/openapi/closed-all-of.yaml', import.meta.url));

describe('closed-all-of.yaml: the additionalProperties: false allOf trap', () => {
  it('reads a closed part as open where it is extended, and closes the whole instead', async () => {
    const contract = await loadContractFile(file);
    const body = (id: string) => contract.operations.find((op) => op.id === id)!.body!.validate;
    expect(body('createMember')({ nickname: 'kit' })).toBe(true);
    expect(body('createAdmin')({ level: 2, nickname: 'kit' })).toBe(true);
    expect(body('createAdmin')({ level: 2, nickname: 'kit', rogue: true })).toBe(false);
    const stamp = contract.operations.find((op) => op.id === 'getStamp')!.responses.get('200')!;
    expect(stamp.validate!({ id: 's1', rogue: true }), 'the part used alone stays closed').toBe(false);
    expect(contract.warnings.map((w) => w.pointer)).toEqual(expect.arrayContaining(['/components/schemas/Member', '/components/schemas/Admin']));
  });

  it('the own mock creates members and the runner passes it', async () => {
    const { results } = await checkAgainstOwnMock(file);
    expect(failuresOf(results)).toEqual([]);
    const created = results.filter((r) => r.operationId === 'createMember' && r.status === 'pass');
    expect(created.length).toBeGreaterThan(0);
    expect(results.filter((r) => r.status === 'skip').map((r) => r.message)).not.toContainEqual(expect.stringMatching(/no valid request body/));
  });
});
