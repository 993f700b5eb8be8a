import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContractText } from '../../src/contract/load-text.ts';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';
import { check, describeFailures } from './support/run.ts';

/** Parameters named like Object.prototype members: the runner must fill them from its own values. */
const ok = { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } };
const param = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z0-9-]+$' } });
const contract = loadContractText('proto-names.json', JSON.stringify({
  openapi: '3.1.0',
  info: { title: 'Odd names', version: '1' },
  servers: [{ url: 'https://odd.test/api' }],
  paths: {
    '/a/{constructor}': { get: { operationId: 'byConstructor', parameters: [param('constructor')], responses: ok } },
    '/b/{toString}/{__proto__}': { get: { operationId: 'byProto', parameters: [param('toString'), param('__proto__')], responses: ok } },
  },
}));

let server: MockServer;
const logged: string[] = [];
beforeAll(async () => {
  server = await startMockServer({ contracts: [contract], port: 0, atRoot: true, log: (line) => logged.push(line) });
});
afterAll(() => server.close());

describe('path parameters named constructor, toString, __proto__', () => {
  it('are sent as generated values, never as Object members, and the mock agrees', async () => {
    const outcome = await check(contract, server.mounts[0].url, { timeoutMs: 3000 });
    expect(outcome.failures, describeFailures(outcome.results)).toEqual([]);
    const calls = logged.filter((line) => /^GET \/api\/(a|b)\//.test(line));
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(calls.join('\n')).not.toMatch(/native|function|object%20Object|\/\/| 404 /i);
  });
});
