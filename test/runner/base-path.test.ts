import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { loadContract } from '../../src/contract/registry.ts';
import type { ContractModel } from '../../src/contract/model.ts';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';
import { mountHint } from '../../src/runner/base-path.ts';
import { check } from './support/run.ts';

/**
 * `--base-url` given as the bare origin of a mock serving several documents (each under `/<id>`): the 404
 * answers say which contracts are mounted where, and the hint names that mount, not the document's server path.
 */
const FILE = fileURLToPath(new URL('../data/openapi/named-wrappers.yaml', import.meta.url));
let contract: ContractModel;
let mock: MockServer;

beforeAll(async () => {
  contract = await loadContractFile(FILE);
  mock = await startMockServer({ contracts: [contract, await loadContract('game-sessions')], port: 0 });
});
afterAll(() => mock.close());

const baseUrlNotes = async (baseUrl: string) => (await check(contract, baseUrl, { only: ['getVolume'] })).events
  .flatMap((e) => (e.type === 'check' && e.result.check === 'base_url' ? [`${e.result.status} ${e.result.message}`] : []));

describe('the base-URL hint against a server that names its mounts', () => {
  it('names the mount serving the document (its id), not the server path of the document', async () => {
    const origin = new URL(mock.url).origin;
    expect(await baseUrlNotes(origin)).toEqual([
      `warn The target answered 404 and says it mounts /${contract.id}, /game-sessions: if every request answers 404, try --base-url ${origin}/${contract.id}.`,
    ]);
  });

  it('says nothing with the right mount', async () => {
    expect(await baseUrlNotes(`${new URL(mock.url).origin}/${contract.id}`)).toEqual([]);
  });

  it('lists the mounts when none is the document\'s, and keeps quiet when the 404 names none', () => {
    expect(mountHint('tracker', 'http://h:1', '{"error":"No contract is mounted at /x. Mounted: /a, /b."}'))
      .toBe('The target answered 404 and says it mounts /a, /b: if every request answers 404, try --base-url http://h:1<mount> with the mount serving this document.');
    expect(mountHint('tracker', 'http://h:1', '{"error":"Mounted: /only."}')).toContain('try --base-url http://h:1/only.');
    expect(mountHint('tracker', 'http://h:1', '{"error":"not found"}')).toBeUndefined();
    expect(mountHint('tracker', 'http://h:1', undefined)).toBeUndefined();
  });
});
