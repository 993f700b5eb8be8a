import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { escapeCommandData, escapeCommandProperty, formatAnnotation } from '../../src/report/github-commands.ts';
import { createGithubReporter } from '../../src/report/github.ts';
import type { RunEvent } from '../../src/runner/events.ts';
import { MemoryStream, NASTY_MESSAGE, runEvents } from './fixtures.ts';
import { makeRealRuns, type RealRuns } from './support/real-runs.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'harness-report-github-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function github(events: RunEvent[], summaryFile?: string): Promise<{ log: string; paths: string[] }> {
  const stream = new MemoryStream(false);
  const reporter = createGithubReporter({ stream, ...(summaryFile ? { summaryFile } : {}) });
  for (const event of events) reporter.onEvent(event);
  const paths = await reporter.close();
  return { log: stream.text, paths };
}

describe('workflow commands', () => {
  it('escapes messages and properties as the runner unescapes them', () => {
    expect(escapeCommandData('50% of\r\nit: a, b')).toBe('50%25 of%0D%0Ait: a, b');
    expect(escapeCommandProperty('a: b, 5%\n')).toBe('a%3A b%2C 5%25%0A');
    expect(formatAnnotation({ level: 'error', file: 'contracts/x,y.yaml', line: 12, title: 'op: check', message: 'line 1\nline 2' }))
      .toBe('::error file=contracts/x%2Cy.yaml,line=12,title=op%3A check::line 1%0Aline 2');
    expect(formatAnnotation({ level: 'warning', message: 'm' })).toBe('::warning::m');
  });
});

describe('github reporter', () => {
  let runs: RealRuns;
  beforeAll(async () => {
    runs = await makeRealRuns();
  }, 60_000);
  afterAll(() => runs?.close());

  it('annotates each failing (operation, check) at its operation in the contract', async () => {
    const { log, paths } = await github(runs.failing);
    expect(paths).toEqual([]);
    const errors = log.split('\n').filter((line) => line.startsWith('::error '));
    expect(errors.length).toBeGreaterThan(0);
    const create = errors.find((line) => line.includes('title=game-sessions createSession status_documented'));
    expect(create).toMatch(/^::error file=contracts\/game-sessions\.yaml,line=\d+,title=[^:]+::create → status 200 is documented: createSession does not document status 200\./);
    // One annotation per case, not per violation.
    expect(new Set(errors.map((line) => line.split('::')[1])).size).toBe(errors.length);
    for (const line of log.split('\n').filter(Boolean)) expect(line).toMatch(/^::(error|warning) /);
  });

  it('writes nothing but a summary for a passing run', async () => {
    const summaryFile = join(dir, 'step-summary.md');
    await writeFile(summaryFile, '# earlier step\n');
    const { log, paths } = await github(runs.passing, summaryFile);
    expect(log.split('\n').filter((line) => line.startsWith('::error'))).toEqual([]);
    expect(paths).toEqual([summaryFile]);
    const markdown = await readFile(summaryFile, 'utf8');
    expect(markdown.startsWith('# earlier step\n')).toBe(true); // appended, not overwritten
    expect(markdown).toContain('## ✅ game-sessions: passed');
    expect(markdown).not.toContain('### Failures');
  });

  it('summarises failures in a table with their contract line, escaped', async () => {
    const summaryFile = join(dir, 'nested', 'summary.md');
    await github([...runEvents(), ...runs.failing], summaryFile);
    const markdown = await readFile(summaryFile, 'utf8');
    expect(markdown).toContain('## ❌ game-sessions: failed');
    expect(markdown).toMatch(/### Failures \(\d+\)/);
    expect(markdown).toMatch(/\| createSession \| status&#95;documented \| contracts\/game-sessions\.yaml:\d+ \| createSession does not document status 200\. \|/);
    expect(markdown).not.toContain(NASTY_MESSAGE);
    expect(markdown).toContain('body had &#60;b&#62;&#34;name&#34;&#60;/b&#62; &#38; &#39;teams&#39; &#62; 4');
  });
});
