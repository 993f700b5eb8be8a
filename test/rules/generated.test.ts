import { describe, expect, it } from 'vitest';
import {
  alwaysGenerated, changesOnEveryUpdate, clientOmits, generatedRules, generatedShape, generatesOn, keepsCreatedValue, overridesBody, uniqueAcrossScopes, uniqueValue, valueSource,
} from '../../src/rules/generated.ts';
import { generatedRule, resourceWith } from './support.ts';

describe('generatesOn', () => {
  it('fires on the events the rule lists', () => {
    const rule = generatedRule('${now}', { on: ['create', 'update'] });
    expect(generatesOn(rule, 'create', {})).toBe(true);
    expect(generatesOn(rule, 'update', undefined)).toBe(true);
    expect(generatesOn(generatedRule('${uuid}'), 'update', {})).toBe(false);
    expect(generatesOn(generatedRule('${now}', { on: ['update'] }), 'update', {})).toBe(true);
  });

  it('with `when`, fires only if the body carries that field (not null)', () => {
    const rule = generatedRule('usr_${alnum:28}', { on: ['create', 'update'], when: 'userDetails' });
    expect(generatesOn(rule, 'create', { userDetails: { name: 'a' } })).toBe(true);
    expect(generatesOn(rule, 'create', { userDetails: null })).toBe(false);
    expect(generatesOn(rule, 'update', {})).toBe(false);
    expect(overridesBody(rule, {})).toBe(false);
    expect(overridesBody(rule, { userDetails: {} })).toBe(true);
    expect(overridesBody(generatedRule('x'), {})).toBe(true);
  });
});

describe('what a client body may carry', () => {
  const resource = resourceWith({
    generated: { id: generatedRule('${uuid}'), user: generatedRule('u', { when: 'userDetails' }) },
  });
  it('leaves out unconditional generated fields, and both sides of a `when` rule', () => {
    expect(alwaysGenerated(resource, 'id')).toBe(true);
    expect(alwaysGenerated(resource, 'user')).toBe(false);
    expect(alwaysGenerated(resource, 'name')).toBe(false);
    expect(clientOmits(resource).sort()).toEqual(['id', 'user', 'userDetails']);
  });
});

describe('after the create', () => {
  it('a create-only field keeps its value; an every-update field must change', () => {
    expect(keepsCreatedValue(generatedRule('${uuid}'))).toBe(true);
    expect(keepsCreatedValue(generatedRule('${now}', { on: ['create', 'update'] }))).toBe(false);
    expect(keepsCreatedValue(generatedRule('u', { when: 'x' }))).toBe(false);
    expect(changesOnEveryUpdate(generatedRule('${now}', { on: ['create', 'update'] }))).toBe(true);
    expect(changesOnEveryUpdate(generatedRule('u', { on: ['update'], when: 'x' }))).toBe(false);
    expect(changesOnEveryUpdate(generatedRule('${uuid}'))).toBe(false);
  });
});

describe('valueSource', () => {
  it('tells the counter and the sample from rendered templates', () => {
    expect(valueSource(generatedRule('${counter}'))).toBe('counter');
    expect(valueSource(generatedRule('${sample}'))).toBe('sample');
    expect(valueSource(generatedRule('id_${counter}'))).toBe('template');
  });
});

describe('uniqueValue', () => {
  it('suffixes 2, 3... until the value is free; only strings', () => {
    const taken = new Set(['demo', 'demo2']);
    expect(uniqueValue('demo', (v) => taken.has(v as string))).toBe('demo3');
    expect(uniqueValue('other', (v) => taken.has(v as string))).toBe('other');
    expect(uniqueValue(7, () => true)).toBe(7);
  });

  it('judges the key across scopes, other fields within one', () => {
    const resource = resourceWith({ key: 'name' });
    expect(uniqueAcrossScopes(resource, 'name')).toBe(true);
    expect(uniqueAcrossScopes(resource, 'label')).toBe(false);
  });
});

describe('generatedShape', () => {
  it('matches what the template renders: text, random alphabets, uuids', () => {
    const shape = generatedShape(generatedRule('csn_${alnum:4}'), {})!;
    expect(shape.test('csn_aB3x')).toBe(true);
    expect(shape.test('csn_aB3')).toBe(false);
    expect(shape.test('xsn_aB3x')).toBe(false);
    const uuid = generatedShape(generatedRule('${uuid}'), {})!;
    expect(uuid.test('123e4567-e89b-42d3-a456-426614174000')).toBe(true);
    expect(uuid.test('nope')).toBe(false);
  });

  it('uses the caller and the path values when known, with a unique suffix allowed', () => {
    expect(generatedShape(generatedRule('${principal}'), { principal: 'usr.1' })!.test('usr.1')).toBe(true);
    expect(generatedShape(generatedRule('${principal}'), { principal: 'usr.1' })!.test('usrx1')).toBe(false);
    expect(generatedShape(generatedRule('${principal}'), {})).toBeUndefined();
    const unique = generatedShape(generatedRule('${path.project}', { unique: true }), { path: { project: 'demo' } })!;
    expect(unique.test('demo')).toBe(true);
    expect(unique.test('demo3')).toBe(true);
    expect(unique.test('other')).toBe(false);
  });

  it('says nothing for templates without checkable parts, or non-strings', () => {
    expect(generatedShape(generatedRule('${now}'), {})).toBeUndefined();
    expect(generatedShape(generatedRule('${record.name}'), {})).toBeUndefined();
    expect(generatedShape(generatedRule({ a: 1 }), {})).toBeUndefined();
  });
});

describe('generatedRules', () => {
  it('lists each generated field with its rule', () => {
    const createdAt = generatedRule('${now}');
    expect(generatedRules(resourceWith({ generated: { createdAt } }))).toEqual([['createdAt', createdAt]]);
    expect(generatedRules(resourceWith())).toEqual([]);
  });
});
