import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import type { ContractModel } from '../../src/contract/model.ts';
import { startMockServer } from '../../src/mock/server.ts';
import { response_schema } from '../../src/runner/checks/content.ts';
import { contextFor, exchangeOf } from '../runner/support/context.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

/**
 * `required` beside readOnly / writeOnly where the property sits in a oneOf / anyOf branch, behind a `$ref`
 * or `allOf`, in an allOf sibling, or in array items: each still binds one direction only.
 */
const file = fileURLToPath(new URL('../data/openapi/directional-unions.yaml', import.meta.url));
const bodyOf = (contract: ContractModel, id: string) => contract.operations.find((op) => op.id === id)!.body!.validate;
const answerOf = (contract: ContractModel, id: string, status: string) => contract.operations.find((op) => op.id === id)!.responses.get(status)!.validate!;

describe('directional-unions.yaml: required readOnly / writeOnly fields in unions and nested schemas', () => {
  it('a oneOf create body needs no readOnly id, but still needs its other required fields', async () => {
    const contract = await loadContractFile(file);
    const body = bodyOf(contract, 'createPet');
    expect(body({ petType: 'cat', name: 'Tom' })).toBe(true);
    expect(body({ petType: 'dog', name: 'Rex', barks: 'woof' })).toBe(true);
    expect(body({ petType: 'cat' }), 'name is required in every branch').toBe(false);
    expect(body.errors?.length).toBeGreaterThan(0);
    const form = contract.operations.find((op) => op.id === 'createPet')!.body!.validateForm!;
    expect(form({ petType: 'cat', name: 'Tom', lives: '9' }), 'a form body is read the same way').toBe(true);
    expect(form({ petType: 'cat', lives: '9' })).toBe(false);
    const answer = answerOf(contract, 'getPet', '200');
    expect(answer({ id: 'p1', petType: 'cat', name: 'Tom' })).toBe(true);
    expect(answer({ petType: 'cat', name: 'Tom' }), 'the readOnly id is required in answers').toBe(false);
  });

  it('the mock creates a oneOf record without its id, answers it with one, and refuses a body missing a normal field', async () => {
    const contract = await loadContractFile(file);
    const server = await startMockServer({ contracts: [contract], port: 0, atRoot: true });
    const post = (body: unknown) => fetch(`${server.mounts[0].url}/pets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    try {
      const created = await post({ petType: 'cat', name: 'Tom', lives: 9 });
      expect(created.status).toBe(201);
      const record = await created.json() as Record<string, unknown>;
      expect(record).toMatchObject({ petType: 'cat', name: 'Tom', lives: 9 });
      expect(typeof record.id).toBe('string');
      expect(answerOf(contract, 'getPet', '200')(record)).toBe(true);
      const refused = await post({ petType: 'dog', barks: 'woof' });
      expect(refused.status).toBe(400);
    } finally {
      await server.close();
    }
  });

  it('an answer missing a writeOnly secret under anyOf passes the runner, one missing a normal field fails it', async () => {
    const contract = await loadContractFile(file);
    const context = contextFor(contract, 'getKey');
    expect(response_schema(exchangeOf(200, { keyId: 'k1', kind: 'api', label: 'ci' }), context)).toEqual([]);
    expect(response_schema(exchangeOf(200, { keyId: 'k2', kind: 'ssh', host: 'h' }), context)).toEqual([]);
    const findings = response_schema(exchangeOf(200, { keyId: 'k2', kind: 'ssh' }), context)!;
    expect(findings.length).toBeGreaterThan(0);
    expect(response_schema(exchangeOf(200, { kind: 'api' }), context)!.length, 'the readOnly keyId is required in answers').toBeGreaterThan(0);
    const body = bodyOf(contract, 'createKey');
    expect(body({ kind: 'ssh', secret: 's', host: 'h' }), 'keyId is readOnly through $ref and allOf').toBe(true);
    expect(body({ kind: 'api' }), 'the writeOnly secret is required in bodies').toBe(false);
  });

  it('nested: a readOnly id required by array items, and by an allOf part that a sibling declares readOnly', async () => {
    const contract = await loadContractFile(file);
    const body = bodyOf(contract, 'createOrder');
    expect(body({ lines: [{ sku: 'A-1' }, { sku: 'B-2' }] })).toBe(true);
    expect(body({ lines: [{ lineId: 3 }] }), 'sku is required in items').toBe(false);
    const answer = answerOf(contract, 'getOrder', '200');
    expect(answer({ orderId: 'o1', lines: [{ lineId: 1, sku: 'A-1' }] })).toBe(true);
    expect(answer({ orderId: 'o1', lines: [{ sku: 'A-1' }] }), 'lineId is required in answers').toBe(false);
  });
});

describe('directional-unions.yaml against its own mock', () => {
  it('the runner passes the mock', async () => {
    const { results } = await checkAgainstOwnMock(file);
    expect(failuresOf(results)).toEqual([]);
    expect(results.some((result) => result.operationId === 'createOrder' && result.status === 'pass')).toBe(true);
  });
});

describe('directional-unions-3.0.yaml: a 3.0 discriminated union over allOf inheritance', () => {
  const file30 = fileURLToPath(new URL('../data/openapi/directional-unions-3.0.yaml', import.meta.url));

  it('bodies need neither the readOnly id nor the nullable readOnly bornAt; answers need no writeOnly ringCode', async () => {
    const contract = await loadContractFile(file30);
    const body = bodyOf(contract, 'createAnimal');
    expect(body({ kind: 'bird', name: 'Tweety', wings: 2, ringCode: 'r-1234' })).toBe(true);
    expect(body({ kind: 'fish', name: 'Nemo', fins: 3 })).toBe(true);
    expect(body({ kind: 'bird', name: 'Tweety', wings: 2 }), 'the writeOnly ringCode is required in bodies').toBe(false);
    expect(body({ kind: 'fish', name: 'Nemo' }), 'fins is required').toBe(false);
    const answer = answerOf(contract, 'getAnimal', '200');
    expect(answer({ id: 'a1', kind: 'bird', name: 'Tweety', bornAt: null, wings: 2 })).toBe(true);
    expect(answer({ id: 'a1', kind: 'fish', name: 'Nemo', fins: 3 }), 'the readOnly bornAt is required in answers').toBe(false);
  });

  it('the mock creates without the server fields and the runner passes it', async () => {
    const { results } = await checkAgainstOwnMock(file30);
    expect(failuresOf(results)).toEqual([]);
    expect(results.some((result) => result.operationId === 'createAnimal' && result.status === 'pass')).toBe(true);
  });
});
