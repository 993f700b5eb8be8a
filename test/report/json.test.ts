import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/runner/events.ts';
import { createJsonReporter, type JsonReport } from '../../src/report/json.ts';
import { UNFINISHED_MESSAGE } from '../../src/report/collect.ts';
import { checks, runEvents, summary } from './fixtures.ts';
import { makeRealRuns, type RealRuns } from './support/real-runs.ts';

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
    expect(report.schemaVersion).toBe('1.0');
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

describe('conformance.json schema', () => {
  const schemaFile = new URL('../../schemas/conformance-report.schema.json', import.meta.url);
  let validate: ReturnType<Ajv2020['compile']>;
  let runs: RealRuns;
  beforeAll(async () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats.default(ajv);
    validate = ajv.compile(JSON.parse(await readFile(schemaFile, 'utf8')) as object);
    runs = await makeRealRuns();
  }, 60_000);
  afterAll(() => runs?.close());

  async function reportOf(events: RunEvent[]): Promise<unknown> {
    const reporter = createJsonReporter({ outDir: dir });
    for (const event of events) reporter.onEvent(event);
    const [path] = await reporter.close();
    return JSON.parse(await readFile(path, 'utf8'));
  }

  const errorsOf = (report: unknown): string => JSON.stringify(validate(report) ? [] : validate.errors, null, 2);

  it('describes real reports: a passing run, a failing run, and both in one file', async () => {
    for (const events of [runs.passing, runs.failing, [...runs.passing, ...runs.failing]]) {
      const report = await reportOf(events);
      expect(errorsOf(report)).toBe('[]');
    }
    const failing = (await reportOf(runs.failing)) as JsonReport;
    expect(failing.runs[0].summary.exitCode).toBe(1);
    expect(failing.runs[0].checks.some((c) => c.status === 'fail' && c.exchange?.response !== undefined)).toBe(true);
  });

  it('describes the fixture report and an unfinished run', async () => {
    expect(errorsOf(await reportOf(runEvents()))).toBe('[]');
    expect(errorsOf(await reportOf(runEvents().slice(0, 3)))).toBe('[]');
  });

  it('rejects what the report must not contain', async () => {
    const report = (await reportOf(runEvents())) as { runs: Array<{ checks: Array<Record<string, unknown>> }> };
    expect(validate(report)).toBe(true);
    expect(validate({ ...report, schemaVersion: '2.0' })).toBe(false);
    const { schemaVersion: _dropped, ...unversioned } = report as unknown as Record<string, unknown>;
    expect(validate(unversioned)).toBe(false);
    report.runs[0].checks[0].status = 'passed';
    expect(validate(report)).toBe(false);
  });
});
