import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ContractModel } from '../../../src/contract/model.ts';
import { startMockServer } from '../../../src/mock/server.ts';
import { runConformance } from '../../../src/runner/engine.ts';
import type { CheckResult } from '../../../src/runner/events.ts';

/** What a defect may change: the request on its way to the mock, the answer's text on its way back. */
export interface Defect {
  readonly request?: (url: string, headers: Headers) => void;
  /** The request body's text as the mock receives it. */
  readonly requestBody?: (method: string, url: string, text: string) => string;
  readonly response?: (method: string, url: string, status: number, text: string) => string;
  /** The request body's text as the mock receives it, worked out with requests of its own to `target` (the mock). */
  readonly requestBodyVia?: (target: string, method: string, url: string, text: string, headers: Headers) => Promise<string>;
}

/**
 * `harness check` against the document's own mock behind a proxy that adds one defect: a broken
 * implementation, to show a check catching it. Returns every check result.
 */
export async function checkWithDefect(contract: ContractModel, defect: Defect, token = 'tok_alice'): Promise<CheckResult[]> {
  const mock = await startMockServer({ contracts: [contract], port: 0, atRoot: true });
  const target = mock.mounts[0].url;
  const forward = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
    defect.request?.(req.url ?? '/', headers);
    const sent = chunks.length ? Buffer.concat(chunks) : undefined;
    let body = sent && defect.requestBody ? defect.requestBody(req.method ?? 'GET', req.url ?? '/', sent.toString('utf8')) : sent;
    if (body && defect.requestBodyVia) body = await defect.requestBodyVia(target, req.method ?? 'GET', req.url ?? '/', body.toString(), headers);
    if (typeof body === 'string') headers.delete('content-length');
    const upstream = await fetch(`${target}${req.url}`, { method: req.method, headers, body });
    const text = await upstream.text();
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
    res.end(defect.response ? defect.response(req.method ?? 'GET', req.url ?? '/', upstream.status, text) : text);
  };
  const proxy = createServer((req, res) => {
    // A request the client gave up on (an aborted oversized upload) reaches the hooks cut short: answered 502,
    // never an unhandled rejection in the test run.
    forward(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const results: CheckResult[] = [];
  try {
    await runConformance(contract, {
      baseUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, token, token2: 'tok_bob', pathParams: {}, allowDestructive: false, timeoutMs: 5000, seed: 1, only: [],
    }, (event) => { if (event.type === 'check') results.push(event.result); });
    return results;
  } finally {
    await new Promise((resolve) => proxy.close(resolve));
    await mock.close();
  }
}
