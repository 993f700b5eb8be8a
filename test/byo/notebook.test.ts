import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadContract } from '../../src/contract/registry.ts';
import type { ContractModel } from '../../src/contract/model.ts';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';
import { runConformance } from '../../src/runner/engine.ts';
import type { CheckResult } from '../../src/runner/events.ts';

// A document written for these tests, with no x-harness: every behaviour below is inferred from it.
const DIR = fileURLToPath(new URL('../data/openapi/', import.meta.url));
const FORMS = ['notebook-3.1.yaml', 'notebook-3.0.yaml'] as const;
const BEARER = { authorization: 'Bearer tok_alice' };
const JSON_BODY = { ...BEARER, 'content-type': 'application/json' };

describe.each(FORMS)('%s, served and checked with zero configuration', (file) => {
  let contract: ContractModel;
  let server: MockServer;
  let base: string;
  const call = async (method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}) => {
    const response = await fetch(`${base}${path}`, { method, headers: init.headers, body: init.body });
    const text = await response.text();
    let body: any = text;
    try { body = JSON.parse(text); } catch { /* text */ }
    return { status: response.status, type: response.headers.get('content-type') ?? '', headers: response.headers, body };
  };

  beforeAll(async () => {
    contract = await loadContract(`${DIR}${file}`);
    server = await startMockServer({ contracts: [contract], port: 0, atRoot: true });
    base = server.mounts[0].url;
  });
  afterAll(() => server.close());

  it('infers the resources, their keys, scopes and generated fields', () => {
    expect(contract.declared).toBe(false);
    const notebook = contract.resources.get('notebook')!;
    expect(notebook.key).toBe('id');
    expect(notebook.generated.id.value).toBe('${counter}');
    expect(notebook.generated.updatedAt.on).toEqual(['create', 'update']);
    expect(notebook.hidden).toEqual(['secret']);
    expect(notebook.defaults).toEqual({ color: 'blue' });
    const note = contract.resources.get('note')!;
    expect(note.scope).toEqual(['notebookId']);
    expect(note.generated.id.value).toBe('${uuid}');
    expect(contract.operations.find((op) => op.id === 'getStatus')!.behaviour.kind).toBe('static');
    expect(contract.operations.find((op) => op.id === 'getStatus')!.secured).toBe(false);
    expect(base).toMatch(/\/api\/v1$/);
  });

  it('keeps state: create (wrapped in data), read, update, delete, then not found in the documented problem shape', async () => {
    const created = await call('POST', '/notebooks', { headers: JSON_BODY, body: JSON.stringify({ title: 'Ideas', secret: 's3' }) });
    expect(created.status).toBe(201);
    const notebook = created.body.data;
    expect(Number.isInteger(notebook.id)).toBe(true);
    expect(notebook).toMatchObject({ title: 'Ideas', color: 'blue' });
    expect(notebook).not.toHaveProperty('secret');
    const read = await call('GET', `/notebooks/${notebook.id}`, { headers: BEARER });
    expect(read.body.data).toEqual(notebook);
    const updated = await call('PATCH', `/notebooks/${notebook.id}`, { headers: JSON_BODY, body: JSON.stringify({ color: 'red' }) });
    expect(updated.body.data).toMatchObject({ id: notebook.id, title: 'Ideas', color: 'red', createdAt: notebook.createdAt });
    expect(Date.parse(updated.body.data.updatedAt)).toBeGreaterThanOrEqual(Date.parse(notebook.updatedAt));
    expect((await call('DELETE', `/notebooks/${notebook.id}`, { headers: BEARER })).status).toBe(204);
    const gone = await call('GET', `/notebooks/${notebook.id}`, { headers: BEARER });
    expect(gone.status).toBe(404);
    expect(gone.type).toMatch(/^application\/problem\+json/);
    expect(gone.body).toMatchObject({ status: 404 });
  });

  it('answers missing credentials with 401, a challenge and the documented problem body', async () => {
    const refused = await call('GET', '/notebooks');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(refused.body).toMatchObject({ status: 401 });
  });

  it('refuses an invalid body with the documented 422 and lists the violations', async () => {
    const invalid = await call('POST', '/notebooks', { headers: JSON_BODY, body: JSON.stringify({ title: '', extra: 1 }) });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors.length).toBeGreaterThan(0);
    expect(invalid.body.errors.map((e: { field: string }) => e.field)).toContain('title');
  });

  it('pages by page and per_page, with the total in the envelope', async () => {
    for (const title of ['a', 'b', 'c']) await call('POST', '/notebooks', { headers: JSON_BODY, body: JSON.stringify({ title }) });
    const first = await call('GET', '/notebooks?page=1&per_page=2', { headers: BEARER });
    const second = await call('GET', '/notebooks?page=2&per_page=2', { headers: BEARER });
    expect(first.body.items).toHaveLength(2);
    expect(first.body.total).toBeGreaterThanOrEqual(3);
    const ids = (page: { body: { items: { id: number }[] } }) => page.body.items.map((n) => n.id);
    expect(ids(second).some((id) => ids(first).includes(id))).toBe(false);
    const all = await call('GET', '/notebooks?per_page=50', { headers: BEARER });
    expect(all.body.items).toHaveLength(first.body.total);
  });

  it('takes form bodies, scopes notes by notebook and pages them by cursor', async () => {
    const notebook = (await call('POST', '/notebooks', { headers: JSON_BODY, body: JSON.stringify({ title: 'Forms' }) })).body.data;
    const form = { ...BEARER, 'content-type': 'application/x-www-form-urlencoded' };
    const one = await call('POST', `/notebooks/${notebook.id}/notes`, { headers: form, body: 'text=first&pinned=true' });
    expect(one.status).toBe(201);
    expect(one.body).toMatchObject({ text: 'first', pinned: true });
    const two = (await call('POST', `/notebooks/${notebook.id}/notes`, { headers: form, body: 'text=second' })).body;
    expect(two.pinned).toBe(false);
    expect((await call('GET', `/notebooks/${notebook.id}/notes/${one.body.id}`, { headers: BEARER })).body.text).toBe('first');
    expect((await call('GET', `/notebooks/${notebook.id + 1000}/notes/${one.body.id}`, { headers: BEARER })).status).toBe(404);
    const page = await call('GET', `/notebooks/${notebook.id}/notes?limit=1&after=${one.body.id}`, { headers: BEARER });
    expect(page.body.map((n: { id: string }) => n.id)).toEqual([two.id]);
    expect((await call('POST', `/notebooks/${notebook.id}/notes`, { headers: form, body: 'pinned=true' })).status).toBe(400);
  });

  it('takes multipart bodies with an API key in the query, and refuses them without it', async () => {
    const boundary = 'test-boundary';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nreport\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--${boundary}--\r\n`;
    const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` };
    expect((await call('POST', '/attachments?key=key_alice', { headers, body })).body).toEqual({ ok: expect.any(Boolean) });
    expect((await call('POST', '/attachments', { headers, body })).status).toBe(401);
  });

  it('serves stateless operations from their examples, chosen with Prefer: example=<name>', async () => {
    expect((await call('GET', '/status')).body).toEqual({ state: 'up' });
    expect((await call('GET', '/status', { headers: { prefer: 'example=degraded' } })).body).toEqual({ state: 'degraded' });
    // An example that breaks its own schema (the 3.0 form has one) is never served.
    expect(['up', 'degraded']).toContain((await call('GET', '/status', { headers: { prefer: 'example=broken' } })).body.state);
  });

  it('accepts any one of the declared alternatives (basic, or an API key cookie) and serves text as text', async () => {
    const basic = await call('GET', '/ping', { headers: { authorization: `Basic ${Buffer.from('alice:pw').toString('base64')}` } });
    expect(basic).toMatchObject({ status: 200, body: 'pong' });
    expect(basic.type).toMatch(/^text\/plain/);
    expect((await call('GET', '/ping', { headers: { cookie: 'session=abc' } })).status).toBe(200);
    expect((await call('GET', '/ping', { headers: BEARER })).status).toBe(401);
  });

  it('harness check against the mock: zero failures, every operation exercised', async () => {
    const failures: CheckResult[] = [];
    const summary = await runConformance(contract, {
      baseUrl: base, token: 'tok_alice', token2: 'tok_bob', pathParams: {}, allowDestructive: false, timeoutMs: 5000, seed: 1, only: [],
    }, (event) => { if (event.type === 'check' && event.result.status === 'fail') failures.push(event.result); });
    expect(failures.map((f) => `${f.operationId} ${f.check} ${f.title}: ${f.message}`)).toEqual([]);
    expect(summary.exitCode).toBe(0);
    expect(summary.coverage.operations.exercised).toBe(summary.coverage.operations.total);
  });
});

describe('loading the 3.0 form', () => {
  it('normalises nullable and boolean exclusiveMinimum, resolves the other file, and warns about the broken example', async () => {
    const contract = await loadContract(`${DIR}notebook-3.0.yaml`);
    const notebook = contract.resources.get('notebook')!;
    const valid = { id: 1, title: 't', color: 'red', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };
    expect(notebook.validate({ ...valid, archivedAt: null })).toBe(true);
    expect(notebook.validate({ ...valid, rating: 0 })).toBe(false);
    expect(notebook.validate({ ...valid, rating: 0.5 })).toBe(true);
    const problem = contract.operations.find((op) => op.id === 'getNotebook')!.responses.get('404')!;
    expect(problem.validate!({ title: 'Not Found', status: 404, errors: [{ field: 'x', message: 'y' }] })).toBe(true);
    expect(problem.validate!({ title: 'Not Found' })).toBe(false);
    const warning = contract.warnings.find((w) => /example "broken"/.test(w.message));
    expect(warning?.line).toBeGreaterThan(1);
  });
});
