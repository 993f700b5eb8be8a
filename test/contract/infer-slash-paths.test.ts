import { describe, expect, it } from 'vitest';
import { loadContractText } from '../../src/contract/load-text.ts';

const RECORD = '{type: object, required: [id], properties: {id: {type: string, readOnly: true}, name: {type: string}}}';
const ok = (schema: string) => `{'200': {description: ok, content: {application/json: {schema: ${schema}}}}}`;
const created = `{'201': {description: made, content: {application/json: {schema: ${RECORD}}}}}`;
const body = `{required: true, content: {application/json: {schema: ${RECORD}}}}`;

/** A collection with an item path, and a collection with none whose list and create sit on two spellings of the path. */
function document(paths: { things: string; thing: string; notesList: string; notesCreate: string }): string {
  return `openapi: 3.0.3
info: {title: Slashes, version: '1'}
paths:
  ${paths.things}:
    get: {operationId: listThings, responses: ${ok(`{type: array, items: ${RECORD}}`)}}
    post: {operationId: createThing, requestBody: ${body}, responses: ${created}}
  ${paths.thing}:
    parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    get: {operationId: getThing, responses: ${ok(RECORD)}}
    delete: {operationId: deleteThing, responses: {'204': {description: gone}}}
  ${paths.notesList}:
    get: {operationId: listNotes, responses: ${ok(`{type: array, items: ${RECORD}}`)}}
${paths.notesList === paths.notesCreate ? '' : `  ${paths.notesCreate}:\n`}    post: {operationId: createNote, requestBody: ${body}, responses: ${created}}
`;
}

function inferred(paths: Parameters<typeof document>[0]) {
  const contract = loadContractText('slashes.yaml', document(paths));
  return Object.fromEntries(contract.operations.map((op) => [op.id, { kind: op.behaviour.kind, resource: op.behaviour.resource.name }]));
}

describe('inference reads a path with a trailing slash as the same path without it', () => {
  const plain = inferred({ things: '/things', thing: '/things/{id}', notesList: '/notes', notesCreate: '/notes' });

  it('infers the resources it would without slashes (a sanity check of the plain document)', () => {
    expect(plain).toMatchObject({ listThings: { kind: 'list' }, getThing: { kind: 'read' }, listNotes: { kind: 'list' }, createNote: { kind: 'create' } });
  });

  it.each([
    ['the collection ends in a slash', { things: '/things/', thing: '/things/{id}', notesList: '/notes/', notesCreate: '/notes/' }],
    ['the item ends in a slash', { things: '/things', thing: '/things/{id}/', notesList: '/notes', notesCreate: '/notes' }],
    ['a collection\'s list and create are on /notes and /notes/', { things: '/things', thing: '/things/{id}', notesList: '/notes', notesCreate: '/notes/' }],
    ['a collection\'s list and create are on /notes/ and /notes', { things: '/things/', thing: '/things/{id}/', notesList: '/notes/', notesCreate: '/notes' }],
  ])('%s', (_, paths) => {
    expect(inferred(paths)).toEqual(plain);
  });
});
