import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { exampleToken } from '../../src/auth/example-token.ts';
import { loadContract } from '../../src/contract/registry.ts';
import { junitSchemaErrors } from '../report/support/junit-schema.ts';

/**
 * The CI recipes of the README, run here: the bundled mock (the binary, on a free port) stands in for
 * the implementation, and each recipe's `harness check` command runs as written, with only the
 * placeholders (contract file, URL, secrets) filled in.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'harness.js');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const CONTRACT = join(ROOT, 'contracts', 'game-sessions.yaml');

function recipe(name: string): unknown {
  const match = new RegExp(`<!-- ci-recipe:${name} -->\\n\`\`\`yaml\\n([\\s\\S]*?)\`\`\``).exec(README);
  if (!match) throw new Error(`README has no ${name} CI recipe`);
  return parseYaml(match[1]);
}

interface Step { run?: string; env?: Record<string, string> }

let mock: ChildProcess;
let mockUrl: string;
let tokens: { token: string; token2: string };
let dir: string;

beforeAll(async () => {
  const contract = await loadContract('game-sessions');
  tokens = { token: exampleToken(contract.security, 'alice'), token2: exampleToken(contract.security, 'bob') };
  dir = await mkdtemp(join(tmpdir(), 'harness-ci-recipe-'));
  mock = spawn(process.execPath, [BIN, 'mock', '--port', '0', '--quiet', '--contract', 'game-sessions'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = createInterface({ input: mock.stdout! });
  mockUrl = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match) resolve(match[1]);
    });
    mock.once('exit', (code) => reject(new Error(`the mock exited with ${code}`)));
  });
}, 30_000);

afterAll(async () => {
  if (mock && mock.exitCode === null) {
    mock.kill('SIGTERM');
    await once(mock, 'exit');
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Runs a recipe's shell command in `cwd` the way a CI runner would, `npx harness` being this checkout's binary. */
async function runStep(command: string, env: Record<string, string>, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const script = command
    .replaceAll('npx harness', `"${process.execPath}" "${BIN}"`)
    .replaceAll('contracts/my-api.yaml', CONTRACT)
    .replaceAll('http://127.0.0.1:8080', `${mockUrl}/game-sessions`);
  const child = spawn('sh', ['-c', script], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number];
  return { code, stdout, stderr };
}

async function expectReports(out: string): Promise<void> {
  const junit = await readFile(join(out, 'junit.xml'), 'utf8');
  expect(await junitSchemaErrors(junit)).toEqual([]);
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats.default(ajv);
  const validate = ajv.compile(JSON.parse(await readFile(join(ROOT, 'schemas', 'conformance-report.schema.json'), 'utf8')) as object);
  const report = JSON.parse(await readFile(join(out, 'conformance.json'), 'utf8')) as { runs: Array<{ summary: { exitCode: number } }> };
  expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  expect(report.runs[0].summary.exitCode).toBe(0);
  const html = await readFile(join(out, 'conformance.html'), 'utf8');
  expect(html).toContain('<span class="verdict v0">passed</span>');
}

describe('README CI recipes', () => {
  it('GitHub Actions: the check step passes against a running server and writes every report', async () => {
    const workflow = recipe('github') as { jobs: { conformance: { steps: Step[] } } };
    const step = workflow.jobs.conformance.steps.find((s) => s.run?.includes('harness check'));
    expect(step?.env).toBeDefined();
    const env = Object.fromEntries(Object.entries(step!.env!).map(([name, value]) => [
      name,
      value.replace('${{ secrets.HARNESS_TOKEN }}', tokens.token).replace('${{ secrets.HARNESS_TOKEN_2 }}', tokens.token2).replace('http://127.0.0.1:8080', `${mockUrl}/game-sessions`),
    ]));
    const cwd = await mkdtemp(join(dir, 'github-'));
    const summaryFile = join(cwd, 'step-summary.md');
    const { code, stdout, stderr } = await runStep(step!.run!, { ...env, GITHUB_STEP_SUMMARY: summaryFile }, cwd);
    expect(code, `${stdout}\n${stderr}`).toBe(0);
    await expectReports(join(cwd, 'reports'));
    expect(await readFile(summaryFile, 'utf8')).toContain('## ✅ game-sessions: passed');
    expect(stdout).not.toMatch(/^::error/m);
  }, 60_000);

  it('GitLab CI: the check line passes and writes the reports the artifacts name', async () => {
    const pipeline = recipe('gitlab') as { conformance: { script: string[]; artifacts: { reports: { junit: string } } } };
    const line = pipeline.conformance.script.find((s) => s.includes('harness check'));
    expect(line).toBeDefined();
    const cwd = await mkdtemp(join(dir, 'gitlab-'));
    const { code, stdout, stderr } = await runStep(line!, { HARNESS_TOKEN: tokens.token, HARNESS_TOKEN_2: tokens.token2 }, cwd);
    expect(code, `${stdout}\n${stderr}`).toBe(0);
    expect((await stat(join(cwd, pipeline.conformance.artifacts.reports.junit))).isFile()).toBe(true);
    await expectReports(join(cwd, 'reports'));
  }, 60_000);
});
