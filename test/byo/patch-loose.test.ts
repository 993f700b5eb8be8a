import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { startMockServer } from '../../src/mock/server.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

// JSON Patch bodies documented as an object, as a bare array, or as operations under plain JSON types too.
const FILE = fileURLToPath(new URL('../data/openapi/patch-loose.yaml', import.meta.url));

describe('JSON Patch bodies with loose, contradictory or plain-JSON schemas', () => {
  it('load, serve and check clean; the operations are sent where the documented schema takes them', async () => {
    const { contract, results, summary } = await checkAgainstOwnMock(FILE);
    expect(contract.operations.filter((op) => op.method === 'PATCH').map((op) => op.behaviour.kind)).toEqual(['update', 'update', 'update', 'update']);
    expect(failuresOf(results)).toEqual([]);
    expect(summary.exitCode).toBe(0);
    const outcome = (operationId: string, title: RegExp, check: string) => results.find((r) => r.operationId === operationId && r.check === check && title.test(r.title))?.status;
    // ASP.NET style: the operations go as JSON Patch, and a refused one is answered with the documented 409.
    expect(outcome('patch_aspnet', /^read after a JSON Patch/, 'read_back')).toBe('pass');
    expect(outcome('patch_aspnet', /^JSON Patch whose test fails/, 'status_expected')).toBe('pass');
    expect(outcome('patch_bare', /^read after a refused JSON Patch/, 'read_back')).toBe('pass');
    // Ory style: operations documented as application/json alone, a named list: sent there as JSON Patch.
    expect(outcome('patch_listed', /^read after a JSON Patch/, 'read_back')).toBe('pass');
    expect(outcome('patch_listed', /^JSON Patch whose test fails/, 'status_expected')).toBe('pass');
    // An object schema takes no list of operations: the patch steps say so instead of sending one.
    expect(outcome('patch_object', /^JSON Patch whose test fails/, 'status_expected')).toBe('skip');
  });

  it('the mock reads a list sent as application/json or text/json, where the document lists operations there, as JSON Patch', async () => {
    const server = await startMockServer({ contracts: [await loadContractFile(FILE)], port: 0, atRoot: true });
    try {
      const base = server.mounts[0].url;
      const created = await (await fetch(`${base}/aspnets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'a', color: 'red', size: 1 }) })).json() as { id: string };
      const patch = (type: string, ops: unknown) => fetch(`${base}/aspnets/${created.id}`, { method: 'PATCH', headers: { 'content-type': type }, body: JSON.stringify(ops) });
      expect((await patch('application/json', [{ op: 'replace', path: '/name', value: 'b' }, { op: 'remove', path: '/color' }])).status).toBe(200);
      expect((await patch('text/json', [{ op: 'test', path: '/size', value: 2 }, { op: 'replace', path: '/name', value: 'c' }])).status).toBe(409);
      expect(await (await fetch(`${base}/aspnets/${created.id}`)).json()).toEqual({ id: created.id, name: 'b', size: 1 });
    } finally {
      await server.close();
    }
  });
});
