import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { runConformance } from '../../src/runner/engine.ts';
import type { CheckResult } from '../../src/runner/events.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

/**
 * A PUT that documents 201 creates the record at an id nobody holds (an upsert): a correct server answers
 * 201 to a PUT on an unknown id, so the runner expects no 404 of it (the GET on an unknown id still 404s).
 */
const FILE = `${import.meta.dirname}/../data/openapi/upsert.yaml`;
const things = new Map<string, unknown>();
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const match = /^\/things\/([^/?]+)$/.exec(req.url ?? '');
      const answer = (status: number, body?: unknown) => {
        res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
        res.end(body === undefined ? undefined : JSON.stringify(body));
      };
      if (!match) return answer(404);
      const id = decodeURIComponent(match[1]);
      if (req.method === 'GET') return things.has(id) ? answer(200, things.get(id)) : answer(404);
      if (req.method !== 'PUT') return answer(405);
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return answer(400);
      }
      const valid = body !== null && typeof body === 'object' && !Array.isArray(body)
        && Object.entries(body).every(([key, value]) => (key === 'name' && typeof value === 'string') || (key === 'size' && Number.isInteger(value)));
      if (!valid) return answer(400);
      const existed = things.has(id);
      things.set(id, body);
      return answer(existed ? 200 : 201, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('a PUT that creates at an unknown id (documents 201)', () => {
  it('is not expected to answer 404 there: a correct upsert server passes', async () => {
    const contract = await loadContractFile(FILE);
    const results: CheckResult[] = [];
    const summary = await runConformance(contract, {
      baseUrl, token: 'tok_alice', pathParams: {}, allowDestructive: false, timeoutMs: 5000, seed: 1, only: [],
    }, (event) => { if (event.type === 'check') results.push(event.result); });
    expect(failuresOf(results)).toEqual([]);
    expect(summary.exitCode).toBe(0);
    expect(results.some((r) => r.operationId === 'getThing' && r.title.startsWith('unknown id') && r.check === 'status_expected' && r.status === 'pass')).toBe(true);
    expect(results.filter((r) => r.operationId === 'upsertThing' && r.title.startsWith('unknown id'))).toEqual([]);
  });

  it('the document still passes against its own mock', async () => {
    const { summary, results } = await checkAgainstOwnMock(FILE);
    expect(failuresOf(results)).toEqual([]);
    expect(summary.exitCode).toBe(0);
  });
});
