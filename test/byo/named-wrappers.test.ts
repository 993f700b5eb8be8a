import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { startMockServer } from '../../src/mock/server.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

// A record wrapped in a property named after it beside other objects, a read without the id the create
// answers with, and an update whose nested object leaves out a field the record requires (its answer a closed summary).
const FILE = fileURLToPath(new URL('../data/openapi/named-wrappers.yaml', import.meta.url));
const JSON_BODY = { 'content-type': 'application/json' };

describe('records wrapped in a property named after the resource, and keys the read leaves out', () => {
  it('infers both resources, each keyed by a property that can hold its integer path parameter', async () => {
    const contract = await loadContractFile(FILE);
    expect([...contract.resources.values()].map((r) => `${r.name}:${r.key}`)).toEqual(['volume:id', 'segment:id']);
    const kinds = Object.fromEntries(contract.operations.map((op) => [op.id, op.behaviour.kind]));
    expect(kinds).toMatchObject({ createVolume: 'create', getVolume: 'read', updateVolume: 'replace', patchVolume: 'update', listVolumes: 'list', createSegment: 'create', getSegment: 'read' });
  });

  it('the mock answers the record inside its named wrapper, with the other documented objects beside it', async () => {
    const server = await startMockServer({ contracts: [await loadContractFile(FILE)], port: 0, atRoot: true });
    try {
      const base = server.mounts[0].url;
      const auth = { ...JSON_BODY, authorization: 'Bearer t' };
      const created = await fetch(`${base}/volumes`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'data', size: 20, placement: { zone: 'north', rack: 'r1' } }) });
      expect(created.status).toBe(201);
      const body = await created.json() as { volume: { id: number }; action: { status: string } };
      expect(body.volume).toMatchObject({ name: 'data', size: 20 });
      expect(['running', 'success', 'error']).toContain(body.action.status);
      const read = await (await fetch(`${base}/volumes/${body.volume.id}`, { headers: auth })).json();
      expect(read).toEqual({ volume: body.volume });
    } finally {
      await server.close();
    }
  });

  it('an update of part of a nested object is merged into the stored one', async () => {
    const server = await startMockServer({ contracts: [await loadContractFile(FILE)], port: 0, atRoot: true });
    try {
      const base = server.mounts[0].url;
      const auth = { ...JSON_BODY, authorization: 'Bearer t' };
      const created = await (await fetch(`${base}/volumes`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'data', size: 20, placement: { zone: 'south' } }) })).json() as { volume: { id: number } };
      const updated = await fetch(`${base}/volumes/${created.volume.id}`, { method: 'PUT', headers: auth, body: JSON.stringify({ name: 'data', placement: { rack: 'r9' } }) });
      expect(updated.status).toBe(200);
      expect((await updated.json() as { volume: unknown }).volume).toMatchObject({ placement: { zone: 'south', rack: 'r9' } });
    } finally {
      await server.close();
    }
  });

  it('harness check against the mock is clean and reads records back through both wrappers', async () => {
    const { summary, results } = await checkAgainstOwnMock(FILE);
    expect(failuresOf(results)).toEqual([]);
    expect(summary.exitCode).toBe(0);
    for (const id of ['createVolume', 'getVolume', 'createSegment', 'getSegment']) {
      expect(results.some((r) => r.operationId === id && r.check === 'read_back' && r.status === 'pass'), id).toBe(true);
    }
  });
});

describe('a --base-url without the path of the document\'s server URL', () => {
  it('is named once, as a warning suggesting the URL with the path; with the path there is no such warning', async () => {
    const { runConformance } = await import('../../src/runner/engine.ts');
    const contract = await loadContractFile(FILE);
    const server = await startMockServer({ contracts: [contract], port: 0, atRoot: true });
    try {
      const notes = async (baseUrl: string) => {
        const found: string[] = [];
        await runConformance(contract, { baseUrl, token: 't', token2: 'u', pathParams: {}, allowDestructive: false, timeoutMs: 5000, seed: 1, only: ['getVolume'] }, (event) => {
          if (event.type === 'check' && event.result.check === 'base_url') found.push(`${event.result.status} ${event.result.message}`);
        });
        return found;
      };
      const root = new URL(server.mounts[0].url).origin;
      expect(await notes(root)).toEqual([`warn The document's server URL ends in /v1 and --base-url does not: if every request answers 404, try --base-url ${root}/v1.`]);
      expect(await notes(`${root}/v1`)).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
