import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';

/** A Writable that keeps what is written to it. */
class Collector extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.text += chunk.toString();
    done();
  }
}

// Loose schemas deep inside components and inline: `items` without `type: array`, an unknown keyword.
const DOCUMENT = `openapi: 3.1.0
info:
  title: deep
  version: '1'
paths:
  /things:
    post:
      requestBody:
        content:
          application/json:
            schema:
              properties:
                label:
                  type: string
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Thing'
components:
  schemas:
    Thing:
      type: object
      properties:
        name:
          type: string
        tags:
          items:
            type: string
        nested:
          type: object
          properties:
            odd:
              type: string
              frobnicate: true
`;

const lineOf = (text: string) => DOCUMENT.split('\n').findIndex((line) => line.includes(text)) + 1;

let scratch: string;
let file: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'harness-strict-place-'));
  file = join(scratch, 'deep.yaml');
  await writeFile(file, DOCUMENT);
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('harness lint: ajv strict-mode warnings', () => {
  it('name the line and pointer of the schema that caused them, never line 1 of the file', async () => {
    const stdout = new Collector();
    const stderr = new Collector();
    expect(await runCli(['lint', file], { stdout, stderr })).toBe(0);
    expect(stdout.text).toContain(`ok    deep (1 operation) ${file}\n`);
    const warnings = stdout.text.split('\n').filter((line) => line.startsWith('warn'));
    expect(warnings).toContain(`warn  ${file}:${lineOf('tags:')} /components/schemas/Thing/properties/tags: JSON Schema: "items" without type "array": it applies to arrays only, and a value of any other type passes it (strictTypes)`);
    expect(warnings).toContain(`warn  ${file}:${lineOf('odd:')} /components/schemas/Thing/properties/nested/properties/odd: JSON Schema: unknown keyword "frobnicate": ignored, it checks nothing`);
    expect(warnings).toContain(`warn  ${file}:${lineOf('            schema:')} /paths/~1things/post/requestBody/content/application~1json/schema: JSON Schema: "properties" without type "object": it applies to objects only, and a value of any other type passes it (strictTypes)`);
    for (const warning of warnings) expect(warning).not.toMatch(/:1 \/|yaml \//);
  });
});
