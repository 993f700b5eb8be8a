import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/harness.js', import.meta.url).pathname;

/** Starts the binary, waits for its listening line, stops it; resolves with what it printed. */
async function startAndStop(args: string[]): Promise<{ stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, 'mock', '--port', '0', '--quiet', '--contract', 'game-sessions', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk) => { stderr += chunk; });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      if (stdout.includes('Press Ctrl+C')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`mock exited with ${code}: ${stdout}${stderr}`)));
  });
  child.kill('SIGTERM');
  await once(child, 'exit');
  return { stdout, stderr };
}

describe('harness mock beyond loopback', () => {
  it('warns at start when bound beyond loopback, and says how to protect the control routes', async () => {
    const { stderr } = await startAndStop(['--host', '0.0.0.0']);
    expect(stderr).toMatch(/^warning: --host 0\.0\.0\.0 serves the mock beyond this machine: .*--control-token/m);
  });

  it('does not warn on loopback', async () => {
    const { stdout, stderr } = await startAndStop(['--host', '127.0.0.1']);
    expect(stdout).toContain('listening on http://127.0.0.1:');
    expect(stderr).toBe('');
  });
});
