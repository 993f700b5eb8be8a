import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractModel } from '../../src/contract/model.ts';
import { loadContract } from '../../src/contract/registry.ts';
import { sendRequest } from '../../src/runner/http-client.ts';
import { check } from './support/run.ts';

/**
 * Targets that misbehave at the transport level: the run must end (failures or exit 2), after as few
 * requests as the situation allows. Nothing here measures time: the test timeout bounds every run.
 */
let contract: ContractModel;
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);

beforeAll(async () => {
  contract = await loadContract('game-sessions');
  process.on('unhandledRejection', onRejection);
});
afterAll(() => {
  process.off('unhandledRejection', onRejection);
  expect(rejections, 'no unhandled rejections').toEqual([]);
});

interface Target {
  readonly url: string;
  /** How many requests (HTTP targets) or connections that sent something (raw targets) arrived so far. */
  readonly received: () => number;
  close(): Promise<void>;
}

async function httpTarget(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Target> {
  let received = 0;
  const server = createHttpServer((req, res) => {
    received++;
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received: () => received,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

async function rawTarget(onData: (socket: Socket) => void): Promise<Target> {
  const sockets = new Set<Socket>();
  let received = 0;
  const server: NetServer = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    socket.once('data', () => {
      received++;
      onData(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received: () => received,
    close: () => new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}


describe('the runner against hostile targets', () => {
  it('a server that never answers: exit 2 after one timeout', async () => {
    const target = await httpTarget(() => { /* never answers */ });
    try {
      const value = await check(contract, `${target.url}/api`, { timeoutMs: 300 });
      expect(value.summary.exitCode).toBe(2);
      expect(value.summary.fatal).toMatch(/could not be reached: timed out after 300 ms/);
      expect(target.received(), 'the run gave up after its first request').toBe(1);
    } finally {
      await target.close();
    }
  });

  it('a server that answers after the timeout: exit 2, bounded by the timeout', async () => {
    const target = await httpTarget((_req, res) => {
      const timer = setTimeout(() => res.end('{}'), 2000);
      res.on('close', () => clearTimeout(timer));
    });
    try {
      const value = await check(contract, target.url, { timeoutMs: 200 });
      expect(value.summary.exitCode).toBe(2);
      expect(value.summary.fatal).toMatch(/could not be reached: timed out after 200 ms/);
      expect(target.received(), 'the run gave up after its first request').toBe(1);
    } finally {
      await target.close();
    }
  });

  it('a connection reset in the middle of the body: exit 2', async () => {
    const target = await rawTarget((socket) => {
      socket.write('HTTP/1.1 201 Created\r\ncontent-type: application/json\r\ncontent-length: 5000\r\n\r\n{"uid": "');
      setTimeout(() => socket.resetAndDestroy(), 20);
    });
    try {
      const value = await check(contract, target.url, { timeoutMs: 2000 });
      expect(value.summary.exitCode).toBe(2);
      expect(value.summary.fatal).toMatch(/first answer broke off before its body ended: .*(reset|closed|terminated|socket).*status 201/i);
      expect(value.failures.some((r) => r.check === 'response_received')).toBe(true);
      expect(target.received(), 'the run gave up after its first request').toBe(1);
    } finally {
      await target.close();
    }
  });

  it('non-JSON with a JSON content type: failures naming it, not a crash', async () => {
    const target = await httpTarget((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('<html>definitely not json</html>');
    });
    try {
      const { summary, failures } = await check(contract, target.url, { timeoutMs: 2000 });
      expect(summary.exitCode).toBe(1);
      expect(failures.some((r) => /is not JSON although Content-Type is application\/json/.test(r.message ?? ''))).toBe(true);
    } finally {
      await target.close();
    }
  });

  it('a 10 MB body: reading stops at the cap, failures say why', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const target = await httpTarget((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      let sent = 0;
      const pump = () => {
        while (sent < 10 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('error', () => undefined);
      pump();
    });
    try {
      const value = await check(contract, target.url, { timeoutMs: 5000 });
      expect(value.summary.exitCode).toBe(1);
      expect(value.failures.some((r) => /body larger than 5242880 bytes/.test(r.message ?? ''))).toBe(true);
    } finally {
      await target.close();
    }
  });

  it('a redirect loop: the redirect is a response, not followed', async () => {
    const target = await httpTarget((req, res) => {
      req.resume();
      res.writeHead(302, { location: req.url ?? '/' });
      res.end();
    });
    try {
      const value = await check(contract, target.url, { timeoutMs: 2000 });
      expect(value.summary.exitCode).toBe(1);
      expect(value.failures.some((r) => r.check === 'status_documented' && /does not document status 302 \(a redirect to .*not followed\)/.test(r.message ?? ''))).toBe(true);
      // Followed redirects would multiply the requests: one request per exchange the run judged.
      const judged = value.results.filter((r) => r.check === 'status_documented').length;
      expect(judged).toBeGreaterThan(1);
      expect(target.received()).toBe(judged);
    } finally {
      await target.close();
    }
  });

  it('an unreachable port: exit 2, connection refused', async () => {
    const port = await freePort();
    const value = await check(contract, `http://127.0.0.1:${port}`, { timeoutMs: 2000 });
    expect(value.summary.exitCode).toBe(2);
    expect(value.summary.fatal).toMatch(/connection refused \(ECONNREFUSED\)/);
    expect(value.results.filter((r) => r.check === 'response_received'), 'the run gave up after its first request').toHaveLength(1);
  });

  it('TLS to a plain HTTP port: exit 2, the handshake fails', async () => {
    const target = await httpTarget((req, res) => {
      req.resume();
      res.end('plain');
    });
    try {
      const value = await check(contract, target.url.replace('http:', 'https:'), { timeoutMs: 2000 });
      expect(value.summary.exitCode).toBe(2);
      expect(value.summary.fatal).toMatch(/TLS|SSL|EPROTO|socket|closed/i);
      expect(target.received(), 'no request reached the plain HTTP server as HTTP').toBe(0);
    } finally {
      await target.close();
    }
  });

  it('a server that dies mid-run: the run aborts after a few failed requests', async () => {
    let answered = 0;
    const target = await rawTarget((socket) => {
      if (answered++ === 0) {
        const body = '{"message":"no","status":400}';
        socket.end(`HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`);
      } else {
        socket.resetAndDestroy();
      }
    });
    try {
      const { summary, results } = await check(contract, target.url, { timeoutMs: 2000 });
      expect(summary.exitCode).toBe(2);
      expect(summary.fatal).toMatch(/stopped answering: 3 requests in a row failed/);
      expect(results.filter((r) => r.check === 'response_received').length).toBe(3);
    } finally {
      await target.close();
    }
  });
});

describe('a first answer whose body stalls', () => {
  it('exit 2, saying the answer broke off (not that the target could not be reached)', async () => {
    const target = await httpTarget((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('[');
    });
    try {
      const value = await check(contract, target.url, { timeoutMs: 300 });
      expect(value.summary.exitCode).toBe(2);
      expect(value.summary.fatal).toMatch(/first answer broke off before its body ended: timed out while reading the body \(status 200, after 1 bytes of the body\)/);
    } finally {
      await target.close();
    }
  });
});

describe('sendRequest', () => {
  it('turns a stalled body into an error, never a rejection', async () => {
    const target = await httpTarget((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"a":');
    });
    try {
      const result = await sendRequest({ method: 'GET', url: target.url, headers: {} }, { timeoutMs: 200 });
      expect(result.response?.status).toBe(200);
      expect(result.error).toMatch(/timed out/);
    } finally {
      await target.close();
    }
  });

  it('stops at a declared Content-Length over the cap without reading', async () => {
    const target = await httpTarget((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) });
      res.write('[');
    });
    try {
      const result = await sendRequest({ method: 'GET', url: target.url, headers: {} }, { timeoutMs: 2000, maxBodyBytes: 1024 });
      expect(result.error).toBeUndefined();
      expect(result.response?.bodyError).toBe('body larger than 1024 bytes; stopped reading');
    } finally {
      await target.close();
    }
  });

  it('parses JSON only for JSON content types', async () => {
    const target = await httpTarget((req, res) => {
      res.writeHead(200, { 'content-type': req.url === '/json' ? 'application/problem+json' : 'text/plain' });
      res.end('{"a":1}');
    });
    try {
      const asJson = await sendRequest({ method: 'GET', url: `${target.url}/json`, headers: {} }, { timeoutMs: 2000 });
      const asText = await sendRequest({ method: 'GET', url: `${target.url}/text`, headers: {} }, { timeoutMs: 2000 });
      expect(asJson.response).toMatchObject({ isJson: true, body: { a: 1 } });
      expect(asText.response).toMatchObject({ isJson: false, body: '{"a":1}' });
    } finally {
      await target.close();
    }
  });
});
