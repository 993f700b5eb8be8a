import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { externalFiles } from '../../src/contract/documents.ts';
import { ContractError } from '../../src/contract/errors.ts';
import { loadContractFile, loadContractText } from '../../src/contract/load.ts';
import { parseContractSource } from '../../src/contract/source.ts';
import { validateDocument } from '../../src/contract/validate.ts';

/** A document whose one response schema is `$ref: <ref>`. */
function documentReferring(ref: string): string {
  return [
    'openapi: 3.1.0',
    'info: { title: Refs, version: 1.0.0 }',
    'paths:',
    '  /things:',
    '    get:',
    '      responses:',
    "        '200':",
    '          description: ok',
    '          content:',
    '            application/json:',
    `              schema: { $ref: '${ref}' }`,
  ].join('\n');
}

async function problemOf(load: Promise<unknown>): Promise<string> {
  const error = await load.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ContractError);
  return (error as ContractError).message;
}

describe('files a document names', () => {
  const outside = mkdtempSync(join(tmpdir(), 'harness-outside-'));
  const dir = mkdtempSync(join(tmpdir(), 'harness-refs-'));
  mkdirSync(join(dir, 'api'));
  writeFileSync(join(dir, 'shared.yaml'), 'Thing: { type: string }\n');
  writeFileSync(join(dir, 'api', 'thing.yaml'), 'Thing: { type: string }\n');
  writeFileSync(join(outside, 'secret.yaml'), 'Thing: { type: string, example: s3cr3t }\n');
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('a file below the document loads', async () => {
    writeFileSync(join(dir, 'below.yaml'), documentReferring('api/thing.yaml#/Thing'));
    expect((await loadContractFile(join(dir, 'below.yaml'))).operations).toHaveLength(1);
  });

  it('an absolute path, a path out of the folder and a link out of it are refused, naming the file', async () => {
    const secret = join(outside, 'secret.yaml');
    symlinkSync(secret, join(dir, 'api', 'linked.yaml'));
    for (const [name, ref] of [['absolute', `${secret}#/Thing`], ['parent', '../shared.yaml#/Thing'], ['link', 'linked.yaml#/Thing'], ['device', '/dev/zero']]) {
      writeFileSync(join(dir, 'api', `${name}.yaml`), documentReferring(ref));
      const message = await problemOf(loadContractFile(join(dir, 'api', `${name}.yaml`)));
      expect(message, name).toMatch(/Failed to read the referenced file .*: it is outside .*: a \$ref may only name files in the folder of the document/);
    }
  });

  it('a device, a FIFO or a UTF-16 file given as the document is refused with the reason', async () => {
    expect(await problemOf(loadContractFile('/dev/zero'))).toMatch(/Failed to read the file: it is not a regular file/);
    writeFileSync(join(dir, 'utf16.yaml'), Buffer.from('\uFEFFopenapi: 3.1.0\n', 'utf16le'));
    expect(await problemOf(loadContractFile(join(dir, 'utf16.yaml')))).toMatch(/it is encoded as UTF-16: save it as UTF-8/);
  });
});

describe('documents with huge lists', () => {
  it('finds the files of a document holding a 500,000-item enum without overflowing the stack', () => {
    const source = { file: 'a.yaml', lineOf: () => undefined, data: { enum: Array.from({ length: 500_000 }, (_, i) => i), other: { $ref: 'b.yaml#/X' } } };
    expect(externalFiles(source)).toEqual(['b.yaml']);
  });

  it('reports 300,000 invalid tags in seconds, not hours (ajv gathers item errors in quadratic time)', () => {
    const document = { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {}, tags: Array.from({ length: 300_000 }, (_, i) => i) };
    const { problems } = validateDocument('tags.json', document, () => undefined);
    expect(problems[0]).toMatchObject({ pointer: '/tags/0', message: 'OpenAPI 3.1: must be object' });
  });
});

describe('recursive YAML aliases', () => {
  it('an alias inside its own anchor is refused at its line (the data would be a cycle every walk follows forever)', () => {
    for (const [text, line] of [['openapi: 3.1.0\nx: &a\n  y: *a\n', 3], ['openapi: 3.1.0\nlist: &l\n  - 1\n  - [*l]\n', 4]] as const) {
      let error: unknown;
      try {
        parseContractSource('cycle.yaml', text);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ContractError);
      expect((error as ContractError).problems[0]).toMatchObject({ line, message: expect.stringMatching(/an alias inside its own anchor makes a cycle/) });
    }
  });

  it('an anchor used beside itself, not inside, still loads', () => {
    expect(parseContractSource('ok.yaml', 'openapi: 3.1.0\na: &a { t: 1 }\nb: { c: *a, d: *a }\n').data).toEqual({ openapi: '3.1.0', a: { t: 1 }, b: { c: { t: 1 }, d: { t: 1 } } });
  });
});

describe('a schema that is only a $ref to itself', () => {
  it('is an error that says so, not "Maximum call stack size exceeded"', () => {
    const text = documentReferring('#/components/schemas/Pet').replace('openapi: 3.1.0', 'openapi: 3.1.0\ncomponents:\n  schemas:\n    Pet: { $ref: "#/components/schemas/Pet" }');
    let message = '';
    try {
      loadContractText('self.yaml', text);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('Invalid JSON Schema: a $ref chain that reaches itself with no schema between');
    expect(message).not.toContain('Maximum call stack');
  });
});

describe('a file of several YAML documents', () => {
  it('is refused in words about the file, not the parser library', () => {
    let message = '';
    try {
      parseContractSource('multi.yaml', 'openapi: 3.1.0\n---\nopenapi: 3.0.3\n');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('multi.yaml:2 /: Invalid YAML: the file holds several YAML documents (separated by ---); a contract is one document');
    expect(message).not.toContain('parseAllDocuments');
  });
});
