import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContractText } from '../../src/contract/load.ts';
import type { ContractModel } from '../../src/contract/model.ts';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';
import { fieldSchema, validatorFor } from '../../src/runner/schemas.ts';
import { createSeededFaker, sampleFromSchema } from '../../src/schema/sample.ts';
import { check, describeFailures } from './support/run.ts';

/**
 * Two documents of one shape whose `Label` schema has the same `$id` and different content: each contract
 * must be validated and sampled with its own schemas, also when both are used at once in one process.
 */
function document(label: string): string {
  return `openapi: 3.1.0
info: {title: Labels ${label}, version: '1'}
paths:
  /things:
    post:
      operationId: createThing
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: '#/components/schemas/NewThing'}}}
      responses:
        '201': {description: created, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
        '400': {description: invalid}
  /things/{id}:
    get:
      operationId: getThing
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
        '404': {description: not found}
components:
  schemas:
    Label: {$id: 'https://example.invalid/label', type: string, enum: [${label}]}
    NewThing:
      type: object
      required: [label]
      additionalProperties: false
      properties: {label: {$ref: '#/components/schemas/Label'}}
    Thing:
      type: object
      required: [id, label]
      properties: {id: {type: string}, label: {$ref: '#/components/schemas/Label'}}
`;
}

let alpha: ContractModel;
let beta: ContractModel;
let alphaMock: MockServer;
let betaMock: MockServer;
beforeAll(async () => {
  alpha = loadContractText('labels-alpha.yaml', document('alpha'));
  beta = loadContractText('labels-beta.yaml', document('beta'));
  alphaMock = await startMockServer({ contracts: [alpha], port: 0 });
  betaMock = await startMockServer({ contracts: [beta], port: 0 });
});
afterAll(async () => {
  await alphaMock?.close();
  await betaMock?.close();
});

describe('each contract has its own validators', () => {
  it('the same $id with different content: each contract validates and samples with its own schema', () => {
    const alphaLabel = fieldSchema(alpha.resources.get('thing')!, 'label');
    const betaLabel = fieldSchema(beta.resources.get('thing')!, 'label');
    // Interleaved on purpose: nothing one contract compiles may change what the other's validators say.
    for (let round = 0; round < 2; round++) {
      expect(validatorFor(alpha.schemas, alphaLabel)?.('alpha')).toBe(true);
      expect(validatorFor(beta.schemas, betaLabel)?.('alpha')).toBe(false);
      expect(validatorFor(alpha.schemas, alphaLabel)?.('beta')).toBe(false);
      expect(validatorFor(beta.schemas, betaLabel)?.('beta')).toBe(true);
    }
    const body = (contract: ContractModel) => contract.operations.find((op) => op.id === 'createThing')!.body!.schema;
    expect(sampleFromSchema(body(alpha), createSeededFaker(1), { compile: alpha.schemas.tryCompile })).toEqual({ label: 'alpha' });
    expect(sampleFromSchema(body(beta), createSeededFaker(1), { compile: beta.schemas.tryCompile })).toEqual({ label: 'beta' });
  });

  it('two runs at once, each against its own mock, each check against their own contract and pass', async () => {
    const [a, b] = await Promise.all([
      check(alpha, `${alphaMock.url}/${alpha.id}`),
      check(beta, `${betaMock.url}/${beta.id}`),
    ]);
    for (const [run, label] of [[a, 'alpha'], [b, 'beta']] as const) {
      expect(run.summary.exitCode, describeFailures(run.results)).toBe(0);
      const created = run.results.find((r) => r.operationId === 'createThing' && r.check === 'response_schema' && r.status === 'pass');
      expect(created, `${label}: the create's response was validated`).toBeDefined();
      // The label read back is the contract's own: the stored-field check compared it.
      const readBack = run.results.filter((r) => r.operationId === 'getThing' && r.check === 'read_back');
      expect(readBack.length, label).toBeGreaterThan(0);
      expect(readBack.every((r) => r.status === 'pass'), describeFailures(readBack)).toBe(true);
    }
  });
});
