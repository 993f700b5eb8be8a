import { describe, expect, it } from 'vitest';
import { createLiveConsoleReporter } from '../../src/report/console-live.ts';
import type { CheckResult, RunEvent } from '../../src/runner/events.ts';
import { MemoryStream, NASTY_MESSAGE, runEvents } from './fixtures.ts';

describe('live console reporter', () => {
  it('prints a line per operation when its results end, failures in full, passes only counted', () => {
    const stream = new MemoryStream(false);
    const reporter = createLiveConsoleReporter({ stream, color: false });
    const events = runEvents();
    reporter.onEvent(events[0]);
    expect(stream.text).toContain('Game Sessions API (game-sessions)');
    // createSession's first results are out only once getSession's begin.
    reporter.onEvent(events[1]);
    reporter.onEvent(events[2]);
    expect(stream.text).not.toContain('createSession');
    reporter.onEvent(events[3]);
    expect(stream.text).toContain('✗ createSession  1 passed, 1 failed\n');
    expect(stream.text).toContain('  ✗ create with numTeams as a string -> 400');
    expect(stream.text).toContain(NASTY_MESSAGE);
    expect(stream.text).not.toContain('create -> 201 with a valid body');
    for (const event of events.slice(4)) reporter.onEvent(event);
    expect(stream.text).toContain('✓ getSession  1 passed\n');
    expect(stream.text).toContain('! createSession  1 warning\n  ! create sets Location  Location header missing (x-inferred)');
    expect(stream.text).toContain('- deleteSession  1 skipped\n');
    expect(stream.text).toContain('2 passed, 1 failed, 1 warning, 1 skipped');
    expect(stream.text).toContain('FAILED');
  });

  it('lists every check with --verbose, and shows an unfinished run on close', async () => {
    const stream = new MemoryStream(false);
    const reporter = createLiveConsoleReporter({ stream, color: false, verbose: true });
    const events: RunEvent[] = runEvents().slice(0, 3);
    for (const event of events) reporter.onEvent(event);
    await reporter.close();
    expect(stream.text).toContain('  ✓ create -> 201 with a valid body');
    expect(stream.text).toContain('ABORTED');
  });

  it('prints a warning repeated for every operation once, and counts it in the summary', () => {
    const undocumented = (operationId: string, status: number): CheckResult => ({
      id: `${operationId}/status_documented#${status}`,
      operationId,
      check: 'status_documented',
      title: `no credentials → status ${status} is documented`,
      status: 'warn',
      message: `${operationId} does not document status ${status}, which HTTP prescribes here: the document is incomplete.`,
      durationMs: 1,
    });
    const results = [undocumented('listThings', 401), undocumented('getThing', 401), undocumented('getThing', 404), undocumented('deleteThing', 401)];
    const stream = new MemoryStream(false);
    const reporter = createLiveConsoleReporter({ stream, color: false });
    for (const event of runEvents({ counts: { pass: 0, fail: 0, warn: 4, skip: 0 }, exitCode: 0 }, results)) reporter.onEvent(event);
    const lines = stream.text.split('\n');
    expect(lines.filter((line) => line.includes('does not document status 401'))).toEqual([
      '  ! no credentials → status 401 is documented  listThings does not document status 401, which HTTP prescribes here: the document is incomplete.',
    ]);
    expect(stream.text).toContain('! getThing  2 warnings  (1 of them the same as above)\n  ! no credentials → status 404 is documented  getThing does not document status 404');
    expect(stream.text).toContain('! deleteThing  1 warning  (the same warning as above)\n');
    expect(stream.text).toContain('  repeated  3 × no credentials → status 401 is documented  (first under listThings)\n');
    expect(stream.text).not.toContain('repeated  1 ×');
  });
});
