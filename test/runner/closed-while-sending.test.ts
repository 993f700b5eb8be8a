import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../../src/contract/registry.ts';
import type { ContractModel } from '../../src/contract/model.ts';
import { createRunState, exchange } from '../../src/runner/transport.ts';
import type { RunOptions } from '../../src/runner/types.ts';
import { operationOf } from './support/context.ts';

// A server that refuses an oversized body by closing the connection at once, without reading it: the
// client's write fails (EPIPE or a reset) before any answer. `closeFirst` connections are closed so; later
// requests are read and answered 413, as servers that close only now and then (or per connection) do.
let server: Server;
let origin: string;
let closeFirst = 0;
let widgets: ContractModel;

beforeAll(async () => {
  widgets = await loadContract('test/runner/fixtures/widgets.yaml');
  server = createServer((req, res) => {
    if (closeFirst > 0) {
      closeFirst--;
      req.socket.destroy();
      return;
    }
    req.resume();
    req.on('end', () => {
      res.writeHead(413, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'too large' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const oversized = { actor: 'user1' as const, path: {}, rawBody: `{}${' '.repeat(4 * 1024 * 1024)}`, rawBodySummary: '(padded)', oversized: true };

function options(): RunOptions {
  return { baseUrl: origin, token: 'tok-1', pathParams: {}, allowDestructive: true, timeoutMs: 5000, seed: 1, only: [] };
}

describe('an oversized body the server closes the connection on', () => {
  it('is sent once more on a new connection, whose answer is the one checked', async () => {
    closeFirst = 1;
    const sent = await exchange(createRunState(widgets, options()), operationOf(widgets, 'createWidget'), oversized);
    expect(sent.result.error).toBeUndefined();
    expect(sent.response?.status).toBe(413);
  });

  it('keeps the transport error when the server closes again', async () => {
    closeFirst = 2;
    const sent = await exchange(createRunState(widgets, options()), operationOf(widgets, 'createWidget'), oversized);
    expect(sent.response).toBeUndefined();
    expect(sent.result.error).toMatch(/EPIPE|ECONNRESET|UND_ERR_SOCKET/);
  });

  it('is not sent again when the raw body is not an oversized one (malformed JSON)', async () => {
    closeFirst = 1;
    const sent = await exchange(createRunState(widgets, options()), operationOf(widgets, 'createWidget'), { actor: 'user1' as const, path: {}, rawBody: '{"a":', rawBodySummary: '{"a":' });
    expect(sent.result.error).toBeDefined();
    expect(closeFirst).toBe(0);
  });

  it('is not sent again when the body is an ordinary one', async () => {
    closeFirst = 1;
    const sent = await exchange(createRunState(widgets, options()), operationOf(widgets, 'createWidget'), { actor: 'user1' as const, path: {}, body: { name: 'w' } });
    expect(sent.result.error).toBeDefined();
    expect(closeFirst).toBe(0);
  });
});
