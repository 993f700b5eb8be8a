import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { startMockServer } from '../../src/mock/server.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

const DOCUMENT = fileURLToPath(new URL('../data/openapi/kinds-in-envelope.yaml', import.meta.url));

describe('records of several kinds inside an envelope ({action: oneOf}), created one or many at a time (oneOf [{alert}, {alerts}])', () => {
  let server: Awaited<ReturnType<typeof startMockServer>>;
  const post = (path: string, body: unknown) => fetch(`${server.mounts[0].url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  beforeAll(async () => {
    server = await startMockServer({ contracts: [await loadContractFile(DOCUMENT)], port: 0, atRoot: true });
  });
  afterAll(() => server.close());

  it('stores the action of the kind its discriminator names, answered and read back inside its envelope', async () => {
    const action = { name: 'nightly', action_type: 'job', data: { job_id: 'j-1' } };
    const created = await post('/actions', { action });
    expect(created.status).toBe(201);
    const answer = await created.json() as { action: Record<string, unknown> };
    expect(answer.action).toMatchObject(action);
    const read = await fetch(`${server.mounts[0].url}/actions/${String(answer.action.id)}`);
    expect(await read.json()).toEqual(answer);
  });

  it('stores a single alert sent as {alert} and answers it as {alert}', async () => {
    const created = await post('/alerts', { alert: { code: 'low-balance', threshold: 5 } });
    expect(created.status).toBe(200);
    const answer = await created.json() as { alert: Record<string, unknown> };
    expect(answer.alert).toMatchObject({ code: 'low-balance', threshold: 5 });
    const read = await fetch(`${server.mounts[0].url}/alerts/low-balance`);
    expect(await read.json()).toEqual(answer);
  });

  it('is clean against harness check', async () => {
    const { results } = await checkAgainstOwnMock(DOCUMENT);
    expect(failuresOf(results)).toEqual([]);
  });
});
