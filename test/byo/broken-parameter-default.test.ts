import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContractText } from '../../src/contract/load-text.ts';
import { startMockServer } from '../../src/mock/server.ts';

const DOCUMENT = `openapi: 3.0.3
info: {title: Memories, version: '1'}
paths:
  /memories:
    get:
      parameters:
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 100, default: '20 - incident_summary'}}
        - {name: offset, in: query, schema: {type: integer, default: '0'}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: array, items: {type: object, properties: {id: {type: string}}}}
        '400': {description: bad}
`;

describe('a query parameter whose default breaks its own schema (limit: integer, default "20 - incident_summary")', () => {
  const contract = loadContractText('memories.yaml', DOCUMENT);
  let server: Awaited<ReturnType<typeof startMockServer>>;
  beforeAll(async () => {
    server = await startMockServer({ contracts: [contract], port: 0, atRoot: true });
  });
  afterAll(() => server.close());

  it('is not filled in (a request leaving it out is valid), with a warning; a default that fits as text still is', async () => {
    expect(contract.warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(/Parameter "limit": its default "20 - incident_summary" breaks its own schema/));
    expect(contract.warnings.some((w) => /Parameter "offset"/.test(w.message))).toBe(false);
    expect((await fetch(`${server.mounts[0].url}/memories`)).status).toBe(200);
    expect((await fetch(`${server.mounts[0].url}/memories?limit=abc`)).status).toBe(400);
  });

  it('is told apart by its code, not its wording (the bundle check refuses a contract by it)', () => {
    const coded = contract.warnings.filter((w) => w.code === 'broken-parameter-default');
    expect(coded.map((w) => w.pointer)).toEqual(['/paths/~1memories/get/parameters']);
  });
});

const SHARED = `openapi: 3.0.3
info: {title: Shared, version: '1'}
components:
  parameters:
    Limit: {name: limit, in: query, schema: {type: integer, default: 'twenty'}}
paths:
  /notes:
    get:
      parameters: [{$ref: '#/components/parameters/Limit'}]
      responses: {'200': {description: ok}}
  /tags:
    get:
      parameters: [{$ref: '#/components/parameters/Limit'}]
      responses: {'200': {description: ok}}
  /files:
    get:
      parameters: [{name: limit, in: query, schema: {type: integer, default: 'ten'}}]
      responses: {'200': {description: ok}}
`;

describe('a broken default in a parameter shared through $ref', () => {
  it('is warned about once for the shared schema, not once per operation; another schema gets its own warning', () => {
    const contract = loadContractText('shared.yaml', SHARED);
    const messages = contract.warnings.map((w) => w.message).filter((m) => /breaks its own schema/.test(m));
    expect(messages.sort()).toEqual([
      'Parameter "limit": its default "ten" breaks its own schema: it is not filled in.',
      'Parameter "limit": its default "twenty" breaks its own schema: it is not filled in.',
    ]);
    for (const operation of contract.operations) expect(operation.validateQuery!({}), operation.path).toBe(true);
  });
});
