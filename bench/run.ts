/**
 * `npm run bench`: requests per second of the mock (GET of a stored record, validated POST; game-sessions
 * alone, then each bundled contract with all four mounted) next to a
 * plain node:http server answering the same JSON, in the same run; the mock's start-up time to its first
 * answered request; its resident memory with 100,000 stored records; the runner's wall time against it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import os from 'node:os';
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { authorizationHeader, exampleToken } from '../src/auth/example-token.ts';
import { loadContract } from '../src/contract/registry.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
/** `BENCH_ONLY=contracts,requests` runs those sections only (requests, contracts, seeding, lists, startup, runner, bigdoc). */
const ONLY = new Set((process.env.BENCH_ONLY ?? '').split(',').filter(Boolean));
const runs = (section: string) => ONLY.size === 0 || ONLY.has(section);
const CONNECTIONS = 50;

interface Started { url: string; extra: string | undefined; child: ChildProcess; startedMs: number; readyAt: number }

async function startServer(args: string[], env: Record<string, string> = {}): Promise<Started> {
  const began = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/servers.ts', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    if (line.startsWith('READY ')) {
      const [, url, extra] = line.split(' ');
      return { url, extra, child, startedMs: performance.now() - began, readyAt: performance.now() };
    }
  }
  throw new Error(`server ${args.join(' ')} exited before it was ready`);
}

async function timeFirstAnswer(server: Started): Promise<number> {
  await fetch(`${server.url}/sessions/count`, { headers });
  return server.startedMs + (performance.now() - server.readyAt);
}

/**
 * Prism's mock on the same contract and route, fetched with npx on first use (not a dependency of the
 * project). Skipped when npx cannot fetch it, or with BENCH_PRISM=0.
 */
async function measurePrism(uid: string): Promise<number | undefined> {
  if (process.env.BENCH_PRISM === '0') return undefined;
  const port = await freePort();
  const child = spawn('npx', ['-y', '@stoplight/prism-cli@5.14.2', 'mock', '-p', String(port), '-h', '127.0.0.1', '-v', 'warn', 'contracts/game-sessions.yaml'], { stdio: 'ignore' });
  try {
    const url = `http://127.0.0.1:${port}/sessions/${uid}`;
    for (let i = 0; i < 240; i++) {
      const up = await fetch(url, { headers }).then(() => true, () => false);
      if (up) return await measure('Prism 5.14 mock GET /sessions/{id} (static)', { url, headers });
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    console.log('  Prism: did not start within 2 minutes; skipped');
    return undefined;
  } finally {
    child.kill('SIGTERM');
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function stop(server: Started): Promise<void> {
  server.child.kill('SIGTERM');
  await once(server.child, 'exit');
}

async function measure(title: string, options: autocannon.Options): Promise<number> {
  return (await measureOn(undefined, title, options)).rps;
}

/**
 * Requests per second, and with a server process the CPU time it spent per request (from /proc, Linux
 * only): on a shared machine the load generator and other jobs move req/s a lot, CPU per request much less.
 */
async function measureOn(server: Started | undefined, title: string, options: autocannon.Options): Promise<{ rps: number; cpuUs: number | undefined }> {
  const cpuBefore = server && cpuSeconds(server.child.pid);
  const result = await autocannon({ connections: CONNECTIONS, duration: DURATION, ...options });
  const cpuAfter = server && cpuSeconds(server.child.pid);
  const cpuUs = cpuBefore !== undefined && cpuAfter !== undefined && result.requests.total > 0 ? (1e6 * (cpuAfter - cpuBefore)) / result.requests.total : undefined;
  const non2xx = result.non2xx + result.errors;
  const rps = Math.round(result.requests.average);
  const cpu = cpuUs === undefined ? '' : `   server CPU ${cpuUs.toFixed(1).padStart(5)} us/req`;
  console.log(`  ${title.padEnd(44)} ${String(rps).padStart(7)} req/s   p99 ${String(result.latency.p99).padStart(3)} ms${cpu}${non2xx ? `   (${non2xx} non-2xx/errors!)` : ''}`);
  return { rps, cpuUs };
}

/** User + system CPU seconds of a process so far (Linux /proc; undefined elsewhere). */
function cpuSeconds(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** USER_HZ: what /proc counts CPU time in (100 on Linux for every common architecture). */
const CLOCK_TICKS = 100;

const contract = await loadContract('game-sessions');
const auth = authorizationHeader(contract.security!, exampleToken(contract.security!, 'bench-user'));
const headers = { authorization: auth, 'content-type': 'application/json' };
const createBody = JSON.stringify({ numTeams: 2, teamSize: 4, status: 'open', visibility: 'public', invited: ['u1', 'u2'] });

console.log(`harness bench — ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, Node ${process.version}, ${CONNECTIONS} connections, ${DURATION}s per run`);
console.log(`machine: ${os.type()} ${os.release()} ${os.arch()}, load average ${os.loadavg().map((load) => load.toFixed(1)).join(' ')} (shared: other jobs inflate every figure)\n`);

if (runs('requests')) {
  const mock = await startServer(['mock', 'game-sessions']);
  const firstAnswerMs = await timeFirstAnswer(mock);
  const created = await (await fetch(`${mock.url}/sessions`, { method: 'POST', headers, body: createBody })).json() as { uid: string };
  const storedJson = await (await fetch(`${mock.url}/sessions/${created.uid}`, { headers })).text();
  console.log(`mock start-up to first answered request: ${firstAnswerMs.toFixed(0)} ms (process spawn + tsx + contract load + seeding + one GET)`);

  const plain = await startServer(['plain'], { BENCH_BODY: storedJson });
  const plainGet = await measure('plain node:http GET (same JSON)', { url: `${plain.url}/sessions/x`, headers });
  const plainPost = await measure('plain node:http POST (same JSON)', { url: `${plain.url}/sessions`, method: 'POST', headers, body: createBody });
  await stop(plain);

  const mockGet = await measure('mock GET /sessions/{id}', { url: `${mock.url}/sessions/${created.uid}`, headers });
  const mockPost = await measure('mock POST /sessions (auth + ajv + store)', { url: `${mock.url}/sessions`, method: 'POST', headers, body: createBody });
  await stop(mock);

  const prismGet = await measurePrism(created.uid);
  console.log(`\n  ratio GET  ${(100 * mockGet / plainGet).toFixed(1)}% of node:http`);
  console.log(`  ratio POST ${(100 * mockPost / plainPost).toFixed(1)}% of node:http`);
  if (prismGet !== undefined) console.log(`  mock GET vs Prism GET: ${(mockGet / prismGet).toFixed(1)}x`);

}
if (runs('contracts')) await measureEachContract();

// Seeding: `harness mock` in a fresh process per size, from dist/ (as installed, as the start-up row) and
// through tsx; spawn to the first answered count (it seeds the contract), CPU, RSS and peak (bench/seeding.ts).
if (runs('seeding')) {
  const { formatSeedingRow, hasDist, measureSeeding } = await import('./seeding.ts');
  const SEED_SIZES = [1_000, 100_000, ...(process.env.BENCH_MILLION === '1' ? [1_000_000] : [])];
  if (!hasDist()) console.log('seeding rows from dist/: skipped (no dist/cli/main.js: run `npm run build`)');
  for (const size of SEED_SIZES) {
    for (const build of hasDist() ? ['dist', 'tsx'] as const : ['tsx'] as const) {
      try {
        console.log(formatSeedingRow(size, build, await measureSeeding(size, build, headers)));
      } catch (error) {
        console.log(`mock with ${size.toLocaleString('en')} seeded sessions (${build}): skipped (${(error as Error).message})`);
      }
    }
  }
  if (process.env.BENCH_MILLION === '1') {
    const { measureInProcess } = await import('./seeding.ts');
    try {
      console.log(await measureInProcess(1_000_000));
    } catch (error) {
      console.log(`in-process, 1,000,000 sessions: skipped (${(error as Error).message})`);
    }
  } else {
    console.log('  (1,000,000, from dist/, tsx and in-process with the store estimate: BENCH_MILLION=1)');
  }
}

// Start-up with the default contracts (all bundled ones, as `harness mock`), next to a bare Node process.
if (runs('startup')) {
  const nodeBegan = performance.now();
  await once(spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' }), 'exit');
  const bareNodeMs = performance.now() - nodeBegan;
  const defaults = await startServer(['mock', '*']);
  const defaultsFirstMs = await (async () => {
    await fetch(`${defaults.url}/game-sessions/sessions/count`, { headers });
    return defaults.startedMs + (performance.now() - defaults.readyAt);
  })();
  console.log(`\nmock start-up, all four contracts, to first answered request (tsx): ${defaultsFirstMs.toFixed(0)} ms   (node -e 0: ${bareNodeMs.toFixed(0)} ms)`);
  await stop(defaults);
  const distFirstMs = await startFromDist();
  console.log(distFirstMs === undefined
    ? 'mock start-up from dist/: skipped (no dist/cli/main.js: run `npm run build`)'
    : `mock start-up from dist/ (as installed), all four contracts, to first answered request: ${distFirstMs.toFixed(0)} ms   (node -e 0: ${bareNodeMs.toFixed(0)} ms)`);
}

// Large documents (synthetic, and BENCH_BIG_DOCS): lint, mock start and plan through the CLI. Opt-in.
if (ONLY.has('bigdoc')) {
  const { measureLargeDocuments } = await import('./large-documents.ts');
  await measureLargeDocuments();
}

// The runner on a large real-world document (104 operations) against the harness's own mock.
if (runs('runner')) {
  const { runConformance } = await import('../src/runner/engine.ts');
  const CORPUS_FILE = process.env.BENCH_CORPUS ?? new URL('../../shared/openapi-corpus/resend.yaml', import.meta.url).pathname;
  if (existsSync(CORPUS_FILE)) {
    const corpusBegan = performance.now();
    const corpusMock = await startServer(['mock', CORPUS_FILE]);
    const loadBegan = performance.now();
    const corpusModel = await loadContract(CORPUS_FILE);
    const runBegan = performance.now();
    const corpusSummary = await runConformance(corpusModel, { baseUrl: corpusMock.url, token: undefined, token2: undefined, pathParams: {}, allowDestructive: false, timeoutMs: 10_000, seed: 1, only: [] }, () => {});
    const ended = performance.now();
    console.log(`runner on ${basename(CORPUS_FILE)} (${corpusModel.operations.length} operations) against the mock: ${(ended - corpusBegan).toFixed(0)} ms wall = mock process ready ${corpusMock.startedMs.toFixed(0)} ms + contract load ${(runBegan - loadBegan).toFixed(0)} ms + run ${(ended - runBegan).toFixed(0)} ms (${corpusSummary.counts.pass} pass, ${corpusSummary.counts.fail} fail)`);
    await stop(corpusMock);
  } else {
    console.log(`runner on the corpus document: ${CORPUS_FILE} not found (BENCH_CORPUS=<file>); skipped`);
  }

  const { listBundledContractIds } = await import('../src/contract/registry.ts');
  const all = await startServer(['mock', '*']);
  const began = performance.now();
  let failures = 0;
  for (const id of listBundledContractIds()) {
    const model = await loadContract(id);
    const token = model.security ? exampleToken(model.security, 'runner-1') : undefined;
    const token2 = model.security ? exampleToken(model.security, 'runner-2') : undefined;
    const summary = await runConformance(model, { baseUrl: `${all.url}/${id}`, token, token2, pathParams: {}, allowDestructive: false, timeoutMs: 10_000, seed: 1, only: [] }, () => {});
    failures += summary.counts.fail;
  }
  console.log(`runner, all four contracts against the mock: ${(performance.now() - began).toFixed(0)} ms wall (${failures} failures)`);
  await stop(all);
}

/** `harness mock` from the compiled package: spawn to the first answered request, or undefined without dist/. */
async function startFromDist(): Promise<number | undefined> {
  if (!existsSync(new URL('../dist/cli/main.js', import.meta.url))) return undefined;
  const began = performance.now();
  const child = spawn(process.execPath, ['bench/start-dist.mjs', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    for await (const line of createInterface({ input: child.stdout! })) {
      const url = /listening on (\S+)/.exec(line)?.[1];
      if (!url) continue;
      await fetch(`${url}/game-sessions/sessions/count`, { headers });
      return performance.now() - began;
    }
    return undefined;
  } finally {
    child.kill('SIGTERM');
  }
}

/**
 * The mock of issue #14's rows: `harness mock` (all bundled contracts, seed 1) from the compiled dist/, what
 * an installed package runs; through tsx when there is no dist/ or BENCH_MOCK=tsx. Says which it used.
 */
async function startContractsMock(): Promise<Started & { build: 'dist' | 'tsx' }> {
  const { hasDist } = await import('./seeding.ts');
  if (process.env.BENCH_MOCK === 'tsx' || !hasDist()) return { ...(await startServer(['mock', '*'])), build: 'tsx' };
  const began = performance.now();
  // Room for every create of the warm-ups and rows (~25,000 a second): a create refused at the 100,000-record
  // default cap is cheaper than one stored, and would flatter the POST rows.
  // BENCH_MOCK_NODE_FLAGS: node flags for the mock's process only (to try V8 settings against the same rows).
  const flags = (process.env.BENCH_MOCK_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...flags, 'bench/start-dist.mjs', '--port', '0', '--seed', '1', '--quiet', '--max-records', '1000000'], { stdio: ['ignore', 'pipe', 'inherit'] });
  for await (const line of createInterface({ input: child.stdout! })) {
    const url = /listening on (\S+)/.exec(line)?.[1];
    if (url) return { url, extra: undefined, child, startedMs: performance.now() - began, readyAt: performance.now(), build: 'dist' };
  }
  throw new Error('the mock from dist/ exited before it was listening');
}

/**
 * Issue #14's rows: every bundled contract mounted in one mock process (what `npm start` serves); per
 * contract a GET of a stored record and a validated create with that contract's credentials, each next to
 * a plain node:http server answering the same status, headers and bytes; then the worst ratio of each kind.
 */
async function measureEachContract(): Promise<void> {
  const { listBundledContractIds } = await import('../src/contract/registry.ts');
  const { contractRequests } = await import('./contract-requests.ts');
  const server = await startContractsMock();
  const models = await Promise.all(listBundledContractIds().map((id) => loadContract(id)));
  const requests = [];
  for (const model of models) requests.push(await contractRequests(model, server.url));
  const routes = Object.fromEntries(requests.flatMap(({ get, post }) => [[`GET ${get.path}`, get.answer], [`POST ${post.path}`, post.answer]]));
  const plainServer = await startServer(['routes'], { BENCH_ROUTES: JSON.stringify(routes) });
  // Each server warms up on every request first, so that no row pays for the JIT compiling its path.
  for (const request of requests.flatMap(({ get, post }) => [get, post])) {
    for (const target of [plainServer, server]) {
      await autocannon({ url: `${target.url}${request.path}`, method: request.method, headers: request.headers, body: request.body, connections: CONNECTIONS, duration: 1 });
    }
  }
  const ran = server.build === 'dist' ? 'from dist/, as an installed package runs it' : 'through tsx (no dist/: run `npm run build` for the installed form)';
  console.log(`\nall four contracts mounted in one mock (as \`npm start\`), run ${ran}; each row next to node:http answering the same status, headers and bytes (after a 1 s warm-up of each):`);
  const worst = { GET: Infinity, POST: Infinity };
  const worstCpu = { GET: Infinity, POST: Infinity };
  // BENCH_CONTRACT=<id prefix> and BENCH_ROWS=get|post narrow the rows (for trying one change on one row).
  const rows = (process.env.BENCH_ROWS ?? 'get,post').split(',');
  for (const { id, get, post } of requests.filter(({ id }) => id.startsWith(process.env.BENCH_CONTRACT ?? ''))) {
    for (const request of [get, post].filter((request) => rows.includes(request.method.toLowerCase()))) {
      const options = { method: request.method, headers: request.headers, body: request.body };
      const bare = await measureOn(plainServer, `plain ${request.method} (${id})`, { url: `${plainServer.url}${request.path}`, ...options });
      const mocked = await measureOn(server, `mock  ${request.method} ${id}`, { url: `${server.url}${request.path}`, ...options });
      const ratio = (100 * mocked.rps) / bare.rps;
      const cpuRatio = bare.cpuUs !== undefined && mocked.cpuUs !== undefined ? (100 * bare.cpuUs) / mocked.cpuUs : undefined;
      worst[request.method] = Math.min(worst[request.method], ratio);
      if (cpuRatio !== undefined) worstCpu[request.method] = Math.min(worstCpu[request.method], cpuRatio);
      console.log(`    ${request.method.padEnd(4)} ${id}: ${ratio.toFixed(1)}% of node:http's req/s${cpuRatio === undefined ? '' : `; node:http's CPU per request is ${cpuRatio.toFixed(1)}% of the mock's`}`);
    }
  }
  console.log(`  worst GET  ${worst.GET.toFixed(1)}% (goal >= 50%), worst POST ${worst.POST.toFixed(1)}% (goal >= 35%)`);
  if (Number.isFinite(worstCpu.GET)) console.log(`  by server CPU per request: worst GET ${worstCpu.GET.toFixed(1)}%, worst POST ${worstCpu.POST.toFixed(1)}% (what the ratio would be if each server had a core to itself)`);
  await stop(plainServer);
  await stop(server);
}
