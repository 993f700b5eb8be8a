/**
 * `node --import tsx bench/engine-loop.ts [contract-prefix]`: each bundled contract's validated create (the
 * POST row of `npm run bench`, all four contracts mounted; with BENCH_METHODS=get,post its GET row too) answered in a loop by the mock engine itself, no
 * HTTP: CPU time per request (best and median of 7 rounds of BENCH_LOOP requests) and the bytes allocated per
 * request (V8's sampling heap profiler, collected objects included). Steadier than the HTTP rows on a busy
 * machine, and what a change to the engine's POST path is measured by before the HTTP rows.
 */
import { Session } from 'node:inspector/promises';
import { listBundledContractIds, loadContract } from '../src/contract/registry.ts';
import { createEngine } from '../src/mock/engine/dispatch.ts';
import type { EngineRequest } from '../src/mock/engine/exchange.ts';
import { startMockServer } from '../src/mock/server.ts';
import { contractRequests, type BenchRequest } from './contract-requests.ts';

const LOOP = Number(process.env.BENCH_LOOP ?? 5000);
const only = process.argv[2];
/** BENCH_METHODS=get,post: which of each contract's two bench requests are answered (the create alone by default). */
const METHODS = (process.env.BENCH_METHODS ?? 'post').split(',') as ('get' | 'post')[];

const contracts = await Promise.all(listBundledContractIds().map((id) => loadContract(id)));
const server = await startMockServer({ contracts, port: 0, seed: 1 });
const engine = createEngine(server.mounts.map((mount) => ({ instance: mount.instance, base: `/${mount.contract.id}` })), { byId: true, rootControl: true, bodyLimit: 1024 * 1024 });

for (const contract of contracts) {
  if (only && !contract.id.startsWith(only)) continue;
  const requests = await contractRequests(contract, server.url);
  for (const method of METHODS) await measure(contract.id, method, requester(requests[method]));
}
await server.close();

async function measure(id: string, method: 'get' | 'post', answer: () => Promise<void>): Promise<void> {
  const rounds: number[] = [];
  for (let round = 0; round < 7; round++) {
    const before = process.cpuUsage();
    for (let i = 0; i < LOOP; i++) await answer();
    const spent = process.cpuUsage(before);
    rounds.push((spent.user + spent.system) / LOOP);
  }
  rounds.sort((a, b) => a - b);
  const bytes = await allocatedPerRequest(answer);
  console.log(`${id.padEnd(22)} ${method.toUpperCase().padEnd(4)} in-process: ${rounds[0].toFixed(2)} us (median ${rounds[3].toFixed(2)}), ~${bytes.toFixed(0)} bytes allocated per request`);
}

/** Sends the request to the engine; throws unless it is answered with a success. */
function requester(request: BenchRequest): () => Promise<void> {
  const body = Buffer.from(request.body ?? '');
  const headers: Record<string, string> = { ...request.headers, 'content-length': String(body.length), host: '127.0.0.1' };
  const engineRequest = (): EngineRequest => ({ method: request.method, target: request.path, header: (name) => headers[name] ?? null, readBody: async () => body });
  return async () => {
    const response = await engine.answer(engineRequest());
    if (response.status >= 300) throw new Error(`${request.method} ${request.path} answered ${response.status}: ${response.body}`);
  };
}

async function allocatedPerRequest(answer: () => Promise<void>): Promise<number> {
  const session = new Session();
  session.connect();
  const sampling = { samplingInterval: 256, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true };
  await session.post('HeapProfiler.startSampling', sampling as { samplingInterval: number });
  for (let i = 0; i < LOOP; i++) await answer();
  const { profile } = await session.post('HeapProfiler.stopSampling');
  session.disconnect();
  const total = (node: typeof profile.head): number => node.selfSize + node.children.reduce((sum, child) => sum + total(child), 0);
  return total(profile.head) / LOOP;
}
