import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReporters, fanOut, isReporterName, REPORTER_NAMES } from '../../src/report/index.ts';
import type { Reporter } from '../../src/runner/events.ts';
import { MemoryStream, runEvents } from './fixtures.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'harness-report-all-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('createReporters', () => {
  it('knows its names', () => {
    expect(REPORTER_NAMES).toEqual(['console', 'json', 'junit', 'github', 'html']);
    expect(isReporterName('junit')).toBe(true);
    expect(isReporterName('html')).toBe(true);
    expect(isReporterName('pdf')).toBe(false);
  });

  it('hands every event to every reporter and returns the files written', async () => {
    const stream = new MemoryStream(false);
    const reporter = createReporters(['console', 'json', 'junit', 'json', 'html'], { outDir: dir, stream });
    for (const event of runEvents()) reporter.onEvent(event);
    const paths = await reporter.close();
    expect(paths.sort()).toEqual([join(dir, 'conformance.html'), join(dir, 'conformance.json'), join(dir, 'junit.xml')]);
    expect((await readdir(dir)).sort()).toEqual(['conformance.html', 'conformance.json', 'junit.xml']);
    expect(stream.text).toContain('documented statuses 31/34');
    expect(stream.text).not.toContain('\x1b'); // not a terminal: no colour by default
  });

  it('still closes the others when one reporter fails', async () => {
    const closed: string[] = [];
    const ok = (name: string): Reporter => ({
      onEvent() {},
      async close() {
        closed.push(name);
        return [name];
      },
    });
    const broken: Reporter = {
      onEvent() {
        throw new Error('broken onEvent');
      },
      async close() {
        throw new Error('broken close');
      },
    };
    const reporter = fanOut([ok('a'), broken, ok('b')]);
    expect(() => reporter.onEvent(runEvents()[0])).toThrow('broken onEvent');
    await expect(reporter.close()).rejects.toThrow('broken close');
    expect(closed).toEqual(['a', 'b']);
  });
});
