import { beforeAll, describe, expect, it } from 'vitest';
import type { ContractModel } from '../../src/contract/model.ts';
import { loadContract } from '../../src/contract/registry.ts';
import { createSeededFaker } from '../../src/schema/faker.ts';
import { createStandaloneAjv } from '../../src/schema/ajv.ts';
import { createStandaloneCompiler } from '../../src/schema/compiler.ts';
import { deriveForeignFields } from '../../src/runner/mutations-foreign.ts';
import { deriveMutations } from '../../src/runner/mutations.ts';
import { operationOf } from './support/context.ts';

/** A strict ajv of the test's own, for schemas written here (contracts compile theirs with `contract.schemas`). */
const bodyAjv = createStandaloneAjv();

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
    const mutations = deriveMutations(widgets.schemas, body.schema, valid, body.validate, createSeededFaker(1));
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
    const first = deriveMutations(gigs.schemas, body.schema, valid, body.validate, createSeededFaker(9));
    const second = deriveMutations(gigs.schemas, body.schema, valid, body.validate, createSeededFaker(9));
    expect(second).toEqual(first);
    const perKind = new Map<string, number>();
    for (const m of first) perKind.set(m.kind, (perKind.get(m.kind) ?? 0) + 1);
    expect(Math.max(...perKind.values())).toBeLessThanOrEqual(2);
    for (const mutation of first) expect(body.validate(mutation.body), mutation.description).toBe(false);
  });

  it('looks into the oneOf branch the valid value takes', () => {
    const body = operationOf(gigs, 'createConnectSession').body!;
    const valid = { intent: { type: 'confirmPayment', confirmPayment: { payment: `pay_${'b'.repeat(28)}` } } };
    const all = [1, 2, 3, 4, 5].flatMap((seed) => deriveMutations(gigs.schemas, body.schema, valid, body.validate, createSeededFaker(seed)).map((m) => m.description));
    expect(all).toContain('`intent.confirmPayment.payment` missing');
  });

  it('derives the body with no alternative of an anyOf of required sets (an Endgrate schema item)', async () => {
    const endgrate = await loadContract('endgrate-sessions');
    const body = operationOf(endgrate, 'initiatePullSession').body!;
    const valid = { schema: [{ endgrate_type: 'crm-contact', title: 'Contact' }] };
    expect(body.validate(valid)).toBe(true);
    const all = [1, 2, 3].flatMap((seed) => deriveMutations(endgrate.schemas, body.schema, valid, body.validate, createSeededFaker(seed)));
    const none = all.find((m) => m.kind === 'combinator');
    expect(none).toMatchObject({ description: '`schema.0` has none of `endgrate_type`, `title` (anyOf requires one)', body: { schema: [{}] } });
    expect(body.validate(none!.body)).toBe(false);
  });

  it('breaks oneOf, not, dependentRequired, minItems, maxItems and uniqueItems, each re-validated', () => {
    const schema = {
      type: 'object',
      properties: {
        card: { type: 'string' }, iban: { type: 'string' }, debug: { type: 'boolean' }, name: { type: 'string' }, email: { type: 'string' },
        tags: { type: 'array', items: { type: 'string', enum: ['a', 'b', 'c', 'd'] }, minItems: 1, maxItems: 2, uniqueItems: true },
      },
      oneOf: [{ required: ['card'] }, { required: ['iban'] }],
      not: { required: ['debug'] },
      dependentRequired: { name: ['email'] },
    };
    const validate = bodyAjv.compile(schema);
    const valid = { card: '4111', name: 'Jane', email: 'jane@example.com', tags: ['a'] };
    expect(validate(valid)).toBe(true);
    const descriptions = Array.from({ length: 12 }, (_, i) => i + 1).flatMap((seed) => deriveMutations(createStandaloneCompiler(), schema, valid, validate, createSeededFaker(seed)).map((m) => {
      expect(validate(m.body), m.description).toBe(false);
      return m.description;
    }));
    expect(descriptions).toEqual(expect.arrayContaining([
      'the body has none of `card`, `iban` (oneOf requires one)',
      'the body has all of `card`, `iban` (oneOf allows one alternative)',
      'the body has `debug`, which `not` forbids',
      'the body has `name` without `email`',
      '`tags` has fewer than 1 items',
      '`tags` has more than 2 items',
      '`tags` repeats an item',
    ]));
  });

  it('leaves fields the server sets alone', async () => {
    const game = await loadContract('game-sessions');
    const body = operationOf(game, 'updateSession').body!;
    const valid = { uid: '6f1c4c1e-8a5e-4d8c-9a53-3b1b2d8e9f00', version: 0, dateModified: '2025-01-01T00:00:00Z', numTeams: 2, status: 'open' };
    const mutations = [1, 2, 3, 4, 5].flatMap((seed) => deriveMutations(game.schemas, body.schema, valid, body.validate, createSeededFaker(seed), { serverFields: new Set(['uid', 'version', 'dateModified']) }));
    expect(mutations.length).toBeGreaterThan(0);
    expect(mutations.filter((m) => ['uid', 'version', 'dateModified'].includes(m.path[0]))).toEqual([]);
  });

  it('sends a record field a closed body does not take (intent in a Gigs update)', () => {
    const update = operationOf(gigs, 'updateConnectSession');
    const [foreign, ...rest] = deriveForeignFields(gigs.schemas, update, { callbackUrl: null }, createSeededFaker(1), new Set(['id', 'object']));
    expect([foreign, ...rest].map((m) => m.path[0])).toEqual(['intent']);
    expect(foreign).toMatchObject({ kind: 'additional', description: '`intent` (a connectSession field this operation does not take)' });
    expect(update.body!.validate(foreign.body)).toBe(false);
  });
});
