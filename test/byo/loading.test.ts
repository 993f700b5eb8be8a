import { describe, expect, it } from 'vitest';
import { loadContractText } from '../../src/contract/load-text.ts';
import { ContractError } from '../../src/contract/errors.ts';
import { runCli } from '../../src/cli/main.ts';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';

const DIR = fileURLToPath(new URL('../data/openapi/', import.meta.url));

function capture() {
  let text = '';
  const stream = new Writable({ write(chunk, _encoding, done) { text += String(chunk); done(); } });
  return { stream, text: () => text };
}

const tiny = (extra: string) => `openapi: 3.0.3
info: {title: Tiny, version: '1'}
paths:
  /things/{thingId}:
    get:
      operationId: getThing
      parameters: [{name: thingId, in: path, required: true, schema: {type: string}}]
${extra}`;

describe('loading documents nobody wrote for the harness', () => {
  it('accepts JSON as well as YAML', () => {
    const json = JSON.stringify({ openapi: '3.1.0', info: { title: 'J', version: '1' }, paths: { '/ping': { get: { responses: { 200: { description: 'ok' } } } } } });
    const contract = loadContractText('ping.json', json);
    expect(contract.operations.map((op) => `${op.method} ${op.path} ${op.id}`)).toEqual(['GET /ping get_ping']);
  });

  it('refuses Swagger 2.0 with a message that names the version', () => {
    try {
      loadContractText('old.json', JSON.stringify({ swagger: '2.0', info: { title: 'x', version: '1' }, paths: {} }));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ContractError);
      expect((error as Error).message).toMatch(/old\.json:1 \/swagger: Swagger 2\.0 .*not supported/);
    }
  });

  it('turns an undeclared security scheme and an unknown format into warnings that name the place', () => {
    const contract = loadContractText('tiny.yaml', tiny(`      security: [{sessionToken: []}]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {code: {type: string, format: iso-country-code}}}
`));
    const messages = contract.warnings.map((w) => `${w.line} ${w.pointer} ${w.message}`);
    expect(messages.some((m) => /\/paths\/~1things~1\{thingId\}\/get\/security Security scheme "sessionToken" is not declared/.test(m))).toBe(true);
    expect(messages.some((m) => /format Unknown format "iso-country-code"/.test(m))).toBe(true);
    expect(contract.operations[0].secured).toBe(false);
  });

  it('reads a null description or summary (3.0 and 3.1) as absent, with a warning that names the place', () => {
    for (const version of ['3.0.3', '3.1.0']) {
      const json = JSON.stringify({
        openapi: version, info: { title: 'N', version: '1', description: null },
        tags: [{ name: 'pets', externalDocs: { url: 'https://example.invalid', description: null } }],
        paths: { '/ping': { get: { summary: null, responses: { 200: { description: 'ok' } } } } },
      });
      const contract = loadContractText('nulls.json', json);
      expect(contract.operations).toHaveLength(1);
      const places = contract.warnings.filter((w) => /is null where OpenAPI wants a value/.test(w.message)).map((w) => w.pointer);
      expect(places).toEqual(expect.arrayContaining(['/info/description', '/tags/0/externalDocs/description', '/paths/~1ping/get/summary']));
    }
    const wrongType = JSON.stringify({ openapi: '3.1.0', info: { title: 'N', version: '1' }, paths: { '/ping': { get: { summary: 5, responses: { 200: { description: 'ok' } } } } } });
    expect(() => loadContractText('wrong.json', wrongType)).toThrow(/summary: OpenAPI 3.1: must be string/);
  });

  it('a key 3.0 does not know in a Schema Object (optional: true) loads, ignored with one warning; elsewhere it is still refused', () => {
    const contract = loadContractText('tiny.yaml', tiny(`      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {code: {type: string, optional: true, maxLength: 3}}}
`));
    expect(contract.warnings.map((w) => `${w.line} ${w.pointer} ${w.message}`)).toEqual([
      expect.stringMatching(/^13 \/paths\/.*\/properties\/code JSON Schema: unknown keyword "optional": ignored/),
    ]);
    const validate = contract.operations[0].responses.get('200')!.validate!;
    expect([validate({ code: 'abc' }), validate({ code: 'abcd' })]).toEqual([true, false]);
    expect(() => loadContractText('tiny.yaml', tiny(`      optional: true\n      responses: {'200': {description: ok}}\n`))).toThrow(/get: OpenAPI 3.0: unexpected key "optional"/);
  });

  it('examples of records that carry an $id field ({"$id": "0123"}, twice) load; two schemas with one $id are refused plainly', () => {
    const metadata = { type: 'object', properties: { $id: { type: 'string' } }, additionalProperties: { type: 'object', example: { tags: { $id: '0123' } } }, example: { tags: { $id: '0123' } } };
    const document = (schemas: object) => JSON.stringify({
      openapi: '3.1.0', info: { title: 'Ids', version: '1' },
      paths: { '/files': { get: { responses: { 200: { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/File' }, examples: { one: { value: { $id: '0123' } } } } } } } } } },
      components: { schemas },
    });
    const contract = loadContractText('ids.json', document({ File: { type: 'object', properties: { metadata, copy: metadata } } }));
    const validate = contract.operations[0].responses.get('200')!.validate!;
    expect([validate({ metadata: { $id: 'a' } }), validate({ metadata: { $id: 5 } })]).toEqual([true, false]);
    const twice = document({ File: { $id: 'https://example.invalid/file', type: 'object' }, Other: { $id: 'https://example.invalid/file', type: 'string' } });
    expect(() => loadContractText('ids.json', twice)).toThrow(ContractError);
  });

  it('flags only near-misses of its own keys, not other vendors\' extensions', () => {
    const ok = loadContractText('tiny.yaml', tiny(`      x-codegen-request-body-name: body\n      x-feedbackLink: {url: 'https://example.invalid'}\n      responses: {'200': {description: ok}}\n`));
    expect(ok.operations).toHaveLength(1);
    expect(() => loadContractText('tiny.yaml', tiny(`      x-harnes: {kind: read}\n      responses: {'200': {description: ok}}\n`))).toThrow(/x-harnes.*did you mean "x-harness"/);
  });

  it('loads a document whose schemas carry $id more than once in one process (each load has its own validators)', () => {
    const text = tiny(`      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}
components:
  schemas:
    Thing: {$id: 'https://example.invalid/thing', type: object, required: [id], properties: {id: {type: string}}}
`).replace('openapi: 3.0.3', 'openapi: 3.1.0');
    const first = loadContractText('ids.yaml', text);
    const second = loadContractText('ids.yaml', text);
    for (const contract of [first, second]) {
      const validate = contract.operations[0].responses.get('200')!.validate!;
      expect(validate({ id: 'a' })).toBe(true);
      expect(validate({})).toBe(false);
    }
  });

  it('compiles a long $ref chain once per schema (linear, not exponential)', () => {
    const levels = 40;
    const schemas = Array.from({ length: levels }, (_, i) => `    S${i}: {type: object, properties: {a: {$ref: '#/components/schemas/S${i + 1}'}, b: {$ref: '#/components/schemas/S${i + 1}'}}}`).join('\n');
    const text = tiny(`      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/S0'}}}
components:
  schemas:
${schemas}
    S${levels}: {type: string}
`);
    const contract = loadContractText('chain.yaml', text);
    const validate = contract.operations[0].responses.get('200')!.validate!;
    expect(validate({ a: { a: { b: {} } } })).toBe(true);
    expect(validate({ a: { a: { b: 3 } } })).toBe(false);
  });
});

describe('harness lint and harness mock on a document of your own', () => {
  it('lint prints warnings and what it infers, and exits 0', async () => {
    const out = capture();
    const err = capture();
    const code = await runCli(['lint', `${DIR}notebook-3.0.yaml`], { stdout: out.stream, stderr: err.stream });
    expect(code).toBe(0);
    expect(out.text()).toMatch(/^ok {4}notebook-3\.0 \(11 operations\)/m);
    expect(out.text()).toMatch(/^warn {2}.*notebook-3\.0\.yaml:\d+ \/paths\/~1status\/get\/responses\/200\/content\/application~1json: The example "broken"/m);
    expect(out.text()).toMatch(/inferred: notebook \(key id\); note \(key id, scoped by notebookId\); 3 of 11 operations stateless/);
  });

  it('lint reports every broken reference and schema of a document at once, with lines', async () => {
    const broken = tiny(`      responses:
        '200': {$ref: '#/components/responses/Missing'}
        '404':
          description: no
          content: {application/json: {schema: {type: object, properties: {n: {type: integer, minimum: "one"}}}}}
`);
    try {
      loadContractText('broken.yaml', broken);
      expect.unreachable();
    } catch (error) {
      const problems = (error as ContractError).problems;
      expect(problems.map((p) => p.pointer)).toEqual(expect.arrayContaining([
        '/paths/~1things~1{thingId}/get/responses/200/$ref',
        '/paths/~1things~1{thingId}/get/responses/404/content/application~1json/schema/properties/n/minimum',
      ]));
      expect(problems.every((p) => typeof p.line === 'number')).toBe(true);
    }
  });
});

describe('$refs where OpenAPI allows none, and 3.0 keywords beside a $ref', () => {
  it('a whole operation or properties map given as a $ref is read as what it names, with a warning for each', async () => {
    const { checkAgainstOwnMock, failuresOf } = await import('./support/self-check.ts');
    const { contract, summary, results } = await checkAgainstOwnMock(`${DIR}odd-refs.yaml`);
    expect(failuresOf(results)).toEqual([]);
    expect(summary.exitCode).toBe(0);
    expect(contract.operations.map((op) => op.id).sort()).toEqual(['createNote', 'getNote', 'listNotes', 'listTags']);
    const warned = contract.warnings.map((w) => `${w.pointer} ${w.message}`);
    expect(warned).toContainEqual(expect.stringMatching(/^\/paths\/~1notes~1\{noteId\}\/get\/\$ref A \$ref is not allowed here \(a whole operation\)/));
    expect(warned).toContainEqual(expect.stringMatching(/items\/properties\/\$ref A \$ref is not allowed here \(a whole properties map\)/));
    const tags = contract.operations.find((op) => op.id === 'listTags')!.responses.get('200')!.validate!;
    expect(tags([{ label: 'x' }])).toBe(true);
    expect(tags([{ label: 7 }])).toBe(false);
  });

  it('keeps nullable beside a 3.0 $ref (a correct server may answer null) and drops constraints there, saying so', async () => {
    const { loadContractFile } = await import('../../src/contract/load.ts');
    const contract = await loadContractFile(`${DIR}odd-refs.yaml`);
    const note = contract.operations.find((op) => op.id === 'getNote')!.responses.get('200')!.validate!;
    expect(note({ id: 1, text: 'a', tag: null })).toBe(true);
    expect(note({ id: 1, text: 'a', label: 'longer than three' })).toBe(true);
    expect(note({ id: 1, text: 'a', label: 'x'.repeat(41) })).toBe(false);
    expect(contract.warnings.some((w) => w.pointer.endsWith('/properties/label') && w.message.includes('maxLength ignored'))).toBe(true);
  });
});

describe('misplaced $refs across files', () => {
  it('an operation, a properties map and a description kept in other files are read as what they name, their own $refs still right', async () => {
    const { checkAgainstOwnMock, failuresOf } = await import('./support/self-check.ts');
    const { contract, summary, results } = await checkAgainstOwnMock(`${DIR}split-refs/root.yaml`);
    expect(failuresOf(results)).toEqual([]);
    expect(summary.exitCode).toBe(0);
    expect(contract.resources.size).toBe(1);
    const create = contract.operations.find((op) => op.id === 'createNote')!;
    expect(create.body!.validate({ text: 'a', pinned: true })).toBe(true);
    expect(create.body!.validate({ text: 'a', pinned: 'yes' })).toBe(false);
    const lifted = contract.warnings.filter((w) => w.message.startsWith('A $ref is not allowed here'));
    expect(lifted.filter((w) => w.file === undefined).map((w) => w.pointer).sort()).toEqual([
      '/paths/~1notes/get/$ref', '/paths/~1notes/post/$ref', '/paths/~1notes~1{noteId}/get/$ref', '/tags/0/description/$ref',
    ]);
    expect(lifted.filter((w) => w.file !== undefined).map((w) => `${w.file} ${w.pointer}`)).toEqual([
      expect.stringMatching(/ops\/create-note\.yaml \/requestBody\/content\/application~1json\/schema\/properties\/\$ref$/),
    ]);
  });
});

describe('schema quirks with one meaning', () => {
  it('repeated required names, draft-3 boolean required and draft 2019-09 recursion load with a warning each and mean what they say', async () => {
    const { checkAgainstOwnMock, failuresOf } = await import('./support/self-check.ts');
    const { contract, summary, results } = await checkAgainstOwnMock(`${DIR}schema-quirks.yaml`);
    expect(failuresOf(results)).toEqual([]);
    expect(summary.exitCode).toBe(0);
    const at = (suffix: string) => contract.warnings.filter((w) => w.pointer.endsWith(suffix)).map((w) => w.message);
    expect(at('/Filter/required')).toEqual([expect.stringContaining('more than once')]);
    expect(at('/op/required')).toEqual([expect.stringContaining('draft 3')]);
    expect(at('/oneOf/1/$recursiveRef')).toEqual([expect.stringContaining('a $ref to /components/schemas/Filter')]);
    const validate = contract.operations[0].body!.validate;
    expect(validate({ op: 'and', terms: ['a', { op: 'or', terms: ['b'] }] })).toBe(true);
    expect(validate({ op: 'and', terms: [{ op: 'xor', terms: [] }] })).toBe(false);
    expect(validate({ terms: [] })).toBe(false);
  });

  it('a schema naming an older dialect ($schema draft-07, tuple items) loads with a warning and is read as 2020-12', async () => {
    const { checkAgainstOwnMock, failuresOf } = await import('./support/self-check.ts');
    const { contract, summary, results } = await checkAgainstOwnMock(`${DIR}older-dialect.yaml`);
    expect(failuresOf(results)).toEqual([]);
    expect(summary.exitCode).toBe(0);
    const messages = contract.warnings.map((w) => `${w.pointer} ${w.message}`);
    expect(messages).toEqual(expect.arrayContaining([
      expect.stringMatching(/^\/components\/schemas\/Point\/\$schema .*draft-07/),
      expect.stringMatching(/^\/components\/schemas\/Point\/properties\/label\/\$schema .*draft-04/),
      expect.stringMatching(/^\/components\/schemas\/Point\/properties\/coordinates\/items .*prefixItems/),
    ]));
    const validate = contract.operations[0].body!.validate;
    expect(validate({ coordinates: [1, 2] })).toBe(true);
    expect(validate({ coordinates: [1, 2, 3] })).toBe(false);
    expect(validate({ coordinates: ['a', 2] })).toBe(false);
  });
});

describe('quirks of generated documents that load with a warning', () => {
  it('a 3.1 server variable with a description loads (the published 3.1 schema misspells the key)', () => {
    const text = `openapi: 3.1.0
info: {title: Vars, version: '1'}
servers:
  - url: https://{host}/v1
    variables:
      host: {default: api.example.com, description: Your instance}
paths: {}
`;
    expect(loadContractText('vars.yaml', text).warnings).toEqual([]);
  });

  it('an HTTP scheme spelt Bearer (any case) with a bearerFormat loads in 3.0 and 3.1, and is read as bearer', () => {
    for (const version of ['3.0.3', '3.1.0']) {
      const text = `openapi: ${version}
info: {title: Bearer, version: '1'}
security: [{jwt: []}]
paths:
  /me:
    get:
      responses: {'200': {description: ok}, '401': {description: no}}
components:
  securitySchemes:
    jwt: {type: http, scheme: Bearer, bearerFormat: JWT}
`;
      const contract = loadContractText('bearer.yaml', text);
      expect(contract.operations[0].security[0][0].scheme, version).toBe('bearer');
    }
  });

  it('a 3.1 path item given as a $ref to components/pathItems loads with its operations (the 2021 schema lacked the key)', () => {
    const text = `openapi: 3.1.0
info: {title: Items, version: '1'}
paths:
  /pings: {$ref: '#/components/pathItems/Pings'}
components:
  pathItems:
    Pings:
      get:
        operationId: listPings
        responses: {'200': {description: ok, content: {application/json: {schema: {type: array}}}}}
`;
    expect(loadContractText('items.yaml', text).operations.map((op) => `${op.method} ${op.path} ${op.id}`)).toEqual(['GET /pings listPings']);
  });

  it('an operation\'s header parameter overrides its path\'s whatever the case of the name (header names are case-insensitive)', () => {
    const text = `openapi: 3.0.3
info: {title: Headers, version: '1'}
paths:
  /modes:
    parameters: [{name: X-Mode, in: header, required: true, schema: {type: string, enum: [fast]}}]
    get:
      parameters: [{name: x-mode, in: header, schema: {type: string}}]
      responses: {'200': {description: ok}}
`;
    const [operation] = loadContractText('headers.yaml', text).operations;
    expect(operation.headerParams.map((p) => `${p.name} ${p.required}`)).toEqual(['x-mode false']);
  });

  it('Swagger 2\'s type: file (left by converters) loads as a binary string, with a warning that names the place', () => {
    for (const version of ['3.0.3', '3.1.0']) {
      const text = `openapi: ${version}
info: {title: Files, version: '1'}
paths:
  /uploads:
    post:
      operationId: upload
      requestBody: {content: {multipart/form-data: {schema: {type: object, properties: {file: {type: file}}}}}}
      responses: {'200': {description: ok}}
`;
      const contract = loadContractText('files.yaml', text);
      expect(contract.warnings.map((w) => `${w.pointer} ${w.message}`), version).toContainEqual(expect.stringMatching(/properties\/file\/type type: file is Swagger 2/));
      expect(contract.operations[0].body!.validate({ file: 'bytes' })).toBe(true);
    }
  });

  it('a path parameter with required: false and a parameter without schema load with a warning each (3.0 and 3.1)', () => {
    for (const version of ['3.0.3', '3.1.0']) {
      const text = `openapi: ${version}
info: {title: Loose parameters, version: '1'}
paths:
  /notes/{noteId}:
    get:
      operationId: getNote
      parameters:
        - {name: noteId, in: path, required: false, schema: {type: string}}
        - {name: expand, in: query}
      responses: {'200': {description: ok}}
`;
      const contract = loadContractText('loose.yaml', text);
      const [operation] = contract.operations;
      expect(operation.pathParams.map((p) => `${p.name} ${p.required}`), version).toEqual(['noteId true']);
      expect(operation.queryParams.map((p) => p.name), version).toEqual(['expand']);
      expect(contract.warnings.map((w) => w.message).join('\n'), version).toMatch(/neither schema nor content/);
      expect(contract.warnings.map((w) => w.message), version).toContainEqual(expect.stringMatching(/always required/));
    }
  });

  it('3.0 schemas with 3.1 types (a list, "null"), numbers as text and an empty required list load, read as JSON Schema reads them', () => {
    const text = `openapi: 3.0.3
info: {title: Later types, version: '1'}
paths:
  /gauges:
    get:
      operationId: getGauge
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                required: []
                properties:
                  label: {type: [string, 'null']}
                  gone: {type: 'null'}
                  level: {type: number, minimum: '1', maximum: '10'}
`;
    const contract = loadContractText('later-types.yaml', text);
    const validate = contract.operations[0].responses.get('200')!.validate!;
    expect(validate({ label: null, gone: null, level: 5 })).toBe(true);
    expect(validate({ level: 11 })).toBe(false);
    expect(validate({ gone: 'x' })).toBe(false);
    const messages = contract.warnings.map((w) => `${w.pointer} ${w.message}`);
    expect(messages).toContainEqual(expect.stringMatching(/properties\/label\/type OpenAPI 3.0 has no type \["string","null"\]/));
    expect(messages).toContainEqual(expect.stringMatching(/properties\/level\/minimum minimum is the text "1": read as the number 1/));
  });

  it('a collection and item path written with a trailing slash (/notes/, /notes/{id}/) are a resource', () => {
    const text = `openapi: 3.0.3
info: {title: Slashes, version: '1'}
paths:
  /notes/:
    post:
      operationId: createNote
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Note'}}}}
      responses: {'201': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Note'}}}}}
  /notes/{id}/:
    get:
      operationId: getNote
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Note'}}}}}
components:
  schemas:
    Note: {type: object, required: [text], properties: {id: {type: string, readOnly: true}, text: {type: string}}}
`;
    const kinds = loadContractText('slashes.yaml', text).operations.map((op) => `${op.id} ${op.behaviour.kind}`);
    expect(kinds.sort()).toEqual(['createNote create', 'getNote read']);
  });

  it('a mutualTLS requirement alone asks nothing of HTTP (public to the mock and the runner); beside another scheme it is left out', () => {
    const text = `openapi: 3.1.0
info: {title: Certificates, version: '1'}
security: [{mtls: []}]
paths:
  /certs:
    get:
      operationId: listCerts
      responses: {'200': {description: ok}}
  /keys:
    get:
      operationId: listKeys
      security: [{mtls: [], key: []}]
      responses: {'200': {description: ok}, '401': {description: no}}
components:
  securitySchemes:
    mtls: {type: mutualTLS}
    key: {type: apiKey, in: header, name: X-Key}
`;
    const security = Object.fromEntries(loadContractText('mtls.yaml', text).operations.map((op) => [op.id, op.security.map((a) => a.map((s) => s.name))]));
    expect(security).toEqual({ listCerts: [], listKeys: [['key']] });
  });

  it('x-nullable: true (Swagger 2 converters) is read as nullable, with a warning, also beside a $ref', () => {
    const text = `openapi: 3.0.3
info: {title: Converted, version: '1'}
paths:
  /boxes:
    get:
      operationId: getBox
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  label: {type: string, x-nullable: true}
                  owner: {$ref: '#/components/schemas/Owner', x-nullable: true}
components:
  schemas:
    Owner: {type: object, properties: {name: {type: string}}}
`;
    const contract = loadContractText('converted.yaml', text);
    const validate = contract.operations[0].responses.get('200')!.validate!;
    expect(validate({ label: null, owner: null })).toBe(true);
    expect(validate({ label: 5 })).toBe(false);
    expect(contract.warnings.map((w) => w.pointer)).toContain('/paths/~1boxes/get/responses/200/content/application~1json/schema/properties/label/x-nullable');
  });

  it('an unquoted openapi: 3.0 or 3.1 and info.version: 1.0 (YAML numbers), or a version without its patch, load with a warning', () => {
    for (const [written, read] of [['3.0', '3.0.0'], ['3.1', '3.1.0'], ["'3.1'", '3.1.0']]) {
      const contract = loadContractText('numbers.yaml', `openapi: ${written}\ninfo: {title: Numbers, version: 1.0}\npaths: {}\n`);
      expect(contract.openapi, written).toBe(read.slice(0, 3));
      expect(contract.version, written).toBe('1');
      expect(contract.warnings.map((w) => w.pointer), written).toEqual(['/openapi', '/info/version']);
    }
  });

  it('a protocol-relative server URL (//cdn.example.com/v2) names a host and a path', () => {
    const text = `openapi: 3.0.3
info: {title: Relative, version: '1'}
servers: [{url: '//cdn.example.com/v2'}]
paths: {}
`;
    expect(loadContractText('relative.yaml', text).serverUrl).toBe('https://cdn.example.com/v2');
  });

  it('lower- and mixed-case response ranges (4xx, 5Xx) are read as 4XX and 5XX, with one warning for the file', () => {
    const contract = loadContractText('ranges.yaml', tiny(`      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object}}}}
        4xx: {description: client error, content: {application/json: {schema: {type: object, properties: {code: {type: string}}}}}}
        5Xx: {description: server error}
`));
    const operation = contract.operations[0];
    expect([...operation.responses.keys()].sort()).toEqual(['200', '4XX', '5XX']);
    const warnings = contract.warnings.filter((w) => /upper case/.test(w.message));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ pointer: '/paths/~1things~1{thingId}/get/responses/4xx', line: 10 });
    expect(warnings[0].message).toMatch(/"4xx" .*read as upper-case ones \(and 1 more in this file\)/);
  });

  it('an empty enum beside an allOf is dropped with a warning; the allOf still constrains', () => {
    const contract = loadContractText('enum.yaml', `openapi: 3.1.0
info: {title: Enum, version: '1'}
paths:
  /things:
    get:
      parameters:
        - {name: status, in: query, schema: {type: string, enum: [], allOf: [{$ref: '#/components/schemas/Status'}]}}
      responses: {'200': {description: ok}}
components:
  schemas:
    Status: {type: string, enum: [open, closed]}
`);
    expect(contract.warnings.map((w) => `${w.pointer} ${w.message}`)).toContainEqual(expect.stringMatching(/parameters\/0\/schema\/enum enum is empty/));
    const status = contract.operations[0].queryParams.find((p) => p.name === 'status')!;
    const validate = contract.schemas.tryCompile(status.schema as object)!;
    expect([validate('open'), validate('other')]).toEqual([true, false]);
  });
});
