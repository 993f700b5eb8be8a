import { describe, expect, it } from 'vitest';
import { shapeFor } from '../../src/rules/shape.ts';
import { fieldSchemasFor, resetsOnReplace, unsetRequired } from '../../src/rules/stored.ts';
import { resourceWith } from './support.ts';

// allOf [base, oneOf [wired (allOf [fields, oneOf [shared, team-owned, audited]]), wireless]]
const SHARED = { required: ['shared'], properties: { shared: { const: true } } };
const TEAM = { required: ['shared', 'audited', 'team_id'], properties: { shared: { const: false }, audited: { const: false }, team_id: { type: 'string' } } };
const AUDITED = { required: ['shared', 'audited'], properties: { shared: { const: false }, audited: { const: true } } };
const WIRED = { allOf: [{ required: ['kind', 'ports'], properties: { kind: { const: 'wired' }, ports: { type: 'array' } } }, { oneOf: [SHARED, TEAM, AUDITED] }] };
const WIRELESS = { required: ['kind', 'team_id'], properties: { kind: { const: 'wireless' }, team_id: { type: 'string', minLength: 1 } } };
const RECORD = { allOf: [{ required: ['id', 'title'], properties: { id: { type: 'string' }, title: { type: 'string' } } }, { oneOf: [WIRED, WIRELESS] }] };

describe('the shape a value fits through nested oneOf', () => {
  it('takes, at each level, the branch the data fits best, and requires what that branch requires', () => {
    expect(shapeFor(RECORD, { kind: 'wired', shared: false, team_id: 't' }).required).toEqual(['id', 'title', 'kind', 'ports', 'shared', 'audited', 'team_id']);
    expect(shapeFor(RECORD, { kind: 'wired', shared: true }).required).toEqual(['id', 'title', 'kind', 'ports', 'shared']);
    expect(shapeFor(RECORD, { kind: 'wireless', team_id: 't' }).required).toEqual(['id', 'title', 'kind', 'team_id']);
  });

  it('a value another branch names (a discriminator) counts against a branch that declares more fields', () => {
    expect(shapeFor({ oneOf: [{ properties: { kind: { const: 'a' }, x: {}, y: {} } }, { required: ['z'], properties: { kind: { const: 'b' } } }] }, { kind: 'b', x: 1, y: 2 }).required).toEqual(['z']);
  });

  it('the stored rule asks it: every declaration of a field along the shape holds, and a replace resets by it', () => {
    const resource = resourceWith({ schema: RECORD });
    expect(fieldSchemasFor(resource, { kind: 'wireless' }).team_id).toEqual(WIRELESS.properties.team_id);
    expect(unsetRequired(resource, { id: 'g', title: 't', kind: 'wired', ports: [], shared: false, team_id: 't' }).map(({ field }) => field)).toEqual(['audited']);
    expect(resetsOnReplace(resource, 'ports', { kind: 'wired' })).toBe(false);
    expect(resetsOnReplace(resource, 'ports', { kind: 'wireless' })).toBe(true);
  });
});
