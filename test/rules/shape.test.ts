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

  it('a branch whose enum leaves a value out loses to one that holds every value, however many fields it declares', () => {
    // A replace turning an email receiver into a slack one: the stored email fields do not make it an email one.
    const email = { properties: { kind: { const: 'email' }, to: {}, from: {}, host: {}, tls: {} } };
    const slack = { required: ['url'], properties: { kind: { const: 'slack' } } };
    expect(shapeFor({ oneOf: [email, slack] }, { kind: 'slack', to: 'a', from: 'b', host: 'c', tls: true }).required).toEqual(['url']);
  });

  it('a tag inside an object field picks the branch: `configuration.type` names the shape the record takes', () => {
    const base = { required: ['name', 'configuration'], properties: { name: { type: 'string' } } };
    const recentConfiguration = { type: 'object', required: ['source'], properties: { type: { enum: ['recent_value'] }, source: { type: 'string' } } };
    const externalConfiguration = { type: 'object', properties: { type: { enum: ['external_data'] }, data_type: { enum: ['string', 'number'] } } };
    const record = { oneOf: [{ allOf: [base, { properties: { configuration: recentConfiguration } }] }, { allOf: [base, { properties: { configuration: externalConfiguration } }] }] };
    const chosen = (data: Record<string, unknown>) => shapeFor(record, data).schemas.configuration;
    expect(chosen({ name: 'n', configuration: { type: 'external_data', data_type: 'number' } })).toBe(externalConfiguration);
    expect(chosen({ name: 'n', configuration: { type: 'recent_value', source: 'event.summary' } })).toBe(recentConfiguration);
    // Deeper still: a field of the configuration that is itself an object with a tag.
    const deep = (tag: string) => ({ properties: { settings: { type: 'object', properties: { mode: { type: 'object', properties: { kind: { const: tag } } } } } } });
    expect(shapeFor({ oneOf: [deep('a'), deep('b')] }, { settings: { mode: { kind: 'b' } } }).schemas.settings).toEqual(deep('b').properties.settings);
  });

  it('a value nested in choices at every level is scored once per schema, choosing by the innermost tag too', () => {
    // 12 branches at each of 8 levels, each holding the next level twice: scoring every way through would never end.
    let node: object = { type: 'object', properties: { leaf: { type: 'string' } } };
    for (let level = 0; level < 8; level++) {
      const inner = node;
      node = { oneOf: Array.from({ length: 12 }, (_, i) => ({ type: 'object', properties: { tag: { const: `t${i}` }, a: inner, b: inner } })) };
    }
    let data: Record<string, unknown> = { leaf: 'x' };
    for (let level = 0; level < 8; level++) data = { tag: 't11', a: data, b: structuredClone(data) };
    expect(shapeFor(node, data).schemas.tag).toEqual({ const: 't11' });
  });

  it('the stored rule asks it: every declaration of a field along the shape holds, and a replace resets by it', () => {
    const resource = resourceWith({ schema: RECORD });
    expect(fieldSchemasFor(resource, { kind: 'wireless' }).team_id).toEqual(WIRELESS.properties.team_id);
    expect(unsetRequired(resource, { id: 'g', title: 't', kind: 'wired', ports: [], shared: false, team_id: 't' }).map(({ field }) => field)).toEqual(['audited']);
    expect(resetsOnReplace(resource, 'ports', { kind: 'wired' })).toBe(false);
    expect(resetsOnReplace(resource, 'ports', { kind: 'wireless' })).toBe(true);
  });
});
