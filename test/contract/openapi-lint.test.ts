import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Spectral, type ISpectralDiagnostic, type RulesetDefinition } from '@stoplight/spectral-core';
// A CommonJS package whose named exports Node cannot detect: take them from the default export.
import Parsers from '@stoplight/spectral-parsers';
import { oas } from '@stoplight/spectral-rulesets';
import { beforeAll, describe, expect, it } from 'vitest';
import { escapePointer } from '../../src/contract/errors.ts';
import { BUNDLED_IDS, editMinimal, MINIMAL_FILE, REPO_ROOT } from './support.ts';

/**
 * The bundled contracts checked by a standard OpenAPI linter, independent of our own loader: Spectral with
 * its `spectral:oas` ruleset (OpenAPI 3.1 schema, examples against schemas, unique operationIds, path
 * parameters, unused components...). Errors fail the test; warnings are printed, not failed.
 */
const ERROR = 0;
const SEVERITY = ['error', 'warn', 'info', 'hint'];

let spectral: Spectral;
beforeAll(() => {
  spectral = new Spectral();
  // The ruleset's declared type is narrower than the definition Spectral accepts (it has no `extends`).
  spectral.setRuleset(oas as RulesetDefinition);
});

async function lint(file: string, text = readFileSync(file, 'utf8')): Promise<ISpectralDiagnostic[]> {
  return spectral.run(new Document(text, Parsers.Yaml, file));
}

function describeDiagnostic(file: string, d: ISpectralDiagnostic): string {
  return `${file}:${d.range.start.line + 1} ${SEVERITY[d.severity]} ${d.code} /${d.path.map(escapePointer).join('/')}: ${d.message}`;
}

describe('spectral:oas on the bundled contracts', () => {
  it.each(BUNDLED_IDS)('%s has no errors', async (id) => {
    const file = join(REPO_ROOT, 'contracts', `${id}.yaml`);
    const diagnostics = await lint(file);
    const errors = diagnostics.filter((d) => d.severity === ERROR);
    const others = diagnostics.filter((d) => d.severity !== ERROR);
    if (others.length > 0) console.info(`spectral:oas, ${others.length} non-error finding(s) in contracts/${id}.yaml:\n  ${others.map((d) => describeDiagnostic(`contracts/${id}.yaml`, d)).join('\n  ')}`);
    expect(errors.map((d) => describeDiagnostic(`contracts/${id}.yaml`, d))).toEqual([]);
  });
});

describe('the linter itself', () => {
  it('passes the minimal test contract', async () => {
    const diagnostics = await lint(MINIMAL_FILE);
    expect(diagnostics.filter((d) => d.severity === ERROR).map((d) => describeDiagnostic('minimal.yaml', d))).toEqual([]);
  });

  it('does report errors (so a clean run means something)', async () => {
    const broken = editMinimal(
      ['operationId: getWidget', 'operationId: listWidgets'],
      ['schema: {type: integer, minimum: 1, maximum: 50}', 'schema: {type: integer, minimum: 1, maximum: 50, example: many}'],
      ['  version: 0.0.1\n', ''],
    );
    const codes = (await lint(MINIMAL_FILE, broken)).filter((d) => d.severity === ERROR).map((d) => d.code);
    expect(codes).toEqual(expect.arrayContaining(['operation-operationId-unique', 'oas3-valid-schema-example', 'oas3-schema']));
  });
});
