import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createJunitReporter } from '../../src/report/junit.ts';
import type { CheckResult, RunEvent, RunSummary } from '../../src/runner/events.ts';
import { checks, NASTY_MESSAGE, runEvents } from './fixtures.ts';
import { junitSchemaErrors } from './support/junit-schema.ts';
import { makeRealRuns, type RealRuns } from './support/real-runs.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'harness-report-junit-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

type Node = Record<string, any>;

async function junit(events: RunEvent[]): Promise<{ xml: string; doc: Node }> {
  const reporter = createJunitReporter({ outDir: join(dir, 'out') });
  for (const event of events) reporter.onEvent(event);
  const paths = await reporter.close();
  expect(paths).toEqual([join(dir, 'out', 'junit.xml')]);
  const xml = await readFile(paths[0], 'utf8');
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
  });
  return { xml, doc: parser.parse(xml) as Node };
}

describe('junit reporter', () => {
  it('writes well-formed JUnit XML with the right counts', async () => {
    const { xml, doc } = await junit(runEvents());
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const suites = doc.testsuites;
    expect(suites).toMatchObject({ name: 'harness conformance', tests: '5', failures: '1', errors: '0', time: '4.210' });
    // junit-10.xsd has no `skipped` on <testsuites>.
    expect(suites.skipped).toBeUndefined();
    expect(suites.testsuite).toHaveLength(1);
    const suite = suites.testsuite[0];
    expect(suite).toMatchObject({ name: 'game-sessions', tests: '5', failures: '1', errors: '0', skipped: '1', time: '4.210', timestamp: '2025-03-01T10:00:00' });
    expect(suite.hostname).toBeUndefined();
    expect(suite.testcase).toHaveLength(checks.length);

    const [pass, fail, , warn, skip] = suite.testcase;
    expect(pass).toMatchObject({ classname: 'game-sessions.createSession', name: 'status_code_conformance', time: '0.012' });
    expect(pass['system-out']).toBe('passed: create -> 201 with a valid body');
    expect(pass.failure).toBeUndefined();

    expect(fail).toMatchObject({ classname: 'game-sessions.createSession', name: 'invalid_body_rejected' });
    expect(fail.failure.type).toBe('invalid_body_rejected');
    expect(fail.failure.message).toBe(NASTY_MESSAGE);
    const body: string = fail.failure['#text'];
    expect(body).toContain('POST http://127.0.0.1:4010/game-sessions/sessions');
    expect(body).toContain('"numTeams": "two"');
    expect(body).toMatch(/expected:\s+400 with the error shape/);
    expect(body).toMatch(/actual:\s+201/);
    expect(body).toMatch(/pointer:\s+\/numTeams/);

    expect(warn.failure).toBeUndefined();
    expect(warn['system-out']).toBe('WARNING: Location header missing (x-inferred)');
    expect(skip.name).toBe('destructive_operation');
    expect(skip.skipped.message).toBe('destructive; pass --allow-destructive');

    // Escaped in the file, not just by luck of the parser.
    expect(xml).toContain('message="body had &lt;b&gt;&quot;name&quot;&lt;/b&gt; &amp;');
    expect(xml).not.toContain(NASTY_MESSAGE);
  });

  it('keeps characters XML cannot hold out of the file', async () => {
    const events = runEvents();
    const failing = events[2];
    if (failing.type !== 'check') throw new Error('fixture changed');
    const hostile: RunEvent = { type: 'check', result: { ...failing.result, message: 'bad \x1b[31m\x00 byte', actual: '\ud800' } };
    const { xml, doc } = await junit([events[0], hostile, events.at(-1)!]);
    expect(xml).not.toMatch(/[\x00\x1b]/);
    expect(doc.testsuites.testsuite[0].testcase[0].failure.message).toBe('bad \\u001b[31m\\u0000 byte');
  });

  it('reports a run that could not be made as an error, and sums several runs', async () => {
    const aborted = runEvents(
      { contractId: 'gigs', exitCode: 2, fatal: 'cannot reach <http://127.0.0.1:9> & "gave up"', durationMs: 1000, counts: { pass: 0, fail: 0, warn: 0, skip: 0 } },
      [],
    );
    const { doc } = await junit([...runEvents(), ...aborted]);
    expect(doc.testsuites).toMatchObject({ tests: '6', failures: '1', errors: '1', time: '5.210' });
    const gigs = doc.testsuites.testsuite[1];
    expect(gigs).toMatchObject({ name: 'gigs', tests: '1', failures: '0', errors: '1' });
    expect(gigs.testcase[0].error).toMatchObject({ type: 'fatal', message: 'cannot reach <http://127.0.0.1:9> & "gave up"' });
  });

  it('writes an empty but valid report when nothing ran', async () => {
    const { doc } = await junit([]);
    expect(doc.testsuites).toMatchObject({ name: 'harness conformance', tests: '0', failures: '0' });
  });
});

describe('junit test cases', () => {
  const result = (n: number, status: CheckResult['status'], exchangeIndex: number, durationMs: number, message?: string): CheckResult => ({
    id: `createSession/body_schema#${n}`,
    operationId: 'createSession',
    check: 'body_schema',
    title: `create step ${n} -> body matches the schema`,
    status,
    exchangeIndex,
    durationMs,
    ...(message === undefined ? {} : { message }),
  });

  it('gathers every result of one check on one operation into one case, failed if any failed', async () => {
    const results = [
      result(1, 'pass', 1, 10),
      result(2, 'fail', 2, 20, '/name must be string'),
      // A second violation found in the same exchange: the exchange's time counts once.
      result(3, 'fail', 2, 20, '/teams must be array'),
      result(4, 'pass', 3, 5),
    ];
    const { doc } = await junit(runEvents({}, results));
    const [testcase, ...others] = doc.testsuites.testsuite[0].testcase;
    expect(others).toEqual([]);
    expect(testcase).toMatchObject({ classname: 'game-sessions.createSession', name: 'body_schema', time: '0.035' });
    expect(testcase.failure.message).toBe('2 failures: /name must be string; /teams must be array');
    expect(testcase.failure['#text']).toContain('--- 1 of 2: create step 2 -> body matches the schema');
    expect(testcase.failure['#text']).toContain('--- 2 of 2: create step 3 -> body matches the schema');
    expect(doc.testsuites.testsuite[0]).toMatchObject({ tests: '1', failures: '1', skipped: '0' });
  });

  it('reports a case skipped only when every one of its results was skipped', async () => {
    const { doc } = await junit(runEvents({}, [result(1, 'skip', 1, 0, 'no --token-2'), result(2, 'pass', 2, 3)]));
    const [testcase] = doc.testsuites.testsuite[0].testcase;
    expect(testcase.skipped).toBeUndefined();
    expect(testcase['system-out']).toContain('skipped: create step 1 -> body matches the schema (no --token-2)');
    const { doc: allSkipped } = await junit(runEvents({}, [result(1, 'skip', 1, 0, 'no --token-2')]));
    expect(allSkipped.testsuites.testsuite[0].testcase[0].skipped.message).toBe('no --token-2');
    expect(allSkipped.testsuites.testsuite[0].skipped).toBe('1');
  });

  it('gives the same contract run twice distinct test ids', async () => {
    const { doc } = await junit([...runEvents(), ...runEvents()]);
    const ids = doc.testsuites.testsuite.flatMap((suite: Node) => suite.testcase.map((c: Node) => `${c.classname} ${c.name}`));
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.testsuites.testsuite.map((suite: Node) => suite.name)).toEqual(['game-sessions', 'game-sessions#2']);
  });

  it('the fixture reports are valid against junit-10.xsd, hostile text and aborted runs included', async () => {
    const aborted = runEvents({ contractId: 'gigs', exitCode: 2, fatal: 'cannot reach <x> & "y"' }, []);
    const hostile: CheckResult = { ...checks[1], message: 'bad \x1b[31m\x00 byte \ud800' };
    const { xml } = await junit([...runEvents({}, [...checks, hostile]), ...aborted]);
    expect(await junitSchemaErrors(xml)).toEqual([]);
  });

  it('the schema check itself rejects what the schema forbids', async () => {
    const { xml } = await junit(runEvents());
    const invalid = xml.replace('<testsuites ', '<testsuites skipped="1" ');
    expect((await junitSchemaErrors(invalid)).join('\n')).toMatch(/skipped/);
  });
});

describe('junit from real runs', () => {
  let runs: RealRuns;
  beforeAll(async () => {
    runs = await makeRealRuns();
  }, 60_000);
  afterAll(() => runs?.close());

  const casesOf = (doc: Node): Node[] => doc.testsuites.testsuite[0].testcase;
  const summaryOf = (events: RunEvent[]): RunSummary => {
    const done = events.at(-1);
    if (done?.type !== 'done') throw new Error('the run did not finish');
    return done.summary;
  };

  it('a passing and a failing run are both valid against junit-10.xsd', async () => {
    expect(summaryOf(runs.passing).exitCode).toBe(0);
    expect(summaryOf(runs.failing).exitCode).toBe(1);
    for (const events of [runs.passing, runs.failing]) {
      const { xml } = await junit(events);
      expect(await junitSchemaErrors(xml)).toEqual([]);
    }
  });

  it('has one case per (operation, check), whatever failed', async () => {
    const passing = casesOf((await junit(runs.passing)).doc);
    const failing = casesOf((await junit(runs.failing)).doc);
    const ids = (cases: Node[]) => cases.map((c) => `${c.classname} ${c.name}`);
    expect(new Set(ids(passing)).size).toBe(passing.length);
    expect(ids(failing)).toEqual(ids(passing));
    const failed = failing.filter((c) => c.failure);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.map((c) => `${c.classname} ${c.name}`)).toContain('game-sessions.createSession status_documented');
    expect(passing.filter((c) => c.failure)).toEqual([]);
  });

  it('times: a case takes the time of its exchanges, the suite the real duration of the run', async () => {
    const { doc } = await junit(runs.failing);
    const suite = doc.testsuites.testsuite[0];
    const summary = summaryOf(runs.failing);
    expect(suite.time).toBe((summary.durationMs / 1000).toFixed(3));
    expect(doc.testsuites.time).toBe(suite.time);
    const caseSeconds = casesOf(doc).map((c) => Number(c.time));
    // Every exchange was judged by several checks; their times must not add up to more than the run took.
    expect(Math.max(...caseSeconds)).toBeLessThanOrEqual(Number(suite.time));
    const exchanges = new Map<number, number>();
    for (const event of runs.failing) {
      if (event.type === 'check' && event.result.exchangeIndex !== undefined) exchanges.set(event.result.exchangeIndex, event.result.durationMs);
    }
    const create = casesOf(doc).find((c) => c.classname === 'game-sessions.createSession' && c.name === 'status_documented')!;
    const createExchanges = new Set(runs.failing.flatMap((e) => (e.type === 'check' && e.result.operationId === 'createSession' && e.result.check === 'status_documented' ? [e.result.exchangeIndex!] : [])));
    const expected = [...createExchanges].reduce((sum, index) => sum + exchanges.get(index)!, 0);
    expect(create.time).toBe((expected / 1000).toFixed(3));
  });

  it('every case names the contract file and the line of its operation', async () => {
    const { doc } = await junit(runs.failing);
    const lines = (await readFile(new URL('../../contracts/game-sessions.yaml', import.meta.url), 'utf8')).split('\n');
    const suite = doc.testsuites.testsuite[0];
    expect(suite.file).toMatch(/contracts\/game-sessions\.yaml$/);
    const create = casesOf(doc).find((c) => c.classname === 'game-sessions.createSession' && c.name === 'status_documented')!;
    const match = /contract: (\S*contracts\/game-sessions\.yaml):(\d+) \(POST \/sessions\)/.exec(create['system-out']);
    expect(match).not.toBeNull();
    expect(create.failure['#text']).toContain(`${match![1]}:${match![2]}`);
    // The line is the operation's own: `post:` under `/sessions:`.
    const line = Number(match![2]);
    expect(lines[line - 1].trim()).toBe('post:');
    expect(lines.slice(0, line - 1).reverse().find((l) => /^ {2}\S/.test(l))?.trim()).toBe('/sessions:');
  });
});
