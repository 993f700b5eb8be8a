import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReporters, fanOut, isReporterName, REPORTER_NAMES, type ReporterName } from '../../src/report/index.ts';
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
  it('builds a reporter for each name it knows, and knows no other', async () => {
    const outputs: Record<string, (stream: MemoryStream, files: string[]) => void> = {
      console: (stream, files) => {
        expect(stream.text).toContain('documented statuses 31/34');
        expect(files).toEqual([]);
      },
      json: (stream, files) => {
        expect(stream.text).toBe('');
        expect(files).toEqual([join(dir, 'conformance.json')]);
      },
      junit: (stream, files) => {
        expect(stream.text).toBe('');
        expect(files).toEqual([join(dir, 'junit.xml')]);
      },
      github: (stream, files) => {
        expect(stream.text).toMatch(/^::error title=game-sessions createSession invalid_body_rejected::/);
        expect(files).toEqual([]);
      },
      html: (stream, files) => {
        expect(stream.text).toBe('');
        expect(files).toEqual([join(dir, 'conformance.html')]);
      },
    };
    for (const name of REPORTER_NAMES) expect(Object.keys(outputs), `a test for the ${name} reporter`).toContain(name);
    for (const [name, expectOutput] of Object.entries(outputs)) {
      expect(isReporterName(name), name).toBe(true);
      const stream = new MemoryStream(false);
      const reporter = createReporters([name as ReporterName], { outDir: dir, stream });
      for (const event of runEvents()) reporter.onEvent(event);
      expectOutput(stream, await reporter.close());
    }
    expect(isReporterName('pdf')).toBe(false);
    expect(() => createReporters(['pdf' as never], { outDir: dir, stream: new MemoryStream(false) })).toThrow(/unknown reporter "pdf"; known: /);
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
