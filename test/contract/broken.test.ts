import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContractFile, loadContractText, readContractSource } from '../../src/contract/load.ts';
import { contractErrorOf, DATA_DIR, editMinimal, expectProblem, lineContaining, MINIMAL_FILE } from './support.ts';

/**
 * One test per kind of breakage. Each starts from test/data/contracts/minimal.yaml (valid) with a small
 * text edit, and asserts the ContractError's code and that its message names the file, the JSON pointer
 * and the line of the problem.
 */
const FILE = MINIMAL_FILE;
const load = (text: string) => contractErrorOf(() => loadContractText(FILE, text));

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'harness-contract-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('a contract that cannot be read or parsed', () => {
  it('unreadable: a missing file', async () => {
    const file = join(DATA_DIR, 'does-not-exist.yaml');
    const error = await contractErrorOf(() => loadContractFile(file));
    expectProblem(error, { code: 'UNREADABLE', file, pointer: '', line: undefined, message: /Failed to read the file: no such file/ });
  });

  it('unreadable: a directory', async () => {
    const error = await contractErrorOf(() => readContractSource(DATA_DIR));
    expectProblem(error, { code: 'UNREADABLE', file: DATA_DIR, pointer: '', line: undefined, message: /Failed to read the file/ });
  });

  it('bad YAML syntax', async () => {
    const text = editMinimal(['  title: Minimal Widgets\n', '  title: Minimal: Widgets\n']);
    expectProblem(await load(text), { code: 'YAML', file: FILE, pointer: '', line: lineContaining(text, 'Minimal: Widgets'), message: /Invalid YAML: Nested mappings/ });
  });

  it('bad YAML syntax early in a file: the first errors are listed, not one per token that follows', async () => {
    const text = editMinimal(['  version: 0.0.1\n', '  version: 0.0.1\n  x-list: {a: b[c], d: e}\n']) + '\n'.repeat(3) + 'more: {a: [1, 2], b: {c: d}}\n'.repeat(40);
    const error = await load(text);
    expect(error.code).toBe('YAML');
    expect(error.problems.length).toBeLessThanOrEqual(11);
    expect(error.problems.at(-1)!.message).toMatch(/Invalid YAML: \d+ more errors/);
  });

  it('bad YAML syntax: a tab as indentation', async () => {
    const text = editMinimal(['  version: 0.0.1\n', '  version: 0.0.1\n\tbad: tab\n']);
    expectProblem(await load(text), { code: 'YAML', file: FILE, pointer: '', line: lineContaining(text, 'bad: tab'), message: /Invalid YAML: Tabs are not allowed/ });
  });

  it('bad YAML syntax, in a file on disk', async () => {
    const file = join(scratch, 'bad-yaml.yaml');
    await writeFile(file, 'openapi: 3.1.0\ninfo: {title: x\n');
    const error = await contractErrorOf(() => loadContractFile(file));
    expect(error.code).toBe('YAML');
    expect(error.message).toMatch(new RegExp(`${file}:\\d+ /: Invalid YAML`));
  });

  it('duplicate mapping keys', async () => {
    const text = editMinimal(['  title: Minimal Widgets\n', '  title: Minimal Widgets\n  title: Again\n']);
    expectProblem(await load(text), { code: 'YAML', file: FILE, pointer: '', line: lineContaining(text, 'title: Again'), message: /Invalid YAML: .*unique/i });
  });

  it.each([
    ['a sequence', '- openapi: 3.1.0\n- info: {}\n'],
    ['a scalar', 'just a string\n'],
    ['empty', ''],
  ])('document not a mapping: %s', async (_name, text) => {
    expectProblem(await load(text), { code: 'STRUCTURE', file: FILE, pointer: '', line: 1, message: /must be a YAML mapping/ });
  });
});

describe('$ref problems', () => {
  it('dangling $ref outside a schema: an error', async () => {
    const text = editMinimal([`        '404': {$ref: '#/components/responses/Error'}`, `        '404': {$ref: '#/components/responses/Eror'}`]);
    expectProblem(await load(text), {
      code: 'REF', file: FILE, line: lineContaining(text, 'Eror'),
      pointer: '/paths/~1widgets~1{widgetId}/get/responses/404/$ref',
      message: /Dangling reference: "#\/components\/responses\/Eror"/,
    });
  });

  it('dangling $ref in a schema: a warning with its line, and the schema allows any value', async () => {
    const text = editMinimal([`schema: {$ref: '#/components/schemas/WidgetInput'}`, `schema: {$ref: '#/components/schemas/WidgetInputs'}`]);
    const contract = loadContractText(FILE, text);
    const warning = contract.warnings.find((w) => /Dangling reference: "#\/components\/schemas\/WidgetInputs".*any value/.test(w.message));
    expect(warning).toMatchObject({ pointer: '/paths/~1widgets/post/requestBody/content/application~1json/schema/$ref', line: lineContaining(text, 'WidgetInputs') });
    const create = contract.operations.find((op) => op.id === 'createWidget')!;
    expect(create.body!.validate({ anything: [1, 'two'] })).toBe(true);
  });

  it('a recursive schema loads: the cycle stays a reference ajv compiles', async () => {
    const text = editMinimal([
      '        color: {type: string, enum: [red, green, blue]}\n        createdAt',
      `        color: {type: string, enum: [red, green, blue]}\n        parent: {$ref: '#/components/schemas/Widget'}\n        createdAt`,
    ]);
    const contract = loadContractText(FILE, text);
    const resource = contract.resources.get('widget')!;
    const widget = { id: 'wdg_abcdefghijkl', name: 'a', color: 'red', createdAt: '2026-01-01T00:00:00Z' };
    expect(resource.validate({ ...widget, parent: widget })).toBe(true);
    expect(resource.validate({ ...widget, parent: { ...widget, parent: { ...widget, color: 'mauve' } } })).toBe(false);
  });

  it('$ref cycle through two components with no schema between them', async () => {
    const text = editMinimal(
      ['    Error:\n      type: object\n', `    Loop: {$ref: '#/components/schemas/Pool'}\n    Pool: {$ref: '#/components/schemas/Loop'}\n    Error:\n      type: object\n`],
      ['        createdAt: {type: string, format: date-time}\n', `        createdAt: {type: string, format: date-time}\n        loop: {$ref: '#/components/schemas/Loop'}\n`],
    );
    const error = await load(text);
    expect(error.code).toBe('SCHEMA');
    expect(error.message).toMatch(new RegExp(`${FILE}:\\d+ /x-harness/resources/widget/schema: Invalid JSON Schema`));
  });
});

describe('OpenAPI structure', () => {
  it('missing required OpenAPI key (info)', async () => {
    const text = editMinimal(['info:\n  title: Minimal Widgets\n', 'information:\n  title: Minimal Widgets\n']);
    const error = await load(text);
    expectProblem(error, { code: 'STRUCTURE', file: FILE, pointer: '', line: 1, message: /missing required key "info"/ });
  });

  it('a wrongly typed OpenAPI value', async () => {
    const text = editMinimal(["        '404': {$ref: '#/components/responses/Error'}", "        '404': Not found"]);
    const error = await load(text);
    expect(error.code).toBe('STRUCTURE');
    expect(error.problems.some((p) => p.pointer === '/paths/~1widgets~1{widgetId}/get/responses/404' && p.line === lineContaining(text, "'404': Not found"))).toBe(true);
  });
});

describe('the x-harness vocabulary', () => {
  it('unknown x- key (x-harnes typo)', async () => {
    const text = editMinimal(['      x-harness:\n        kind: create', '      x-harnes:\n        kind: create']);
    expectProblem(await load(text), {
      code: 'VOCABULARY', file: FILE, pointer: '/paths/~1widgets/post/x-harnes', line: lineContaining(text, 'x-harnes:'),
      message: /Unknown extension key "x-harnes"/,
    });
  });

  it('other vendors\' x- keys are theirs: accepted anywhere, a schema property included', () => {
    const text = editMinimal(['        color: {type: string, enum: [red, green, blue]}\n        createdAt', '        color: {type: string, enum: [red, green, blue], x-nullable: true}\n        createdAt']);
    expect(loadContractText(FILE, text).resources.get('widget')!.validate({ id: 'wdg_abcdefghijkl', name: 'n', color: 'red', createdAt: '2026-01-01T00:00:00Z' })).toBe(true);
  });

  it('bad vocabulary value: unknown kind', async () => {
    const text = editMinimal(['kind: create', 'kind: make']);
    expectProblem(await load(text), {
      code: 'VOCABULARY', file: FILE, pointer: '/paths/~1widgets/post/x-harness/kind', line: lineContaining(text, 'kind: make'),
      message: /x-harness: must be equal to one of the allowed values \(create, read/,
    });
  });

  it('bad vocabulary value: a missing error situation', async () => {
    const text = editMinimal(['      conflict: {status: 409, code: CONFLICT, message: Conflict.}\n', '']);
    expectProblem(await load(text), {
      code: 'VOCABULARY', file: FILE, pointer: '/x-harness/errors/situations', line: lineContaining(text, 'situations:'),
      message: /missing required key "conflict"/,
    });
  });

  it('an operation without x-harness is served statelessly, from its documented responses', () => {
    const text = editMinimal(['      x-harness:\n        kind: create\n        resource: widget\n', '']);
    const operation = loadContractText(FILE, text).operations.find((op) => op.id === 'createWidget')!;
    expect(operation.behaviour.kind).toBe('static');
    expect(operation.behaviour.resource.stateless).toBe(true);
  });

  it('operation naming an undeclared resource', async () => {
    const text = editMinimal(['        kind: create\n        resource: widget', '        kind: create\n        resource: gadget']);
    expectProblem(await load(text), {
      code: 'SCHEMA', file: FILE, pointer: '/paths/~1widgets/post/x-harness/resource', line: lineContaining(text, 'resource: gadget'),
      message: /Unknown resource "gadget". Declared: widget\./,
    });
  });

  it('a rule naming a field that is not in the resource schema', async () => {
    const text = editMinimal(['        createdAt: {value: "${now}"}', '        createdOn: {value: "${now}"}']);
    expectProblem(await load(text), {
      code: 'SCHEMA', file: FILE, pointer: '/x-harness/resources/widget/generated/createdOn', line: lineContaining(text, 'createdOn:'),
      message: /"createdOn" is not a property of the resource schema/,
    });
  });

  it('a resource key that is not in the resource schema', async () => {
    const text = editMinimal(['      key: id\n', '      key: uid\n']);
    expectProblem(await load(text), {
      code: 'SCHEMA', file: FILE, pointer: '/x-harness/resources/widget/key', line: lineContaining(text, 'key: uid'),
      message: /"uid" is not a property of the resource schema/,
    });
  });
});

describe('schemas and operations', () => {
  it('invalid JSON Schema: minimum: "a" (inline)', async () => {
    const text = editMinimal(['schema: {type: integer, minimum: 1, maximum: 50}', 'schema: {type: integer, minimum: "a", maximum: 50}']);
    const pointer = '/paths/~1widgets/get/parameters/0/schema/minimum';
    expectProblem(await load(text), {
      code: 'SCHEMA', file: FILE, pointer, line: lineContaining(text, 'minimum: "a"'),
      message: /Invalid JSON Schema: minimum must be number/,
    });
  });

  it('invalid JSON Schema: type: strnig (in a component)', async () => {
    const text = editMinimal(['        color: {type: string, enum: [red, green, blue]}\n        createdAt', '        color: {type: strnig, enum: [red, green, blue]}\n        createdAt']);
    const error = await load(text);
    // Reported where the mistake is: the keyword inside the component.
    expectProblem(error, {
      code: 'SCHEMA', file: FILE, pointer: '/components/schemas/Widget/properties/color/type', line: lineContaining(text, 'type: strnig'),
      message: /Invalid JSON Schema: .*must be equal to one of the allowed values/,
    });
    // The resource is declared: no follow-up "unknown resource" noise for the operations that use it.
    expect(error.message).not.toMatch(/Unknown resource/);
  });

  it('path parameter not declared', async () => {
    const text = editMinimal(['      - name: widgetId\n        in: path', '      - name: widget\n        in: path']);
    expectProblem(await load(text), {
      code: 'SCHEMA', file: FILE, pointer: '/paths/~1widgets~1{widgetId}/get', line: lineOf(text, 'operationId: getWidget') - 1,
      message: /Path parameter "widgetId" is not declared in parameters/,
    });
  });

  it('duplicate operationId', async () => {
    const text = editMinimal(['operationId: getWidget', 'operationId: listWidgets']);
    const error = await load(text);
    expectProblem(error, {
      code: 'SCHEMA', file: FILE, pointer: '/paths/~1widgets~1{widgetId}/get', line: lineOf(text, 'summary: Get a widget') - 3,
      message: /Duplicate operationId "listWidgets": GET \/widgets and GET \/widgets\/\{widgetId\}\.$/,
    });
    expect(error.problems).toHaveLength(1);
  });

  it('undocumented status for a situation: a secured operation without its 401 response', async () => {
    const text = editMinimal([`        '401': {$ref: '#/components/responses/Error'}\n        '404'`, `        '404'`]);
    expectProblem(await load(text), {
      code: 'SCHEMA', file: FILE, pointer: '/paths/~1widgets~1{widgetId}/get/responses', line: lineOf(text, "description: The widget.") - 2,
      message: /Status 401 \(unauthenticated: the operation requires credentials\) is not documented/,
    });
  });

  it('undocumented status for a situation: a body without its invalid (422) response', async () => {
    const text = editMinimal([`        '413': {$ref: '#/components/responses/Error'}\n        '422': {$ref: '#/components/responses/Error'}\n`, `        '413': {$ref: '#/components/responses/Error'}\n`]);
    expectProblem(await load(text), {
      code: 'SCHEMA', file: FILE, pointer: '/paths/~1widgets/post/responses', line: lineOf(text, "description: The created widget.") - 2,
      message: /Status 422 \(invalid: the operation takes a body\) is not documented/,
    });
  });

  it('no 2xx response', async () => {
    const text = editMinimal(["        '200':\n          description: The widget.", "        '300':\n          description: The widget."]);
    expectProblem(await load(text), {
      code: 'SCHEMA', file: FILE, pointer: '/paths/~1widgets~1{widgetId}/get/responses', line: lineOf(text, "'300':") - 1,
      message: /No 2xx response is documented/,
    });
  });

  it('a read operation without an id', async () => {
    const text = editMinimal(['        id: ${path.widgetId}\n', '']);
    expectProblem(await load(text), {
      code: 'SCHEMA', file: FILE, pointer: '/paths/~1widgets~1{widgetId}/get/x-harness', line: lineOf(text, 'kind: read') - 1,
      message: /A read operation needs "id"/,
    });
  });

  it('every problem is reported at once, without a stack trace', async () => {
    const text = editMinimal(['operationId: getWidget', 'operationId: listWidgets'], ['        createdAt: {value: "${now}"}', '        createdOn: {value: "${now}"}']);
    const error = await load(text);
    expect(error.problems.length).toBe(2);
    expect(error.message.split('\n')).toHaveLength(3);
    expect(error.message).not.toContain('    at ');
  });
});

/** The 1-based line of the first line of `text` that contains `marker`. */
function lineOf(text: string, marker: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(marker));
  if (index < 0) throw new Error(`No line contains ${JSON.stringify(marker)}`);
  return index + 1;
}
