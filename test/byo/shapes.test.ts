import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { startMockServer } from '../../src/mock/server.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

/** Shapes real documents have that the notebook documents lack: each is served, and checks clean against its own mock. */
const data = (name: string) => fileURLToPath(new URL(`../data/openapi/${name}`, import.meta.url));

describe('odd response statuses', () => {
  it('an interim-only (1xx), an error-only and a 2XX-only operation are answered with a final success and check clean', async () => {
    const { contract, summary, results } = await checkAgainstOwnMock(data('odd-statuses.yaml'));
    expect(contract.operations.find((op) => op.id === 'interimOnly')?.successStatus).toBe(200);
    expect(contract.operations.find((op) => op.id === 'rangedSuccess')?.successStatus).toBe(200);
    expect(contract.operations.find((op) => op.id === 'defaultOnly')?.responses.get('200')?.status).toBe('default');
    expect(contract.warnings.some((w) => w.pointer === '/paths/~1ranged/get/responses')).toBe(false);
    expect(failuresOf(results)).toEqual([]);
    expect(summary.exitCode).toBe(0);
    // The success the document does not name is said, as a warning about the document.
    const warned = results.filter((r) => r.status === 'warn' && r.operationId === 'errorsOnly' && r.check === 'status_documented');
    expect(warned.map((r) => r.message)).toEqual([expect.stringContaining('documents no success response')]);
  });
});

describe('array parameters', () => {
  it('the runner sends array parameters the mock reads as the document says, and the check is clean', async () => {
    const { summary, results } = await checkAgainstOwnMock(data('array-params.yaml'));
    expect(failuresOf(results)).toEqual([]);
    expect(summary.exitCode).toBe(0);
    expect(results.some((r) => r.operationId === 'searchTasks' && r.status === 'pass')).toBe(true);
  });

  it('the mock reads every value of a repeated (form, exploded) array parameter', async () => {
    const contract = await loadContractFile(data('array-params.yaml'));
    const server = await startMockServer({ contracts: [contract], port: 0, atRoot: true });
    try {
      const base = server.mounts[0].url;
      expect((await fetch(`${base}/tasks?status=open&status=done`)).status).toBe(200);
      expect((await fetch(`${base}/tasks?status=open&status=nope`)).status).toBe(400);
      // maxItems 2: the third value counts.
      expect((await fetch(`${base}/tasks?status=open&priority=1&priority=2`)).status).toBe(200);
      expect((await fetch(`${base}/tasks?status=open&priority=1&priority=2&priority=3`)).status).toBe(400);
    } finally {
      await server.close();
    }
  });
});

describe('parameter styles (label, matrix, deepObject, pipe and space delimited, unexploded objects, headers, cookies, content)', () => {
  it('the runner sends every style the way the mock reads it, and the check is clean', async () => {
    const { summary, results } = await checkAgainstOwnMock(data('parameter-styles.yaml'));
    expect(failuresOf(results)).toEqual([]);
    expect(summary.exitCode).toBe(0);
    expect(results.some((r) => r.operationId === 'findBoxes' && r.status === 'pass' && r.check === 'status_expected')).toBe(true);
  });

  it('the mock reads the wire forms of the specification and refuses values of the wrong type in each', async () => {
    const contract = await loadContractFile(data('parameter-styles.yaml'));
    const server = await startMockServer({ contracts: [contract], port: 0, atRoot: true });
    const headers = { 'x-trace-ids': '7,8', cookie: 'prefs=theme,dark' };
    const query = 'filter[color]=red&filter[weight][max]=2.5&ids=1|2|3&words=a%20b&near=lat,1.5,lon,2&where=%7B%22zone%22%3A3%7D';
    const get = (path: string, q = query, h: Record<string, string> = headers) => fetch(`${server.mounts[0].url}/boxes/${path}?${q}`, { headers: h }).then((r) => r.status);
    try {
      expect(await get('.3.4/;frame=w,10,h,20')).toBe(200);
      expect(await get('.3.x/;frame=w,10,h,20')).toBe(400);
      expect(await get('.3.4/;frame=w,ten,h,20')).toBe(400);
      expect(await get('.3.4/;frame=w,10,h,20', query.replace('filter[color]=red', 'filter[color]=green'))).toBe(400);
      expect(await get('.3.4/;frame=w,10,h,20', query.replace('ids=1|2|3', 'ids=1|2'))).toBe(400);
      expect(await get('.3.4/;frame=w,10,h,20', query.replace('words=a%20b', 'words=a%20B'))).toBe(400);
      expect(await get('.3.4/;frame=w,10,h,20', query.replace('near=lat,1.5,lon,2', 'near=lat,north,lon,2'))).toBe(400);
      expect(await get('.3.4/;frame=w,10,h,20', query.replace('%3A3', '%3A%22x%22'))).toBe(400);
      expect(await get('.3.4/;frame=w,10,h,20', query, { ...headers, 'x-trace-ids': '7,x' })).toBe(400);
      expect(await get('.3.4/;frame=w,10,h,20', query, { ...headers, cookie: 'prefs=theme,grey' })).toBe(400);
      // A header a browser sets on its own is never what makes a request invalid.
      expect(await get('.3.4/;frame=w,10,h,20', query, { ...headers, 'accept-language': 'en-US,en;q=0.9' })).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('form bodies with object fields', () => {
  it('a JSON part and `field[key]` pairs are read as objects; the check is clean', async () => {
    const { summary, results } = await checkAgainstOwnMock(data('form-objects.yaml'));
    expect(failuresOf(results)).toEqual([]);
    expect(summary.exitCode).toBe(0);
    const contract = await loadContractFile(data('form-objects.yaml'));
    const server = await startMockServer({ contracts: [contract], port: 0, atRoot: true });
    const post = (path: string, body: FormData | URLSearchParams) => fetch(`${server.mounts[0].url}${path}`, { method: 'POST', body }).then((r) => r.status);
    const multipart = (meta: string, part: string) => {
      const form = new FormData();
      form.append('meta', meta);
      form.append('parts', part);
      return form;
    };
    try {
      expect(await post('/uploads', multipart('{"size":3}', '{"n":1}'))).toBe(200);
      expect(await post('/uploads', multipart('{"size":"big"}', '{"n":1}'))).toBe(400);
      expect(await post('/uploads', multipart('{"size":3}', '{"n":"one"}'))).toBe(400);
      expect(await post('/orders', new URLSearchParams('address[zip]=12345'))).toBe(200);
      expect(await post('/orders', new URLSearchParams('address[zip]=north'))).toBe(400);
      expect(await post('/orders', new URLSearchParams(`address=${encodeURIComponent('{"zip":1}')}`))).toBe(200);
      // `encoding` styles for urlencoded fields: deepObject and pipeDelimited, as the document says.
      expect(await post('/shipments', new URLSearchParams('to[zip]=12345&to[city]=Oslo&tags=fragile|cold&note=a,b'))).toBe(200);
      expect(await post('/shipments', new URLSearchParams('to[zip]=north&tags=fragile|cold'))).toBe(400);
      expect(await post('/shipments', new URLSearchParams('to[zip]=1&tags=fragile|hot'))).toBe(400);
    } finally {
      await server.close();
    }
  });
});

describe('error bodies documented as XML, text, oneOf and anyOf', () => {
  it('the mock answers each in its documented media type and shape; the check is clean', async () => {
    const { contract, summary, results } = await checkAgainstOwnMock(data('error-shapes.yaml'));
    expect(failuresOf(results)).toEqual([]);
    expect(summary.exitCode).toBe(0);
    // `const` is not 3.0, but means what 3.1 means: a warning that names the place, not a refusal.
    expect(contract.warnings.some((w) => w.message.includes('"const"') && w.pointer.endsWith('/kind/const'))).toBe(true);
    const server = await startMockServer({ contracts: [contract], port: 0, atRoot: true });
    const base = server.mounts[0].url;
    try {
      const xml = await fetch(`${base}/widgets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":1}' });
      expect([xml.status, xml.headers.get('content-type')]).toEqual([400, 'application/xml; charset=utf-8']);
      expect(await xml.text()).toBe('<error><code>400</code><message>bad</message></error>');
      const text = await fetch(`${base}/widgets?limit=500`);
      expect([text.status, text.headers.get('content-type')]).toEqual([400, 'text/plain; charset=utf-8']);
      expect(await text.text()).toMatch(/query parameter/);
      const patterned = await fetch(`${base}/widgets/123456`, { method: 'DELETE' });
      expect([patterned.status, await patterned.text()]).toEqual([404, expect.stringMatching(/^Not found/)]);
      const oneOf = await fetch(`${base}/widgets/123456`);
      expect(oneOf.status).toBe(404);
      expect(contract.operations.find((op) => op.id === 'getWidget')!.responses.get('404')!.validate!(await oneOf.json())).toBe(true);
    } finally {
      await server.close();
    }
  });
});

describe('required response headers of array and object type', () => {
  it('the mock sends each in its style and the check is clean', async () => {
    const { summary, results } = await checkAgainstOwnMock(data('response-headers.yaml'));
    expect(failuresOf(results)).toEqual([]);
    expect(summary.exitCode).toBe(0);
  });

  it('the runner reads them by their style: a correct server passes, a wrong item fails', async () => {
    const { createServer } = await import('node:http');
    const { runConformance } = await import('../../src/runner/engine.ts');
    const contract = await loadContractFile(data('response-headers.yaml'));
    const run = async (links: string) => {
      const server = createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'x-rate-limit': '5', 'x-page-links': links, 'x-meta': 'a,1' });
        res.end('[]');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const failures: string[] = [];
      try {
        await runConformance(contract, { baseUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}`, pathParams: {}, allowDestructive: false, timeoutMs: 5000, seed: 1, only: [] },
          (event) => { if (event.type === 'check' && event.result.status === 'fail') failures.push(`${event.result.check}: ${event.result.message}`); });
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
      return failures;
    };
    expect(await run('1,2')).toEqual([]);
    expect(await run('1,two')).toEqual(['required_headers: Header x-page-links does not match its schema.']);
  });
});

describe('a create documented only by errors and default', () => {
  it('answers a body valid against the default response it is filed under (its required fields drawn from the schema)', async () => {
    const { contract, summary, results } = await checkAgainstOwnMock(data('retired-create.yaml'));
    expect(contract.operations.find((op) => op.id === 'createKey')?.behaviour.kind).toBe('create');
    expect(failuresOf(results)).toEqual([]);
    expect(summary.exitCode).toBe(0);
  });
});

describe('item operations that disagree on the key parameter', () => {
  it('keys fit the strictest (a uuid where the delete asks for one, though the read takes any text)', async () => {
    const { contract, summary, results } = await checkAgainstOwnMock(data('uneven-key-params.yaml'));
    expect(failuresOf(results)).toEqual([]);
    expect(summary.exitCode).toBe(0);
    expect(results.some((r) => r.operationId === 'deleteAddon' && r.check === 'status_expected' && r.status === 'pass')).toBe(true);
    expect(contract.resources.size).toBe(1);
  });
});

describe('invalid bodies for an operation that takes only forms', () => {
  it('are only what a form can carry: a number for a text field is no invalid request, a word for a number still is', async () => {
    const { summary, results } = await checkAgainstOwnMock(data('form-only-create.yaml'));
    expect(failuresOf(results)).toEqual([]);
    expect(summary.exitCode).toBe(0);
    const invalid = results.filter((r) => r.operationId === 'uploadFile' && r.check === 'status_expected' && r.title.startsWith('invalid body'));
    expect(invalid.some((r) => r.title.includes('`name` is a number'))).toBe(false);
    expect(invalid.filter((r) => r.status === 'pass').map((r) => r.title)).toContainEqual(expect.stringContaining('`size`'));
  });
});
