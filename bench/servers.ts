/**
 * Servers for the benchmark, each run in its own process so the load generator does not share its CPU:
 * `plain` answers the same JSON as the mock from node:http; `routes` answers, per `<METHOD> <path>`, the
 * bytes BENCH_ROUTES (a JSON object) gives; `mock` is `harness mock` for one contract (a bundled id, `*` for
 * all of them, or a document's path). `routes` answers the mock's status and headers too, and keeps
 * connections open as long: the same bytes on the wire, so that the rows compare the same work.
 * Prints `READY <url> <json>` once listening.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadContract } from '../src/contract/registry.ts';
import { startMockServer } from '../src/mock/server.ts';

const [kind, contractId = 'game-sessions', recordsArg] = process.argv.slice(2);

if (kind === 'plain') {
  const body = process.env.BENCH_BODY ?? '{}';
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  server.listen(0, '127.0.0.1', () => console.log(`READY http://127.0.0.1:${(server.address() as AddressInfo).port}`));
} else if (kind === 'routes') {
  // BENCH_BASELINE_BATCHED=1: the baseline writes its answers as the mock's node server does
  // (src/mock/response-batch.ts: the first of an event-loop turn at once, the rest at the turn's end).
  const BATCHED = process.env.BENCH_BASELINE_BATCHED === '1';
  let later: Array<() => void> = [];
  let turnStarted = false;
  const endTurn = () => {
    turnStarted = false;
    const writes = later;
    later = [];
    for (const write of writes) write();
  };
  const batched = (write: () => void) => {
    if (turnStarted) return void later.push(write);
    turnStarted = true;
    setImmediate(endTurn);
    write();
  };
  type Answer = { status: number; headers: Record<string, string>; body: string };
  const routes = new Map(Object.entries(JSON.parse(process.env.BENCH_ROUTES ?? '{}') as Record<string, Answer>));
  const unknown: Answer = { status: 200, headers: { 'content-type': 'application/json' }, body: '{}' };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const { status, headers, body } = routes.get(`${req.method} ${req.url}`) ?? unknown;
      headers['content-length'] = String(Buffer.byteLength(body));
      if (!BATCHED) {
        res.writeHead(status, headers);
        res.end(body);
        return;
      }
      batched(() => {
        res.writeHead(status, headers);
        res.end(body);
      });
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(0, '127.0.0.1', () => console.log(`READY http://127.0.0.1:${(server.address() as AddressInfo).port}`));
} else {
  const { listBundledContractIds } = await import('../src/contract/registry.ts');
  const ids = contractId === '*' ? listBundledContractIds() : [contractId];
  const contracts = await Promise.all(ids.map((id) => loadContract(id)));
  const fixtureCount = recordsArg === undefined ? undefined : Number(recordsArg);
  const server = await startMockServer({ contracts, port: 0, seed: 1, fixtureCount });
  // A document by path (a corpus file) is mounted under its own id: its URL is the mount's.
  const url = contractId === '*' ? server.url : contractId.includes('/') ? server.mounts[0].url : `${server.url}/${contractId}`;
  console.log(`READY ${url} ${process.memoryUsage().rss}`);
}
