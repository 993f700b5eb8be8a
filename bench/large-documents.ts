/**
 * `BENCH_ONLY=bigdoc npm run bench`: what a large document costs before any request is served, through the
 * CLI as a user runs it: `harness lint`, `harness mock` to its first answered request, and the runner's plan
 * (`harness check --dry-run`). Rows for the synthetic document of bench/big-document.ts (BENCH_BIG_RESOURCES
 * resources, five operations each; default 400 = 2,000 operations) and for each file in BENCH_BIG_DOCS
 * (comma-separated paths: real-world documents kept outside the project). Wall and CPU seconds per row.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { bigDocument } from './big-document.ts';

const CLI = new URL('../bin/harness.js', import.meta.url).pathname;

interface Timing { wallS: number; cpuS: number | undefined }

/** User + system CPU seconds of a live process (Linux /proc; undefined elsewhere). */
function cpuSeconds(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** Runs the CLI to its end; its CPU time is read just before it exits (a `--import` hook prints it). */
async function timeCommand(args: string[]): Promise<Timing> {
  const began = performance.now();
  const hook = 'data:text/javascript,process.on("exit",()=>{const u=process.cpuUsage();process.stderr.write(`\\nBENCH_CPU ${(u.user+u.system)/1e6}\\n`)})';
  const child = spawn(process.execPath, ['--import', hook, CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  await once(child, 'exit');
  const cpu = /BENCH_CPU ([\d.]+)/.exec(stderr);
  return { wallS: (performance.now() - began) / 1000, cpuS: cpu ? Number(cpu[1]) : undefined };
}

/** `harness mock <file> --port 0` to its first answered request (any status), then stopped. */
async function timeMockStart(file: string): Promise<Timing> {
  const began = performance.now();
  const child = spawn(process.execPath, [CLI, 'mock', file, '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    for await (const line of createInterface({ input: child.stdout! })) {
      const url = /listening on (http:\/\/\S+)/.exec(line)?.[1];
      if (!url) continue;
      await fetch(`${url}/`).then((response) => response.arrayBuffer(), () => undefined);
      return { wallS: (performance.now() - began) / 1000, cpuS: cpuSeconds(child.pid) };
    }
    throw new Error(`harness mock ${file} exited before listening`);
  } finally {
    child.kill('SIGTERM');
  }
}

const show = (t: Timing) => `${t.wallS.toFixed(1).padStart(5)} s wall${t.cpuS === undefined ? '' : ` ${t.cpuS.toFixed(1).padStart(5)} s CPU`}`;

async function measureDocument(label: string, file: string): Promise<void> {
  const lint = await timeCommand(['lint', file]);
  const mock = await timeMockStart(file);
  const plan = await timeCommand(['check', '--contract', file, '--base-url', 'http://127.0.0.1:9/', '--dry-run']);
  console.log(`  ${label.padEnd(34)} lint ${show(lint)} | mock to first answer ${show(mock)} | plan ${show(plan)}`);
}

export async function measureLargeDocuments(): Promise<void> {
  const resources = Number(process.env.BENCH_BIG_RESOURCES ?? 400);
  const folder = mkdtempSync(join(tmpdir(), 'harness-bigdoc-'));
  try {
    const file = join(folder, 'synthetic.json');
    writeFileSync(file, JSON.stringify(bigDocument(resources), null, 2));
    console.log('\nlarge documents through the CLI (lint; mock start to first answer; runner plan with --dry-run):');
    await measureDocument(`synthetic, ${resources * 5} operations`, file);
    for (const given of (process.env.BENCH_BIG_DOCS ?? '').split(',').filter(Boolean)) await measureDocument(basename(given), given);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
