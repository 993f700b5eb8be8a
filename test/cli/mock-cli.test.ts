import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/harness.js', import.meta.url).pathname;

function startMock(args: string[]) {
  const child = spawn(process.execPath, [BIN, 'mock', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters: { test: (line: string) => boolean; resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  let exited: Error | undefined;
  const reader = createInterface({ input: child.stdout! });
  reader.on('line', (line) => {
    lines.push(line);
    for (const waiter of [...waiters]) {
      if (!waiter.test(line)) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  });
  child.once('exit', (code) => {
    exited = new Error(`mock exited with ${code}: ${lines.join('\n')}`);
    for (const waiter of waiters.splice(0)) waiter.reject(exited);
  });
  /** The first line printed so far, or from now on, that passes `test`; rejects if the mock exits first. */
  const lineMatching = (test: (line: string) => boolean): Promise<string> => {
    const seen = lines.find(test);
    if (seen !== undefined) return Promise.resolve(seen);
    if (exited) return Promise.reject(exited);
    return new Promise((resolve, reject) => waiters.push({ test, resolve, reject }));
  };
  // Ready once the whole banner (base URLs and tokens) is out: it ends with the Ctrl+C hint.
  const ready = lineMatching((line) => line === 'Press Ctrl+C to stop.')
    .then(() => /listening on (http:\/\/\S+)/.exec(lines.join('\n'))![1]);
  return { child, lines, ready, lineMatching };
}

describe('harness mock (the binary)', () => {
  it('serves every bundled contract, prints base URLs and tokens, logs requests and stops on SIGTERM', async () => {
    const { child, lines, ready, lineMatching } = startMock(['--seed', '5']);
    const url = await ready;
    const printed = lines.join('\n');
    for (const id of ['endgrate-sessions', 'game-sessions', 'gigs-connect-sessions', 'make-sdk-connections']) {
      expect(printed).toContain(`${url}/${id}`);
    }
    const jwtLine = lines.find((line) => line.includes('Authorization: jwt '))!;
    const token = jwtLine.split('Authorization: jwt ')[1].trim();
    const reply = await fetch(`${url}/game-sessions/sessions/count`, { headers: { authorization: `jwt ${token}` } });
    expect(reply.status).toBe(200);
    expect(await reply.json()).toEqual({ count: expect.any(Number) });
    const logged = await lineMatching((line) => line.startsWith('GET '));
    expect(logged).toMatch(/^GET \/game-sessions\/sessions\/count 200 \d+(\.\d+)?ms$/);
    expect(lines.filter((line) => line.startsWith('GET ')).join('\n')).not.toContain(token);

    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('serves a contract file outside contracts/ and refuses a bad flag with exit 2', async () => {
    const { child, ready } = startMock(['--contract', new URL('../../contracts/game-sessions.yaml', import.meta.url).pathname, '--quiet']);
    const url = await ready;
    expect((await fetch(`${url}/game-sessions/sessions`)).status).toBe(401);
    child.kill('SIGINT');
    expect((await once(child, 'exit'))[0]).toBe(0);

    const bad = spawn(process.execPath, [BIN, 'mock', '--port', 'abc'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    bad.stderr!.on('data', (chunk) => { stderr += chunk; });
    expect((await once(bad, 'exit'))[0]).toBe(2);
    expect(stderr).toContain('--port must be an integer');
  });
});
