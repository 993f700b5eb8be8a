import { beforeAll, describe, expect, it } from 'vitest';
import type { ContractModel } from '../../src/contract/model.ts';
import { loadContract } from '../../src/contract/registry.ts';
import { transient_fields } from '../../src/runner/checks/generated.ts';
import { status_documented, status_expected } from '../../src/runner/checks/status.ts';
import { parentCreate } from '../../src/runner/plan-parents.ts';
import { refusal } from '../../src/runner/types.ts';
import { changeUnchanged } from '../../src/runner/values.ts';
import { faker } from '@faker-js/faker';
import { contextFor, exchangeOf } from './support/context.ts';

// Rules for documents without x-harness: what a correct server may choose is never a failure.
let notebook: ContractModel;

beforeAll(async () => {
  notebook = await loadContract('test/data/openapi/notebook-3.1.yaml');
});

const problem = (status: number) => exchangeOf(status, { title: 'x', status }, { 'content-type': 'application/problem+json' });
const created = { data: { id: 7, title: 't', color: 'red', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' } };

describe('statuses on an inferred document', () => {
  it('a 400 for malformed JSON, which the document omits but HTTP prescribes, warns about the document and is the expected refusal', () => {
    const context = contextFor(notebook, 'createNotebook', { expect: refusal('malformed'), title: 'malformed JSON' });
    const [finding] = status_documented(problem(400), context)!;
    expect(finding).toMatchObject({ inferred: true, message: expect.stringMatching(/HTTP prescribes here: the document is incomplete/) });
    expect(status_expected(problem(400), context)).toEqual([]);
    expect(status_expected(problem(500), context)).toHaveLength(1);
  });

  it('a refusal of credentials the run had to guess (a query key, Basic) warns; one for the scheme of --token fails', () => {
    const guessed = status_expected(problem(401), contextFor(notebook, 'uploadAttachment', { title: 'call' }))!;
    expect(guessed[0]).toMatchObject({ inferred: true, message: expect.stringMatching(/token given is for bearer, and uploadAttachment takes apiKeyQuery/) });
    expect(status_documented(problem(401), contextFor(notebook, 'uploadAttachment', { title: 'call' }))![0].inferred).toBe(true);
    expect(status_expected(problem(401), contextFor(notebook, 'getNotebook', { title: 'read' }))![0].inferred).toBeFalsy();
  });

  it('serving a request without credentials fails even where the document does not list a 401', () => {
    const context = contextFor(notebook, 'getNote', { expect: refusal('unauthenticated'), title: 'no credentials' });
    const [finding] = status_expected(exchangeOf(200, { id: 'x', text: 't' }), context)!;
    expect(finding.inferred).toBeFalsy();
  });
});

describe('writeOnly fields', () => {
  it('are never returned, and their value is not shown', () => {
    const leak = exchangeOf(200, { data: { ...created.data, secret: 'hunter2' } });
    const [finding] = transient_fields(leak, contextFor(notebook, 'getNotebook'))!;
    expect(finding).toMatchObject({ message: expect.stringMatching(/`secret` is writeOnly/), pointer: '/data/secret', actual: '(a value, not shown)' });
    expect(finding.inferred).toBeFalsy();
    expect(transient_fields(exchangeOf(200, created), contextFor(notebook, 'getNotebook'))).toEqual([]);
  });
});

describe('planning helpers', () => {
  it('finds the create of the resource a scope parameter names', () => {
    const note = notebook.resources.get('note')!;
    expect(parentCreate(notebook, note, 'notebookId')?.id).toBe('createNotebook');
    expect(parentCreate(notebook, note, 'noteId')).toBeUndefined();
  });

  it('an update changes a field it would write unchanged, and leaves the others', () => {
    const resource = notebook.resources.get('notebook')!;
    const schema = notebook.operations.find((op) => op.id === 'updateNotebook')!.body!.schema;
    const body = changeUnchanged(notebook.schemas, resource, schema, { title: 'same', color: 'red' }, ['title', 'color'], { title: 'other', color: 'red' }, faker) as Record<string, unknown>;
    expect(body.title).toBe('same');
    // Neither the current value nor the default (which a server ignoring the field might show).
    expect(body.color).toBe('green');
  });
});
