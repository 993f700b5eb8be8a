import { beforeAll, describe, expect, it } from 'vitest';
import type { ContractModel } from '../../src/contract/model.ts';
import { loadContract } from '../../src/contract/registry.ts';
import { createSeededFaker } from '../../src/schema/faker.ts';
import { deriveMutations } from '../../src/runner/mutations.ts';
import { operationOf } from './support/context.ts';

let widgets: ContractModel;
let gigs: ContractModel;

beforeAll(async () => {
  widgets = await loadContract('test/runner/fixtures/widgets.yaml');
  gigs = await loadContract('gigs-connect-sessions');
});

describe('deriveMutations', () => {
  it('derives each kind of invalid body, and only ones the validator rejects', () => {
    const body = operationOf(widgets, 'createWidget').body!;
    const valid = { name: 'Gear', size: 2, color: 'red', dims: { w: 1, h: 2 } };
    expect(body.validate(valid)).toBe(true);
    const mutations = deriveMutations(body.schema, valid, body.validate, createSeededFaker(1));
    for (const mutation of mutations) expect(body.validate(mutation.body), mutation.description).toBe(false);
    const kinds = new Set(mutations.map((m) => m.kind));
    expect(kinds).toEqual(new Set(['missing', 'type', 'enum', 'format', 'range', 'additional']));
    expect(mutations).toContainEqual(expect.objectContaining({ kind: 'missing', description: '`name` missing', body: { size: 2, color: 'red', dims: { w: 1, h: 2 } } }));
    expect(mutations).toContainEqual(expect.objectContaining({ kind: 'additional', description: 'unknown property `harnessUnexpected`' }));
    expect(mutations.find((m) => m.kind === 'enum')).toMatchObject({ path: ['color'], inferred: true });
    expect(valid).toEqual({ name: 'Gear', size: 2, color: 'red', dims: { w: 1, h: 2 } });
  });

  it('keeps at most two per kind, the same ones for the same seed', () => {
    const body = operationOf(gigs, 'createConnectSession').body!;
    const valid = { intent: { type: 'checkoutNewSubscription', checkoutNewSubscription: { plan: `pln_${'a'.repeat(28)}` } }, callbackUrl: 'https://example.com/done', appearance: { theme: 'dark' } };
    expect(body.validate(valid)).toBe(true);
    const first = deriveMutations(body.schema, valid, body.validate, createSeededFaker(9));
    const second = deriveMutations(body.schema, valid, body.validate, createSeededFaker(9));
    expect(second).toEqual(first);
    const perKind = new Map<string, number>();
    for (const m of first) perKind.set(m.kind, (perKind.get(m.kind) ?? 0) + 1);
    expect(Math.max(...perKind.values())).toBeLessThanOrEqual(2);
    for (const mutation of first) expect(body.validate(mutation.body), mutation.description).toBe(false);
  });

  it('looks into the oneOf branch the valid value takes', () => {
    const body = operationOf(gigs, 'createConnectSession').body!;
    const valid = { intent: { type: 'confirmPayment', confirmPayment: { payment: `pay_${'b'.repeat(28)}` } } };
    const all = [1, 2, 3, 4, 5].flatMap((seed) => deriveMutations(body.schema, valid, body.validate, createSeededFaker(seed)).map((m) => m.description));
    expect(all).toContain('`intent.confirmPayment.payment` missing');
  });
});
