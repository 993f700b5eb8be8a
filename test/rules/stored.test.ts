import { describe, expect, it } from 'vitest';
import { applyDefaults, defaultOf, fitsToSchemas, hiddenFromState, keptOnReplace, readBackFields, recordFieldSchemas, resetOmitted, resetsOnReplace, serverOwnedOnUpdate, serverSetFields, unsetRequired, viewOf, writableFields, writeOnlyFields, writtenFieldSchemas } from '../../src/rules/stored.ts';
import { generatedRule, resourceWith } from './support.ts';

const resource = resourceWith({
  generated: { createdAt: generatedRule('${now}'), user: generatedRule('u', { when: 'userDetails' }) },
  transient: { token: { value: 't', on: ['create'] } },
  versioning: { field: 'version', initial: 1 },
  membership: { field: 'members', capacity: [] },
  hidden: ['secret'],
  owner: { field: 'owner', modify: 'anyone' },
  ownerOnlyFields: ['size'],
  defaults: { size: 1 },
});
const body = { id: 'x', name: 'n', createdAt: 'c', token: 't', version: 3, members: ['m'], secret: 's', user: 'mine', unknown: 1 };

describe('what a body stores', () => {
  it('writes the record fields that are neither transient nor always generated', () => {
    expect(writableFields(resource, body)).toEqual({ id: 'x', name: 'n', version: 3, members: ['m'], secret: 's', user: 'mine' });
  });

  it('reads back what the client wrote, minus what the server owns or never shows', () => {
    expect(readBackFields(resource, body)).toEqual({ name: 'n', user: 'mine' });
    expect(readBackFields(resource, { ...body, userDetails: {} })).toEqual({ name: 'n', userDetails: {} });
    expect(readBackFields(resource, body, (field) => field !== 'name')).toEqual({ user: 'mine' });
  });

  it('the server sets the key, the version and what it always generates, whatever a body says', () => {
    // `user` is generated only when `userDetails` is sent: the client's own value counts otherwise.
    expect(serverSetFields(resource)).toEqual(new Set(['createdAt', 'id', 'version']));
    expect(serverSetFields(resourceWith())).toEqual(new Set(['id']));
    expect([writeOnlyFields(resource), writeOnlyFields(resourceWith())]).toEqual([['secret'], []]);
    expect([defaultOf(resourceWith({ defaults: { size: 2 } }), 'size'), defaultOf(resourceWith(), 'size')]).toEqual([2, undefined]);
  });

  it('an update never takes the key or the members; a replace keeps them and generated fields', () => {
    expect(serverOwnedOnUpdate(resource)).toEqual(['id', 'members']);
    expect(serverOwnedOnUpdate(resourceWith())).toEqual(['id']);
    expect(keptOnReplace(resource, { id: 'x', name: 'n', createdAt: 'c', members: ['m'] })).toEqual({ id: 'x', createdAt: 'c', members: ['m'] });
  });

  it('a replace sends the fields it leaves out to their default, to null where required and nullable, or away', () => {
    const schema = {
      type: 'object', required: ['id', 'name', 'note', 'size', 'token'],
      properties: { id: { type: 'string' }, name: { type: 'string' }, note: { type: ['string', 'null'] }, token: { type: ['string', 'null'] } },
      allOf: [{ properties: { size: { type: 'integer' }, owner: { anyOf: [{ type: 'string' }, { type: 'null' }] } } }, { required: ['owner'] }],
    };
    const replaced = resourceWith({ schema, defaults: { size: 1 }, transient: { token: { value: 't', on: ['create'] } } });
    const data: Record<string, unknown> = { id: 'x' };
    resetOmitted(replaced, data);
    // `name` (required, not nullable, no default) keeps its previous value later; transient `token` is never stored.
    expect(data).toEqual({ id: 'x', size: 1, note: null, owner: null });
    expect(['name', 'note', 'size', 'owner', 'keep'].filter((field) => resetsOnReplace(replaced, field))).toEqual(['note', 'size', 'owner', 'keep']);
  });

  it('a create fills defaults for the fields it leaves out (copies, not shared)', () => {
    const object = resourceWith({ defaults: { tags: ['a'], size: 1 } });
    const data: Record<string, unknown> = { size: 5 };
    applyDefaults(object, data);
    expect(data).toEqual({ size: 5, tags: ['a'] });
    (data.tags as string[]).push('b');
    expect(object.defaults.tags).toEqual(['a']);
  });
});

describe('what a caller sees', () => {
  it('transient fields null unless given, owner-only fields for the owner, no writeOnly field', () => {
    const data = { id: 'x', owner: 'a', size: 2, secret: 's' };
    expect(viewOf(resource, data, 'a')).toEqual({ id: 'x', owner: 'a', size: 2, token: null });
    expect(viewOf(resource, data, 'b', { token: 'tt' })).toEqual({ id: 'x', owner: 'a', token: 'tt' });
  });

  it('keeps the record\'s field order, transient fields after it (or in place when the record holds one)', () => {
    expect(Object.keys(viewOf(resource, { size: 2, id: 'x', owner: 'a', secret: 's' }, 'a'))).toEqual(['size', 'id', 'owner', 'token']);
    expect(Object.keys(viewOf(resource, { token: 'old', id: 'x' }, 'a', { token: 't' }))).toEqual(['token', 'id']);
    const data = JSON.parse('{"id": "x", "__proto__": {"polluted": true}}') as Record<string, unknown>;
    const view = viewOf(resource, data, 'a');
    expect(Object.getPrototypeOf(view)).toBe(Object.prototype);
    expect(Object.keys(view)).toEqual(['id', '__proto__', 'token']);
  });
});

describe('what a state dump hides', () => {
  it('owner-only, secret and transient fields', () => {
    expect(hiddenFromState(resourceWith({ ownerOnlyFields: ['size'], secret: ['url'], transient: { token: { value: 't', on: ['create'] } } }))).toEqual(['size', 'url', 'token']);
    expect(hiddenFromState(resourceWith())).toEqual([]);
  });
});

describe('fitting an inferred resource to its schemas', () => {
  const schema = { type: 'object', required: ['id'], properties: { id: { type: 'string' } }, allOf: [{ required: ['name', 'size'], properties: { name: { type: 'string' }, id: { type: 'integer' } } }] };
  const inferred = resourceWith({ schema, inferredRules: new Set(['resource']) });

  it('applies to inferred resources only', () => {
    expect(fitsToSchemas(inferred)).toBe(true);
    expect(fitsToSchemas(resourceWith({ schema }))).toBe(false);
  });

  it('field schemas through allOf, the first declared winning', () => {
    expect(recordFieldSchemas(inferred)).toEqual({ id: { type: 'string' }, name: { type: 'string' } });
  });

  it('required fields left unset, in order, each with what the previous record held', () => {
    expect(unsetRequired(inferred, { id: 'x' }, { name: 'old' })).toEqual([{ field: 'name', previous: 'old' }, { field: 'size', previous: undefined }]);
    expect(unsetRequired(inferred, { id: 'x', name: 'n', size: 1 })).toEqual([]);
  });
});

describe('the schemas a write is fitted to (the mock) and read back by (the runner)', () => {
  // Two shapes of `host`: a hostname, or a socket path; `createdAt` (generated) and `keep` are declared by the second only.
  const named = { properties: { host: { type: 'object', properties: { kind: { const: 'name' }, value: { type: 'string', format: 'hostname' } } } } };
  const socket = { properties: { host: { type: 'object', properties: { kind: { const: 'socket' }, value: { type: 'string', pattern: '^/' } } }, createdAt: { type: 'string' }, keep: { type: 'string' } } };
  const tagged = resourceWith({ schema: { oneOf: [named, socket] }, generated: { createdAt: generatedRule('${now}') } });

  it('takes the shape of the fields the write stores: one the server generates does not pick it', () => {
    expect(writtenFieldSchemas(tagged, { host: { value: 'db' }, createdAt: 'c' }).host).toBe(named.properties.host);
  });

  it('takes it over what the record held before, where the written fields name no branch; the written tag decides', () => {
    expect(writtenFieldSchemas(tagged, { host: { value: '/run/db' } }, { keep: 'k' }).host).toBe(socket.properties.host);
    expect(writtenFieldSchemas(tagged, { host: { kind: 'name', value: 'db' } }, { keep: 'k', host: { kind: 'socket', value: '/tmp/x' } }).host).toBe(named.properties.host);
  });
});
