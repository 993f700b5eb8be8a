/**
 * Issue #14's seeding rows: `harness mock --contract game-sessions --fixtures <n>` in a fresh process, timed
 * from spawn to the first answered `GET /sessions/count` (the CLI seeds a contract on its first request, so
 * this is spawn + imports + contract load + seeding + one request), with the process's CPU time, resident
 * memory (VmRSS) and peak (VmHWM) at that moment, read from /proc. Run both from the compiled package
 * (dist/, as installed and as the start-up row measures it) and through tsx (a checkout: sources compiled
 * on the fly, which adds their compile time).
 *
 * `npx tsx bench/seeding.ts [size] [dist|tsx]` prints one row; `node --expose-gc --import tsx bench/seeding.ts
 * in-process [size]` the in-process row (seeding alone, heap, and the store's estimate against its cap).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

export type Build = 'dist' | 'tsx';

export interface SeedingRow {
  readonly readyMs: number;
  readonly cpuMs: number | undefined;
  readonly rssMiB: number | undefined;
  readonly peakMiB: number | undefined;
  readonly count: unknown;
}

const ENTRY: Record<Build, string[]> = {
  // start-dist.mjs runs dist/cli/main.js's `mock` command with the arguments given.
  dist: ['bench/start-dist.mjs'],
  // bin/harness.js runs the TypeScript sources through tsx in a checkout.
  tsx: ['bin/harness.js', 'mock'],
};

export function hasDist(): boolean {
  return existsSync(new URL('../dist/cli/main.js', import.meta.url));
}

export async function measureSeeding(size: number, build: Build, headers: Record<string, string>): Promise<SeedingRow> {
  const began = performance.now();
  const args = [...ENTRY[build], '--contract', 'game-sessions', '--fixtures', String(size), '--max-records', String(Math.max(size, 100_000)), '--port', '0', '--quiet'];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    for await (const line of createInterface({ input: child.stdout! })) {
      const url = /listening on (\S+)/.exec(line)?.[1];
      if (!url) continue;
      const answer = await fetch(`${url}/game-sessions/sessions/count`, { headers });
      const count: unknown = await answer.json();
      const readyMs = performance.now() - began;
      const status = processStatus(child.pid);
      return { readyMs, cpuMs: cpuMs(child.pid), rssMiB: status.VmRSS, peakMiB: status.VmHWM, count };
    }
    throw new Error('the mock exited before listening');
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  }
}

export function formatSeedingRow(size: number, build: Build, row: SeedingRow): string {
  const mib = (value: number | undefined) => (value === undefined ? '?' : value.toFixed(0));
  const cpu = row.cpuMs === undefined ? '' : `, CPU ${row.cpuMs.toFixed(0)} ms`;
  return `mock with ${size.toLocaleString('en')} seeded sessions (${build === 'dist' ? 'dist/' : 'tsx'}): ready in ${row.readyMs.toFixed(0)} ms${cpu}, RSS ${mib(row.rssMiB)} MiB (peak ${mib(row.peakMiB)}), count -> ${JSON.stringify(row.count)}`;
}

/** VmRSS and VmHWM of a process in MiB (Linux /proc; empty elsewhere). */
function processStatus(pid: number | undefined): Record<string, number> {
  try {
    const status: Record<string, number> = {};
    for (const [, name, kb] of readFileSync(`/proc/${pid}/status`, 'utf8').matchAll(/^(Vm\w+):\s+(\d+) kB$/gm)) status[name] = Number(kb) / 1024;
    return status;
  } catch {
    return {};
  }
}

/** User + system CPU of a process so far, in ms (Linux /proc, USER_HZ 100). */
function cpuMs(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/**
 * `createMockInstance` seeding `size` game sessions in this process: wall and CPU time, heap and RSS after a
 * full GC when `--expose-gc` is given (else as they are), and the store's estimate next to its default cap.
 */
async function seedInProcess(size: number): Promise<string> {
  const { loadContract } = await import('../src/contract/registry.ts');
  const { fixtureFileFor } = await import('../src/contract/registry.ts');
  const { createMockInstance } = await import('../src/mock/instance.ts');
  const { loadFixtureSpec } = await import('../src/seeder/load.ts');
  const { DEFAULT_STORE_LIMITS } = await import('../src/mock/store-limits.ts');
  const contract = await loadContract('game-sessions');
  const fixtures = await loadFixtureSpec(fixtureFileFor(contract));
  const cpuBefore = process.cpuUsage();
  const began = performance.now();
  const mock = createMockInstance(contract, { seed: 1, fixtures, fixtureCount: size, maxRecords: size });
  const wallMs = performance.now() - began;
  const cpu = process.cpuUsage(cpuBefore);
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  const estimate = mock.context.store.weights.total;
  const cap = DEFAULT_STORE_LIMITS.maxStoreBytes;
  const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
  return `in-process, ${size.toLocaleString('en')} sessions: seeded in ${wallMs.toFixed(0)} ms (CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms), `
    + `heap ${mib(memory.heapUsed)} MiB, RSS ${mib(memory.rss)} MiB, store estimate ${mib(estimate)} MiB of its ${mib(cap)} MiB cap (${estimate <= cap ? 'fits' : 'over'})`;
}

/** The in-process row in a fresh process (`--expose-gc`, through tsx). */
export async function measureInProcess(size: number): Promise<string> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/seeding.ts', 'in-process', String(size)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const [code] = await once(child, 'exit') as [number | null];
  if (code !== 0) throw new Error(`exited with ${code}`);
  return output.trim();
}

if (import.meta.url === `file://${process.argv[1]}` && process.argv[2] === 'in-process') {
  console.log(await seedInProcess(Number(process.argv[3] ?? 1_000_000)));
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const { authorizationHeader, exampleToken } = await import('../src/auth/example-token.ts');
  const { loadContract } = await import('../src/contract/registry.ts');
  const contract = await loadContract('game-sessions');
  const headers = { authorization: authorizationHeader(contract.security!, exampleToken(contract.security!, 'bench-user')) };
  const size = Number(process.argv[2] ?? 100_000);
  const build = (process.argv[3] ?? 'dist') as Build;
  console.log(formatSeedingRow(size, build, await measureSeeding(size, build, headers)));
}
