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
});
