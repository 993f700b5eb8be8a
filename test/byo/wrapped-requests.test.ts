import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContractFile, loadContractText } from '../../src/contract/load.ts';
import { startMockServer } from '../../src/mock/server.ts';
import { checkWithDefect } from './support/defect-proxy.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

// Create and update bodies that carry the record inside `data`; the answers wrap it the same way.
const FILE = fileURLToPath(new URL('../data/openapi/wrapped-requests.yaml', import.meta.url));
const JSON_BODY = { 'content-type': 'application/json' };

describe('request bodies wrapped in an envelope', () => {
  it('the model finds where a write carries the record, and only for writes that wrap it', async () => {
    const contract = await loadContractFile(FILE);
    const envelopeOf = (id: string) => contract.operations.find((op) => op.id === id)!.behaviour.bodyEnvelope;
    expect(envelopeOf('createProject')).toBe('/data');
    expect(envelopeOf('updateProject')).toBe('/data');
    expect(envelopeOf('replaceProject')).toBe('/data');
    expect(envelopeOf('getProject')).toBeUndefined();
  });

  it('the mock stores the fields inside the envelope, and an update changes them', async () => {
    const server = await startMockServer({ contracts: [await loadContractFile(FILE)], port: 0, atRoot: true });
    try {
      const base = server.mounts[0].url;
      const created = await fetch(`${base}/projects`, { method: 'POST', headers: JSON_BODY, body: JSON.stringify({ data: { name: 'Roadmap', notes: 'Q3', color: 'red' } }) });
      expect(created.status).toBe(201);
      const { data } = await created.json() as { data: { gid: string } };
      expect(data).toMatchObject({ name: 'Roadmap', notes: 'Q3', color: 'red' });
      const changed = await fetch(`${base}/projects/${data.gid}`, { method: 'PATCH', headers: JSON_BODY, body: JSON.stringify({ data: { color: 'blue' } }) });
      expect(changed.status).toBe(200);
      expect(await (await fetch(`${base}/projects/${data.gid}`)).json()).toMatchObject({ data: { gid: data.gid, name: 'Roadmap', notes: 'Q3', color: 'blue' } });
    } finally {
      await server.close();
    }
  });

  it('a replace clears the fields its body leaves out, but keeps those it cannot carry', async () => {
    const server = await startMockServer({ contracts: [await loadContractFile(FILE)], port: 0, atRoot: true });
    try {
      const base = server.mounts[0].url;
      const created = await fetch(`${base}/projects`, { method: 'POST', headers: JSON_BODY, body: JSON.stringify({ data: { name: 'Roadmap', notes: 'Q3', workspace: 'w1' } }) });
      const { data } = await created.json() as { data: { gid: string } };
      const replaced = await fetch(`${base}/projects/${data.gid}`, { method: 'PUT', headers: JSON_BODY, body: JSON.stringify({ data: { name: 'Plan' } }) });
      expect(replaced.status).toBe(200);
      const read = await (await fetch(`${base}/projects/${data.gid}`)).json() as { data: Record<string, unknown> };
      expect(read.data).toMatchObject({ name: 'Plan', workspace: 'w1' });
      expect(read.data.notes).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  it('harness check against the mock is clean and reads back the wrapped fields', async () => {
    const { summary, results } = await checkAgainstOwnMock(FILE);
    expect(failuresOf(results)).toEqual([]);
    expect(summary.exitCode).toBe(0);
    for (const id of ['createProject', 'getProject', 'updateProject', 'replaceProject']) {
      expect(results.some((r) => r.operationId === id && r.check === 'read_back' && r.status === 'pass')).toBe(true);
    }
  });

  it('a server that drops a wrapped field on the way in fails read_back', async () => {
    const contract = await loadContractFile(FILE);
    const dropNotes = (method: string, _url: string, text: string) => {
      if (method !== 'POST') return text;
      const body = JSON.parse(text) as { data?: Record<string, unknown> };
      delete body.data?.notes;
      return JSON.stringify(body);
    };
    const results = await checkWithDefect(contract, { requestBody: dropNotes });
    const failed = results.filter((r) => r.check === 'read_back' && r.status === 'fail');
    expect(failed.map((r) => r.operationId)).toContain('createProject');
    expect(failed.some((r) => /notes/.test(r.message ?? ''))).toBe(true);
  });
});

describe('a body envelope declared with x-harness bodyEnvelope', () => {
  const doc = (pointer: string) => `openapi: 3.1.0
info: {title: Declared envelope, version: '1'}
paths:
  /notes:
    post:
      operationId: createNote
      x-harness: {kind: create, resource: note, bodyEnvelope: ${pointer}}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              properties:
                note: {type: object, required: [title], properties: {title: {type: string, minLength: 1}, body: {type: string}}}
                notify: {type: object, properties: {email: {type: boolean}}}
      responses:
        '201': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Note'}}}}
  /notes/{noteId}:
    get:
      operationId: getNote
      parameters: [{name: noteId, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Note'}}}}
components:
  schemas:
    Note:
      type: object
      required: [id, title]
      properties:
        id: {type: string, readOnly: true}
        title: {type: string}
        body: {type: string}
`;

  it('the mock stores the fields inside the declared envelope (inference alone sees two optional objects)', async () => {
    const server = await startMockServer({ contracts: [loadContractText('declared-envelope.yaml', doc('/note'))], port: 0, atRoot: true });
    try {
      const base = server.mounts[0].url;
      const created = await fetch(`${base}/notes`, { method: 'POST', headers: JSON_BODY, body: JSON.stringify({ note: { title: 'Plan', body: 'Q3' }, notify: { email: true } }) });
      expect(created.status).toBe(201);
      const note = await created.json() as { id: string };
      expect(note).toMatchObject({ title: 'Plan', body: 'Q3' });
      expect(await (await fetch(`${base}/notes/${note.id}`)).json()).toMatchObject({ title: 'Plan', body: 'Q3' });
    } finally {
      await server.close();
    }
  });

  it('a pointer that names no object of the body is refused at load, naming the place', () => {
    expect(() => loadContractText('declared-envelope.yaml', doc('/notes'))).toThrow(/\/paths\/~1notes\/post\/x-harness\/bodyEnvelope: "\/notes" names no object/);
  });

  it('an operation x-harness naming the resource of its paths otherwise gives it that name', () => {
    const contract = loadContractText('declared-envelope.yaml', doc('/note').replace('resource: note,', 'resource: memo,'));
    expect(contract.warnings.filter((w) => /Unknown resource/.test(w.message))).toEqual([]);
    expect(contract.operations.find((op) => op.id === 'createNote')!.behaviour).toMatchObject({ kind: 'create', resource: { name: 'memo' } });
    expect(contract.operations.find((op) => op.id === 'getNote')!.behaviour.resource.name).toBe('memo');
  });

  it('an operation x-harness naming a resource on a path inference makes none of is a warning, and the operation stays stateless', () => {
    const text = doc('/note').replace('resource: note,', 'resource: memo,').replace('/notes/{noteId}:', '/drafts/{draftId}:').replace('name: noteId', 'name: draftId');
    const contract = loadContractText('declared-envelope.yaml', text);
    expect(contract.warnings.map((w) => `${w.pointer} ${w.message}`)).toContainEqual(expect.stringMatching(/\/paths\/~1notes\/post\/x-harness\/resource Unknown resource "memo" \(inferred: draft\)/));
    expect(contract.operations.find((op) => op.id === 'createNote')!.behaviour.kind).toBe('static');
  });
});
