import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { startMockServer } from '../../src/mock/server.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';
import { checkWithDefect } from './support/defect-proxy.ts';

/** Updates that move a record, or an object field of it, to another branch of a oneOf named by a tag. */
const FILE = fileURLToPath(new URL('../data/openapi/tagged-updates.yaml', import.meta.url));
const HEADERS = { 'content-type': 'application/json', authorization: 'Bearer t' };

type Send = (method: string, path: string, body?: unknown) => Promise<{ status: number; json: Record<string, any> }>;

async function withMock(run: (send: Send) => Promise<void>): Promise<void> {
  const server = await startMockServer({ contracts: [await loadContractFile(FILE)], port: 0, atRoot: true });
  const send: Send = async (method, path, body) => {
    const response = await fetch(`${server.mounts[0].url}${path}`, { method, headers: HEADERS, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, json: await response.json() as Record<string, any> };
  };
  try {
    await run(send);
  } finally {
    await server.close();
  }
}

describe('tagged-updates.yaml: an update naming another branch of a oneOf', () => {
  it('a replace whose `configuration.type` names the other shape stores that shape, as written', () => withMock(async (send) => {
    const created = await send('POST', '/variables', { name: 'v', configuration: { type: 'recent_value', source: 'event.summary', regex: '.*' } });
    expect(created.status).toBe(201);
    const configuration = { type: 'external_data', data_type: 'number', ttl_seconds: 30 };
    const replaced = await send('PUT', `/variables/${created.json.id}`, { name: 'v', configuration });
    expect(replaced.status).toBe(200);
    expect(replaced.json.configuration).toEqual(configuration);
    expect((await send('GET', `/variables/${created.json.id}`)).json.configuration).toEqual(configuration);
  }));

  it('an update naming the other branch of a field replaces the stored object; within a branch it merges', () => withMock(async (send) => {
    const created = await send('POST', '/monitors', { name: 'm', check: { type: 'http', url: '/health', method: 'HEAD' } });
    expect(created.status).toBe(201);
    const path = `/monitors/${created.json.id}`;
    // Within the branch: the stored `method` stays beside the written url (RFC 7396 merge).
    expect((await send('PATCH', path, { check: { url: '/ready' } })).json.check).toEqual({ type: 'http', url: '/ready', method: 'HEAD' });
    // tcp fields without the tag they require: merged over the stored check they would read as an http
    // check (its branches are open); they name the tcp branch, so they replace it and the tag is made up.
    const moved = await send('PATCH', path, { check: { host: 'db.internal', port: 5432 } });
    expect(moved.status).toBe(200);
    expect(moved.json.check).toEqual({ type: 'tcp', host: 'db.internal', port: 5432 });
    expect((await send('GET', path)).json.check).toEqual(moved.json.check);
  }));

  it('the own mock passes its own check (replace and update read back as written)', async () => {
    const { results } = await checkAgainstOwnMock(FILE);
    expect(failuresOf(results)).toEqual([]);
    expect(results.filter((r) => r.check === 'read_back' && r.status === 'pass' && /replace/.test(r.title)).length).toBeGreaterThan(0);
  });

  it('the runner catches a server that stores a replace in another branch than the one written', async () => {
    const otherBranch = (method: string, url: string, text: string) => {
      if (method !== 'PUT' || !url.startsWith('/variables/')) return text;
      let body: { configuration?: Record<string, unknown> };
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        return text; // the runner's malformed and empty bodies pass as they are
      }
      if (body === null || typeof body !== 'object') return text;
      if (body.configuration?.type === 'recent_value') body.configuration = { type: 'external_data', data_type: 'string' };
      else if (body.configuration?.type === 'external_data') body.configuration = { type: 'recent_value', source: 'event.summary' };
      return JSON.stringify(body);
    };
    const results = await checkWithDefect(await loadContractFile(FILE), { requestBody: otherBranch });
    const caught = results.filter((r) => r.status === 'fail' && r.check === 'read_back' && r.operationId === 'replaceVariable');
    expect(caught.map((r) => r.message).join('\n')).toMatch(/`configuration` does not read back as written/);
  });
});
