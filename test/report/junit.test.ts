import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJunitReporter } from '../../src/report/junit.ts';
import type { RunEvent } from '../../src/runner/events.ts';
import { checks, NASTY_MESSAGE, runEvents } from './fixtures.ts';

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
    expect(suites).toMatchObject({ name: 'harness conformance', tests: '5', failures: '1', errors: '0', skipped: '1', time: '4.210' });
    expect(suites.testsuite).toHaveLength(1);
    const suite = suites.testsuite[0];
    expect(suite).toMatchObject({ name: 'game-sessions', tests: '5', failures: '1', errors: '0', skipped: '1', time: '4.210', timestamp: '2025-03-01T10:00:00' });
    expect(suite.hostname).toBeUndefined();
    expect(suite.testcase).toHaveLength(checks.length);

    const [pass, fail, , warn, skip] = suite.testcase;
    expect(pass).toMatchObject({ classname: 'game-sessions.createSession', name: 'create -> 201 with a valid body', time: '0.012' });
    expect(pass.failure).toBeUndefined();

    expect(fail.classname).toBe('game-sessions.createSession');
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
    expect(doc.testsuites).toMatchObject({ tests: '6', failures: '1', errors: '1', skipped: '1', time: '5.210' });
    const gigs = doc.testsuites.testsuite[1];
    expect(gigs).toMatchObject({ name: 'gigs', tests: '1', failures: '0', errors: '1' });
    expect(gigs.testcase[0].error).toMatchObject({ type: 'fatal', message: 'cannot reach <http://127.0.0.1:9> & "gave up"' });
  });

  it('writes an empty but valid report when nothing ran', async () => {
    const { doc } = await junit([]);
    expect(doc.testsuites).toMatchObject({ name: 'harness conformance', tests: '0', failures: '0' });
  });
});
