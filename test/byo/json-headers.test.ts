import { describe, expect, it } from 'vitest';
import { loadContractText } from '../../src/contract/load-text.ts';
import { checkServer } from './support/check-server.ts';
import { listen } from './support/http-kit.ts';

/** A response header described by `content: application/json` is JSON text, as a parameter's is. */
const text = `openapi: 3.0.3
info: {title: JSON headers, version: '1'}
paths:
  /quota:
    get:
      operationId: getQuota
      responses:
        '200':
          description: ok
          headers:
            X-Meta: {required: true, content: {application/json: {schema: {type: object, required: [k], properties: {k: {type: string}}}}}}
          content: {application/json: {schema: {type: object}}}
`;

async function runWith(meta: string) {
  const server = await listen('', async () => ({ status: 200, type: 'application/json', body: '{}', headers: { 'x-meta': meta } }), () => ({ status: 500 }));
  const { results } = await checkServer(loadContractText('json-headers.yaml', text), server, ['tok_a', 'tok_b']);
  return results.filter((r) => r.status === 'fail').map((r) => `${r.check}: ${r.message}`);
}

describe('a header described by content', () => {
  it('passes a server that sends the JSON text and fails one that sends the simple style', async () => {
    expect(await runWith('{"k":"v"}')).toEqual([]);
    expect(await runWith('k,v')).toContainEqual(expect.stringMatching(/X-Meta|x-meta/i));
  });

  it('the mock sends it as JSON', () => {
    const header = loadContractText('json-headers.yaml', text).operations[0].responses.get('200')!.headers[0];
    expect(JSON.parse(header.sample!)).toEqual({ k: expect.any(String) });
  });
});
