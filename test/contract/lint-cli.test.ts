import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { BUNDLED_IDS, editMinimal, lineContaining, MINIMAL_FILE } from './support.ts';

/** A Writable that keeps what is written to it. */
class Collector extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.text += chunk.toString();
    done();
  }
}

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Collector();
  const stderr = new Collector();
  const code = await runCli(argv, { stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const OPERATION_COUNTS: Record<(typeof BUNDLED_IDS)[number], number> = {
  'endgrate-sessions': 5,
  'game-sessions': 9,
  'gigs-connect-sessions': 3,
  'make-sdk-connections': 10,
};

let scratch: string;
let brokenFile: string;
let brokenText: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'harness-lint-cli-'));
  brokenFile = join(scratch, 'typo.yaml');
  brokenText = editMinimal(['      x-harness:\n        kind: create', '      x-harnes:\n        kind: create']);
  await writeFile(brokenFile, brokenText);
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('harness lint', () => {
  it('lints every bundled contract without arguments: exit 0, one ok line each', async () => {
    const { code, stdout, stderr } = await run('lint');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(BUNDLED_IDS.length);
    for (const [i, id] of BUNDLED_IDS.entries()) {
      expect(lines[i]).toMatch(new RegExp(`^ok\\s+${id} \\(${OPERATION_COUNTS[id]} operations\\) .*contracts/${id}\\.yaml$`));
    }
  });

  it('lints a bundled contract by id, and a file by path', async () => {
    const byId = await run('lint', 'game-sessions');
    expect(byId.code).toBe(0);
    expect(byId.stdout).toMatch(/^ok\s+game-sessions \(9 operations\)/);
    const byPath = await run('lint', MINIMAL_FILE);
    expect(byPath.code).toBe(0);
    expect(byPath.stdout).toMatch(/^ok\s+minimal \(3 operations\)/);
  });

  it('exits 1 on a broken contract, naming file:line and the pointer, without a stack trace', async () => {
    const { code, stdout, stderr } = await run('lint', brokenFile);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${brokenFile}:${lineContaining(brokenText, 'x-harnes:')} /paths/~1widgets/post/x-harnes: Unknown extension key "x-harnes"`);
    expect(stderr).not.toContain('    at ');
  });

  it('still reports the valid contracts when one of several is broken', async () => {
    const { code, stdout, stderr } = await run('lint', MINIMAL_FILE, brokenFile, 'game-sessions');
    expect(code).toBe(1);
    expect(stdout.trim().split('\n').map((line) => line.split(/\s+/)[1])).toEqual(['minimal', 'game-sessions']);
    expect(stderr).toContain(brokenFile);
  });

  it('warns about an operationId two operations share, naming both (exit 0: the document is usable)', async () => {
    const file = join(scratch, 'twins.yaml');
    const text = `openapi: 3.0.3
info: {title: Twins, version: '1'}
paths:
  /notes:
    get: {operationId: list, responses: {'200': {description: ok}}}
  /tags:
    get: {operationId: list, responses: {'200': {description: ok}}}
    post: {operationId: createTag, responses: {'201': {description: made}}}
`;
    await writeFile(file, text);
    const { code, stdout } = await run('lint', file);
    expect(code).toBe(0);
    const warnings = stdout.split('\n').filter((line) => line.includes('Duplicate operationId'));
    expect(warnings).toEqual([
      `warn  ${file}:${lineContaining(text, '/tags:') + 1} /paths/~1tags/get: Duplicate operationId "list": GET /notes and GET /tags: reports and --only name both by it.`,
    ]);
  });

  it('exits 2 on a file that does not exist', async () => {
    const { code, stdout, stderr } = await run('lint', 'does-not-exist.yaml');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/does-not-exist\.yaml .*Failed to read the file: no such file/);
    expect(stderr).not.toContain('    at ');
  });

  it('exits 2 on an unknown option', async () => {
    const { code, stderr } = await run('lint', '--bogus');
    expect(code).toBe(2);
    expect(stderr).toMatch(/--bogus/);
    expect(stderr).toContain('harness lint --help');
    expect(stderr).not.toContain('    at ');
  });

  it('prints its help with --help', async () => {
    const { code, stdout } = await run('lint', '--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: harness lint/);
  });
});

describe('harness contracts', () => {
  it('lists the four bundled contracts with their operation counts', async () => {
    const { code, stdout, stderr } = await run('contracts');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const [header, ...rows] = stdout.trim().split('\n');
    expect(header).toMatch(/^ID\s+TITLE\s+OPS\s+FILE$/);
    expect(rows).toHaveLength(BUNDLED_IDS.length);
    for (const [i, id] of BUNDLED_IDS.entries()) {
      expect(rows[i]).toMatch(new RegExp(`^${id}\\s+.+\\s${OPERATION_COUNTS[id]}\\s+.*contracts/${id}\\.yaml$`));
    }
  });

  it('prints JSON with --json', async () => {
    const { code, stdout } = await run('contracts', '--json');
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as { id: string; title: string; operations: number; file: string }[];
    expect(rows.map((r) => [r.id, r.operations])).toEqual(BUNDLED_IDS.map((id) => [id, OPERATION_COUNTS[id]]));
    for (const row of rows) {
      expect(row.title).not.toBe('');
      expect(row.file).toMatch(new RegExp(`contracts/${row.id}\\.yaml$`));
    }
  });
});

describe('harness', () => {
  it('exits 2 on an unknown command', async () => {
    const { code, stdout, stderr } = await run('lnit');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/unknown command "lnit"/);
  });

  it('exits 2 without a command, printing the usage', async () => {
    const { code, stdout } = await run();
    expect(code).toBe(2);
    expect(stdout).toMatch(/^Usage: harness <command>/);
  });
});
