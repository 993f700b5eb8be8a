/**
 * `node --import tsx bench/answer-batching.ts`: why the mock's node server writes answers in batches
 * (src/mock/response-batch.ts). A bare node:http server that burns a fixed CPU time per request (0, 10, 20 us)
 * before answering 1 KB of JSON to a 1.1 KB POST, writing each answer as soon as it is ready (`now`), all of a
 * turn's answers at its end (`batch`) or the first at once and the rest at the end (`first-then-batch`, what
 * the mock does); 4 and 50 connections, autocannon in this process, the server in its own.
 * BENCH_SECONDS (default 3) per row.
 */
import { spawn } from 'node:child_process';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';

type Mode = 'now' | 'batch' | 'first-then-batch';
const MODES: Mode[] = ['now', 'batch', 'first-then-batch'];

if (process.argv[2] === 'serve') serve(Number(process.argv[3]), process.argv[4] as Mode);
else await compare();

function serve(busyMicros: number, mode: Mode): void {
  const body = JSON.stringify({ id: 'x'.repeat(20), data: 'y'.repeat(1000) });
  const write = (res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  let pending: ServerResponse[] = [];
  let turnStarted = false;
  const endTurn = () => {
    turnStarted = false;
    const written = pending;
    pending = [];
    for (const res of written) write(res);
  };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const started = process.hrtime.bigint();
      while (Number(process.hrtime.bigint() - started) < busyMicros * 1000);
      if (mode === 'now') return write(res);
      if (mode === 'first-then-batch' && !turnStarted) {
        turnStarted = true;
        setImmediate(endTurn);
        return write(res);
      }
      pending.push(res);
      if (!turnStarted) {
        turnStarted = true;
        setImmediate(endTurn);
      }
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(0, '127.0.0.1', () => console.log(`READY ${(server.address() as AddressInfo).port}`));
  process.on('message', () => {
    const used = process.cpuUsage();
    process.send?.((used.user + used.system) / 1000);
  });
}

async function compare(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 3);
  console.log(`answers written now, in a batch, or first then batch; ${seconds}s per row (server CPU in us per request)`);
  for (const connections of [4, 50]) {
    for (const busy of [0, 10, 20]) {
      const cells: string[] = [];
      for (const mode of MODES) cells.push(`${mode} ${await row(busy, mode, connections, seconds)}`);
      console.log(`  ${String(connections).padStart(2)} connections, ${String(busy).padStart(2)} us of work: ${cells.join('   ')}`);
    }
  }
}

async function row(busy: number, mode: Mode, connections: number, seconds: number): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, 'serve', String(busy), mode], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve) => child.stdout?.on('data', (chunk: Buffer) => {
    const ready = /READY (\d+)/.exec(chunk.toString());
    if (ready) resolve(Number(ready[1]));
  }));
  const options = { url: `http://127.0.0.1:${port}/x`, method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ a: 'b'.repeat(1100) }), connections };
  await autocannon({ ...options, duration: 1 });
  const cpuBefore = await cpuOf(child);
  const result = await autocannon({ ...options, duration: seconds });
  const cpu = (await cpuOf(child)) - cpuBefore;
  child.kill();
  const total = result.requests.total;
  return `${Math.round(result.requests.average).toString().padStart(6)} req/s ${((cpu * 1000) / total).toFixed(1).padStart(5)} us`;
}

function cpuOf(child: ReturnType<typeof spawn>): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (ms) => resolve(Number(ms)));
    child.send('cpu');
  });
}
