import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContractText } from '../../src/contract/load-text.ts';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';

/** `allowEmptyValue`: a query parameter may be sent as `?flag=` (a flag without a value). */
const text = `openapi: 3.0.3
info: {title: Flags, version: '1'}
paths:
  /reports:
    get:
      operationId: listReports
      parameters:
        - {name: archived, in: query, allowEmptyValue: true, schema: {type: boolean}}
        - {name: strict, in: query, schema: {type: boolean}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: array, items: {type: object}}}}}
        '400': {description: bad}
`;

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ contracts: [loadContractText('flags.yaml', text)], port: 0, atRoot: true });
});
afterAll(async () => server.close());

describe('query parameters sent empty', () => {
  it('accepts an empty value where allowEmptyValue says so, and still checks a value given', async () => {
    const status = async (query: string) => (await fetch(`${server.mounts[0].url}/reports?${query}`)).status;
    expect(await status('archived=')).toBe(200);
    expect(await status('archived=true')).toBe(200);
    expect(await status('archived=maybe')).toBe(400);
    expect(await status('strict=')).toBe(400);
  });
});
