import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { compiledMetaSchemaCode } from '../../src/contract/checked-build.ts';
import { CONTRACTS_DIR, listBundledContractIds } from '../../src/contract/registry.ts';
import { parseContractSource } from '../../src/contract/source.ts';
import { DRAFT_2020, schemaProblems, type MetaSchemaCheck } from '../../src/schema/meta-schema.ts';

/** The build's compiled meta-schema validator, loaded the way a CommonJS file is (checked-documents.ts). */
function loadCompiled(): MetaSchemaCheck {
  const module = { exports: {} as unknown };
  new Function('module', 'exports', 'require', compiledMetaSchemaCode())(module, module.exports, createRequire(import.meta.url));
  return module.exports as MetaSchemaCheck;
}

/** Every object and array in a value: schemas, and things that are not schemas at all (paths, responses...). */
function everyNode(value: unknown, into: unknown[] = []): unknown[] {
  if (value === null || typeof value !== 'object') return into;
  into.push(value);
  for (const child of Object.values(value)) everyNode(child, into);
  return into;
}

const HOSTILE: unknown[] = [
  true, false, [], {}, { type: 'foo' }, { type: ['string', 3] }, { minLength: -1 }, { items: { type: 3 } },
  { properties: { a: { maxItems: 1.5 } } }, { $defs: { x: { enum: 'no' } } }, { required: ['a', 'a'] },
  { pattern: '[[' }, { $id: ':: not a uri' }, { $schema: DRAFT_2020, minimum: '1' }, { $schema: `${DRAFT_2020}#`, type: 'string' },
  { allOf: [] }, { anyOf: [{ type: 'string' }, 5] }, { prefixItems: [{}, { const: 1 }], items: false },
  { dependentRequired: { a: [1] } }, { additionalProperties: { $ref: 7 } }, { unevaluatedProperties: { type: 'nope' } },
  { properties: { deep: { properties: { deeper: { items: { type: 'integer', multipleOf: 0 } } } } } },
];

describe('the meta-schema validator the build compiles to code', () => {
  const compiled = loadCompiled();
  const bundled = listBundledContractIds().flatMap((id) => {
    const file = join(CONTRACTS_DIR, `${id}.yaml`);
    return everyNode(parseContractSource(file, readFileSync(file, 'utf8')).data);
  });

  it('finds the same problems, in the same words, as the meta-schema compiled at run time', () => {
    const cases = [...HOSTILE, ...bundled];
    let invalid = 0;
    for (const schema of cases) {
      const expected = schemaProblems(schema, null);
      expect(schemaProblems(schema, compiled), JSON.stringify(schema).slice(0, 200)).toBe(expected);
      if (typeof expected === 'string') invalid++;
    }
    // Both kinds were compared: valid schemas, and nodes (paths, responses, hostile ones) the meta-schema refuses.
    expect(invalid).toBeGreaterThan(20);
    expect(cases.length - invalid).toBeGreaterThan(100);
  });

  it('gives the same error objects as the own ajv of the document check (contract/schema-syntax.ts)', () => {
    const syntaxAjv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
    let compared = 0;
    for (const schema of [...HOSTILE, ...bundled]) {
      if (typeof schema !== 'object' || schema === null) continue;
      const valid = syntaxAjv.validateSchema(schema) === true;
      expect(compiled(schema)).toBe(valid);
      expect(compiled.errors ?? null).toEqual(valid ? null : syntaxAjv.errors);
      compared++;
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('gathers errors in place, as the run-time validators do (schema/linear-errors.ts), not by concat', () => {
    const code = compiledMetaSchemaCode();
    expect(code).not.toMatch(/vErrors\.concat\(/);
    expect(code).toContain('vErrors.push(e[i])');
  });

  it('leaves a schema of another dialect to its own ajv, as the run-time check does', () => {
    const schema = { $schema: 'http://json-schema.org/draft-07/schema#', type: 'string' };
    expect(schemaProblems(schema, compiled)).toBeUndefined();
    expect(schemaProblems(schema, null)).toBeUndefined();
  });
});
