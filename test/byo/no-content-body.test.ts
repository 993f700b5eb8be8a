import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';
import { checkServer } from './support/check-server.ts';
import { listen } from './support/http-kit.ts';

/** A 204 documented with a JSON body: HTTP gives a 204 no body, so the document contradicts itself. */
const file = fileURLToPath(new URL('../data/openapi/no-content-body.yaml', import.meta.url));

describe('no-content-body.yaml: content documented for a 204', () => {
  it('the own mock answers 204 without a body and passes, with a warning that names the contradiction', async () => {
    const { results } = await checkAgainstOwnMock(file);
    expect(failuresOf(results)).toEqual([]);
    const warned = results.filter((r) => r.operationId === 'turnOff' && r.status === 'warn').map((r) => r.message);
    expect(warned).toContainEqual(expect.stringMatching(/documents a body for 204, which HTTP gives none/));
  });

  it('a 200 answered without the documented body still fails', async () => {
    const server = await listen('', async () => ({ status: 200 }), () => ({ status: 500 }));
    const contract = await loadContractFile(file.replace('no-content-body', 'redirects'));
    const { results } = await checkServer(contract, server, ['tok_a', 'tok_b']);
    const ping = results.filter((r) => r.operationId === 'ping' && r.status === 'fail').map((r) => r.message);
    expect(ping).toContainEqual(expect.stringMatching(/200 has no body|200 body is empty/));
  });
});
