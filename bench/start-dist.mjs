// `harness mock` from the compiled package (dist/), as an installed package runs it: for the start-up row.
// `node bench/start-dist.mjs --measure [runs]` times it instead: spawn to the first answered request (all
// bundled contracts, `GET /game-sessions/sessions/count`), the median of the runs, next to `node -e 0`; on
// Linux also the CPU time the mock's process used up to then, which other jobs on the machine inflate less.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

if (process.argv[2] === '--measure') {
  const runs = Number(process.argv[3] ?? 5);
  const started = [];
  const cpu = [];
  const bare = [];
  for (let run = 0; run < runs; run++) {
    bare.push(await timeBareNode());
    const first = await timeFirstAnswer();
    started.push(first.wall);
    if (first.cpu !== undefined) cpu.push(first.cpu);
  }
  const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
  const cpuText = cpu.length === runs ? `, ${median(cpu).toFixed(0)} ms CPU` : '';
  console.log(`mock start-up from dist/ to first answered request: ${median(started).toFixed(0)} ms${cpuText}   (node -e 0: ${median(bare).toFixed(0)} ms; ${runs} runs, medians)`);
} else {
  const { runCli } = await import(new URL('../dist/cli/main.js', import.meta.url).href);
  process.exitCode = await runCli(['mock', ...process.argv.slice(2)], { stdout: process.stdout, stderr: process.stderr });
}

async function timeBareNode() {
  const began = performance.now();
  await once(spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' }), 'exit');
  return performance.now() - began;
}

async function timeFirstAnswer() {
  const began = performance.now();
  const child = spawn(process.execPath, [new URL(import.meta.url).pathname, '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    for await (const line of createInterface({ input: child.stdout })) {
      const url = /listening on (\S+)/.exec(line)?.[1];
      if (!url) continue;
      const answer = await fetch(`${url}/game-sessions/sessions/count`, { headers: { authorization: 'jwt eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1c2VyLTEifQ.' } });
      await answer.arrayBuffer();
      if (answer.status !== 200) throw new Error(`the first request got ${answer.status}`);
      const wall = performance.now() - began;
      return { wall, cpu: cpuTimeOf(child.pid) };
    }
    throw new Error('the mock exited before listening');
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  }
}

/** User + system CPU time of a process so far, from /proc (Linux; undefined elsewhere). */
function cpuTimeOf(pid) {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th, in 1/100 s.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}
