import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { startMockServer } from '../../src/mock/server.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

/**
 * What a document's writes mean when no x-harness says it: defaults only the write bodies give (beside an
 * allOf, inside a branch, on a property wrapping a $ref) are filled on create and on replace, and a replace
 * sends a required nullable field it leaves out to null instead of keeping the old value.
 */
const file = fileURLToPath(new URL('../data/openapi/write-defaults.yaml', import.meta.url));

describe('write-defaults.yaml: defaults and replaces inferred from the document', () => {
  let server: Awaited<ReturnType<typeof startMockServer>>;
  let base: string;
  const send = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, body: await response.json() as Record<string, unknown> };
  };
  beforeAll(async () => {
    server = await startMockServer({ contracts: [await loadContractFile(file)], port: 0, atRoot: true });
    base = server.mounts[0].url;
  });
  afterAll(async () => server.close());

  it('the model holds the write bodies\' defaults, found through allOf', async () => {
    const contract = await loadContractFile(file);
    expect(contract.resources.get('board')?.defaults).toEqual({ status: 'open', priority: 3, color: 'grey' });
  });

  it('a create that leaves the fields out stores their defaults', async () => {
    const created = await send('POST', '/boards', { title: 'Plans' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: 'Plans', status: 'open', priority: 3, color: 'grey' });
  });

  it('a replace sends what it leaves out to the default, to null (required, nullable) or away', async () => {
    const created = await send('POST', '/boards', { title: 'Full', note: 'n', status: 'closed', priority: 5, color: 'red', owner: 'ann' });
    expect(created.body).toMatchObject({ note: 'n', status: 'closed', priority: 5, color: 'red', owner: 'ann' });
    const replaced = await send('PUT', `/boards/${String(created.body.id)}`, { title: 'Bare' });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ id: created.body.id, title: 'Bare', note: null, status: 'open', priority: 3, color: 'grey' });
    expect(replaced.body.owner).toBeUndefined();
    expect((await send('GET', `/boards/${String(created.body.id)}`)).body).toEqual(replaced.body);
  });

  it('checks clean against its own mock, the replace included', async () => {
    const { summary, results } = await checkAgainstOwnMock(file);
    expect(failuresOf(results)).toEqual([]);
    expect(summary.exitCode).toBe(0);
    expect(results.filter((r) => r.check === 'replace_drops_omitted').map((r) => r.status)).toEqual(['pass']);
  });
});
