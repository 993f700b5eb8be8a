import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJsonReporter, type JsonReport } from '../../src/report/json.ts';
import { UNFINISHED_MESSAGE } from '../../src/report/collect.ts';
import { checks, runEvents, summary } from './fixtures.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'harness-report-json-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('json reporter', () => {
  it('writes conformance.json with every run, its summary and checks', async () => {
    const outDir = join(dir, 'nested', 'reports');
    const reporter = createJsonReporter({ outDir });
    for (const event of runEvents()) reporter.onEvent(event);
    const second = runEvents({ contractId: 'gigs', exitCode: 0 }, checks.slice(0, 1));
    for (const event of second) reporter.onEvent(event);
    const paths = await reporter.close();
    expect(paths).toEqual([join(outDir, 'conformance.json')]);

    const text = await readFile(paths[0], 'utf8');
    expect(text).toContain('\n  "tool": "harness"'); // pretty-printed
    const report = JSON.parse(text) as JsonReport;
    expect(report.tool).toBe('harness');
    expect(report.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(report.runs).toHaveLength(2);
    expect(report.runs[0].summary).toEqual(summary);
    expect(report.runs[0].checks).toEqual(checks);
    expect(report.runs[0].checks[1].exchange?.request.method).toBe('POST');
    expect(report.runs[1].summary.contractId).toBe('gigs');
    expect(report.runs[1].checks).toHaveLength(1);
  });

  it('takes another file name, and closing twice writes once', async () => {
    const reporter = createJsonReporter({ outDir: dir, fileName: 'out.json' });
    for (const event of runEvents()) reporter.onEvent(event);
    const first = await reporter.close();
    expect(await reporter.close()).toEqual(first);
    expect(first).toEqual([join(dir, 'out.json')]);
  });

  it('marks a run that never finished as aborted', async () => {
    const reporter = createJsonReporter({ outDir: dir });
    for (const event of runEvents().slice(0, 3)) reporter.onEvent(event);
    const [path] = await reporter.close();
    const report = JSON.parse(await readFile(path, 'utf8')) as JsonReport;
    expect(report.runs[0].checks).toHaveLength(2);
    expect(report.runs[0].summary.exitCode).toBe(2);
    expect(report.runs[0].summary.fatal).toBe(UNFINISHED_MESSAGE);
    expect(report.runs[0].summary.counts).toEqual({ pass: 1, fail: 1, warn: 0, skip: 0 });
  });
});
