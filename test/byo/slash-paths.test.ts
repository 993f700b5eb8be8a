import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import type { ContractModel } from '../../src/contract/model.ts';
import { startMockServer } from '../../src/mock/server.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

/**
 * A record field declared by both shapes of an `allOf` (`tags: [{id}]` sent, `tags: [{id, label}]` shown)
 * holds both. A PUT on `/gadgets/{gadgetId}/` (documenting no 404) whose records a POST on `/gadgets/`
 * makes is no upsert.
 */
const DOCUMENT = fileURLToPath(new URL('../data/openapi/slash-paths.yaml', import.meta.url));

describe('a field declared twice, a collection that ends in a slash', () => {
  let contract: ContractModel;
  let server: Awaited<ReturnType<typeof startMockServer>>;
  beforeAll(async () => {
    contract = await loadContractFile(DOCUMENT);
    server = await startMockServer({ contracts: [contract], port: 0, atRoot: true });
  });
  afterAll(() => server.close());

  it('answers a create with a field both shapes declare in a form that fits both', async () => {
    const url = server.mounts[0].url;
    const created = await fetch(`${url}/widgets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'cog', tags: [{ id: 't1' }] }) });
    expect(created.status).toBe(201);
    const widget = await created.json() as { id: string };
    expect(contract.operations.find((op) => op.id === 'createWidget')!.responses.get('201')!.validate!(widget)).toBe(true);
    expect(await (await fetch(`${url}/widgets/${widget.id}`)).json()).toEqual(widget);
  });

  it('reads no upsert into a PUT whose records a POST on the slash-ended collection makes', async () => {
    expect(contract.operations.find((op) => op.id === 'replaceGadget')!.behaviour.upsert).toBeUndefined();
    const put = await fetch(`${server.mounts[0].url}/gadgets/nobody-has-this/`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x' }) });
    expect(put.status).not.toBe(202);
  });

  it('is clean against harness check', async () => {
    const { results } = await checkAgainstOwnMock(DOCUMENT);
    expect(failuresOf(results)).toEqual([]);
  });
});
