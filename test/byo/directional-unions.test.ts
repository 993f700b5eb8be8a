import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import type { ContractModel } from '../../src/contract/model.ts';
import { startMockServer } from '../../src/mock/server.ts';
import { response_schema } from '../../src/runner/checks/content.ts';
import { contextFor, exchangeOf } from '../runner/support/context.ts';

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
    expect(body({ petType: 'dog', name: 'Rex', barks: true })).toBe(true);
    expect(body({ petType: 'cat' }), 'name is required in every branch').toBe(false);
    expect(body.errors?.length).toBeGreaterThan(0);
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
      const refused = await post({ petType: 'dog', barks: true });
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
