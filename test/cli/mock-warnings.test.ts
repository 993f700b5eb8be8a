import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

describe('harness mock on a document with warnings', () => {
  it('says how many, in words, and which command lists them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'harness-mock-warnings-'));
    try {
      const file = join(dir, 'loose.yaml');
      // One warning: `items` without `type: array`.
      await writeFile(file, `openapi: 3.1.0
info: { title: loose, version: '1' }
paths:
  /tags:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { items: { type: string } }
`);
      const { stderr } = await startAndStop(['--contract', file]);
      expect(stderr).toContain(`loose: 1 warning about the document; run "harness lint ${file}" to see it.\n`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
