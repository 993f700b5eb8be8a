import { describe, expect, it } from 'vitest';
import { listBundledContractIds, loadContract } from '../../src/contract/registry.ts';
import type { ContractModel } from '../../src/contract/model.ts';
import { createStandaloneCompiler } from '../../src/schema/compiler.ts';
import { fullValidatorOf, mentionsContains, QUICK_CHECK_AFTER, quickTwinOf, withQuickCheck } from '../../src/schema/quick-check.ts';
import type { Validator } from '../../src/schema/ajv.ts';
import { createSeededFaker, sampleFromSchema } from '../../src/schema/sample.ts';

/** A stand-in validator: answers what `answer` says and records each call. */
function fake(answer: (value: unknown) => boolean, errors: unknown[] = [{ keyword: 'fake' }]): Validator & { calls: number } {
  const validate = ((value: unknown) => {
    validate.calls++;
    const valid = answer(value);
    validate.errors = (valid ? null : errors) as Validator['errors'];
    return valid;
  }) as Validator & { calls: number };
  validate.calls = 0;
  validate.errors = null;
  return validate;
}

describe('withQuickCheck', () => {
  it('runs the full validator alone until the twin is due, then answers valid values through the twin', () => {
    const full = fake((value) => value === 1);
    const twin = fake((value) => value === 1);
    let compiled = 0;
    const validate = withQuickCheck(full, () => (compiled++, twin), 2);
    validate(1);
    validate(1);
    expect(compiled).toBe(0);
    expect(validate(1)).toBe(true);
    expect(compiled).toBe(1);
    expect(full.calls).toBe(2);
    expect(validate.errors).toBeNull();
    expect(validate(2)).toBe(false);
    expect(full.calls).toBe(3);
    expect(validate.errors).toEqual([{ keyword: 'fake' }]);
    expect(fullValidatorOf(validate)).toBe(full);
    expect(quickTwinOf(validate)).toBe(twin);
  });

  it("returns the full validator's answer when the twin refuses (even a twin that is wrong), or overflows the stack", () => {
    const full = fake(() => true);
    const validate = withQuickCheck(full, () => fake(() => false), 0);
    expect(validate('x')).toBe(true);
    expect(validate.errors).toBeNull();
    const deep = withQuickCheck(full, () => (() => { throw new RangeError('Maximum call stack size exceeded'); }) as unknown as Validator, 0);
    expect(deep('x')).toBe(true);
  });

  it('keeps to the full validator when the twin cannot be compiled', () => {
    const full = fake((value) => value === 1);
    let attempts = 0;
    const validate = withQuickCheck(full, () => { attempts++; throw new Error('no'); }, 0);
    expect([validate(1), validate(2), validate(1)]).toEqual([true, false, true]);
    expect(attempts).toBe(1);
    expect(full.calls).toBe(3);
  });
});

/** Values around a sample: itself, then each part removed, retyped or replaced by odd strings and numbers. */
function variants(sample: unknown): unknown[] {
  const odd: unknown[] = [null, 0, -1, 1.5, 1e308, '', 'x', 'not a uri', 'http://[::1', 'a@b', 'mailto:a@b.c', '2026-02-30', '2026-01-01T00:00:00Z', '00000000-0000-4000-8000-000000000000', 'x'.repeat(300), true, {}, [], [1, 'a']];
  const out: unknown[] = [sample, ...odd];
  const visit = (value: unknown, replace: (next: unknown) => unknown, depth: number): void => {
    if (depth > 3 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      out.push(replace([...value, ...odd.slice(0, 3)]), replace([]));
      value.forEach((item, index) => {
        for (const next of odd.slice(0, 8)) out.push(replace(value.map((v, i) => (i === index ? next : v))));
        visit(item, (next) => replace(value.map((v, i) => (i === index ? next : v))), depth + 1);
      });
      return;
    }
    const object = value as Record<string, unknown>;
    out.push(replace({ ...object, unexpectedProperty: 1 }));
    for (const key of Object.keys(object)) {
      const { [key]: _removed, ...rest } = object;
      out.push(replace(rest));
      for (const next of odd) out.push(replace({ ...object, [key]: next }));
      visit(object[key], (next) => replace({ ...object, [key]: next }), depth + 1);
    }
  };
  visit(sample, (next) => next, 0);
  return out;
}

/** Every body, response and record schema of a contract. */
function schemasOf(contract: ContractModel): object[] {
  const schemas = new Set<object>();
  for (const operation of contract.operations) {
    for (const { schema } of operation.body?.byMediaType.values() ?? []) if (schema) schemas.add(schema);
    for (const response of operation.responses.values()) if (response.schema) schemas.add(response.schema);
    schemas.add(operation.behaviour.resource.schema);
  }
  return [...schemas];
}

/** Asserts the quick-checked validator and its full validator agree, answer and errors, on every value. */
function expectAgreement(validate: Validator, values: readonly unknown[], twin = true): number {
  const full = fullValidatorOf(validate);
  expect(full).not.toBe(validate);
  for (let i = 0; i <= QUICK_CHECK_AFTER; i++) validate(values[0]);
  expect(quickTwinOf(validate) !== undefined).toBe(twin);
  let refused = 0;
  for (const value of values) {
    const quick = validate(value);
    const quickErrors = validate.errors;
    const expected = full(value);
    expect(quick).toBe(expected);
    expect(quickErrors).toEqual(full.errors);
    if (!expected) refused++;
  }
  return refused;
}

describe('quick-checked validators agree with the full validator', () => {
  it.each(listBundledContractIds())('on sampled and broken values of every schema of %s', async (id) => {
    const contract = await loadContract(id);
    let checked = 0;
    let refused = 0;
    for (const schema of schemasOf(contract)) {
      const validate = contract.schemas.tryCompile(schema);
      if (!validate) continue;
      const values: unknown[] = [];
      for (let seed = 1; seed <= 4; seed++) {
        values.push(...variants(sampleFromSchema(schema, createSeededFaker(seed), { compile: contract.schemas.tryCompile })));
      }
      refused += expectAgreement(validate, values);
      checked += values.length;
    }
    expect(checked).toBeGreaterThan(1000);
    // Both answers occur: the comparison covers refusals (full errors) and acceptances (the twin's answer).
    expect(refused).toBeGreaterThan(100);
    expect(refused).toBeLessThan(checked);
  });

  it('on schemas built to differ between a first-error and an all-errors validation', () => {
    const compiler = createStandaloneCompiler();
    const schemas: object[] = [
      { oneOf: [{ type: 'object', required: ['a'], properties: { a: { const: 1 } } }, { type: 'object', required: ['b'], additionalProperties: false, properties: { b: { type: 'string', format: 'uri' } } }] },
      { type: 'object', anyOf: [{ properties: { a: { type: 'string' } } }, { properties: { b: { type: 'integer' } } }], unevaluatedProperties: false },
      { type: 'object', if: { properties: { kind: { const: 'mail' } } }, then: { required: ['email'], properties: { email: { format: 'email' } } }, else: { properties: { at: { format: 'date-time' } } } },
      { type: 'object', dependentRequired: { a: ['b'] }, propertyNames: { pattern: '^[a-z]+$' }, not: { required: ['forbidden'] } },
      { $defs: { node: { type: 'object', properties: { next: { $ref: '#/$defs/node' }, value: { type: 'string', format: 'date' } } } }, $ref: '#/$defs/node' },
    ];
    const values = [
      { a: 1 }, { b: 'https://example.com/x' }, { b: 'not a uri' }, { a: 1, b: 'https://example.com' }, { a: 'x', b: 1 }, { a: 'x', c: 1 },
      { kind: 'mail', email: 'a@b.co' }, { kind: 'mail', email: 'nope' }, { kind: 'mail' }, { at: '2026-01-01T00:00:00Z' }, { at: 'yesterday' },
      ['00000000-0000-4000-8000-000000000000', 0, 2], ['x', 0], ['00000000-0000-4000-8000-000000000000', 1], [], { b: 1 }, { a: 1, B: 2 }, { forbidden: 1 },
      { next: { next: { value: '2026-01-01' } } }, { next: { next: { value: '2026-13-01' } } }, { value: 3 }, null, 'x', 7,
    ];
    let refused = 0;
    for (const schema of schemas) refused += expectAgreement(compiler.compile(schema), values);
    expect(refused).toBeGreaterThan(schemas.length);
    expect(refused).toBeLessThan(schemas.length * values.length);
  });

  it('makes no twin for a schema that may reach `contains` (ajv\'s first-error code accepts [] here)', () => {
    const schema = { type: 'object', properties: { tags: { type: 'array', prefixItems: [{ type: 'string', format: 'uuid' }], items: { type: 'number' }, contains: { const: 0 } } } };
    const values = [{ tags: [] }, { tags: ['00000000-0000-4000-8000-000000000000', 0] }, { tags: ['x', 0] }, { tags: [1] }];
    const validate = createStandaloneCompiler().compile(schema);
    expect(expectAgreement(validate, values, false)).toBe(3);
    expect(validate({ tags: [] })).toBe(false);
    expect(mentionsContains({ properties: { contains: { type: 'string' } } })).toBe(true);
    expect(mentionsContains({ items: [{ enum: ['contains'] }] })).toBe(false);
  });
});
