import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';
import { checkServer } from './support/check-server.ts';
import { listen } from './support/http-kit.ts';

/** A HEAD documented with the GET's JSON content: HTTP answers a HEAD with headers only (RFC 9110 §9.3.2). */
const file = fileURLToPath(new URL('../data/openapi/head-content.yaml', import.meta.url));

describe('head-content.yaml: a HEAD whose 200 documents content', () => {
  it('the own mock answers the HEAD without a body and passes', async () => {
    const { results } = await checkAgainstOwnMock(file);
    expect(failuresOf(results)).toEqual([]);
    expect(results.some((r) => r.operationId === 'headPing' && r.check === 'status_expected' && r.status === 'pass')).toBe(true);
  });

  it('a GET answered without its documented body still fails', async () => {
    const server = await listen('', async () => ({ status: 200 }), () => ({ status: 500 }));
    const contract = await loadContractFile(file);
    const { results } = await checkServer(contract, server, ['tok_a', 'tok_b']);
    const failed = results.filter((r) => r.status === 'fail').map((r) => `${r.operationId}: ${r.message}`);
    expect(failed).toContainEqual(expect.stringMatching(/^ping: .*(200 has no body|200 body is empty)/));
    expect(failed.filter((f) => f.startsWith('headPing'))).toEqual([]);
  });
});
