import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';

/** Vendor documents split one file per schema and per example: well over a few hundred files. */
describe('a document split into many files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'harness-many-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads when its references reach 700 files', async () => {
    const count = 700;
    const properties: string[] = [];
    for (let i = 0; i < count; i += 1) {
      writeFileSync(join(dir, `field-${i}.yaml`), `type: string\ndescription: field ${i}\n`);
      properties.push(`            f${i}: { $ref: 'field-${i}.yaml' }`);
    }
    writeFileSync(join(dir, 'root.yaml'), [
      'openapi: 3.0.3',
      'info: { title: Many files, version: 1.0.0 }',
      'paths:',
      '  /things:',
      '    get:',
      '      responses:',
      "        '200':",
      '          description: ok',
      '          content:',
      '            application/json:',
      '              schema:',
      '                type: object',
      '                properties:',
      ...properties.map((line) => `      ${line}`),
    ].join('\n'));
    const contract = await loadContractFile(join(dir, 'root.yaml'));
    expect(contract.operations).toHaveLength(1);
  });
});
