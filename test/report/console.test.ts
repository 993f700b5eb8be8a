import { describe, expect, it } from 'vitest';
import { createConsoleReporter, shouldUseColor } from '../../src/report/console.ts';
import type { CheckResult, RunEvent } from '../../src/runner/events.ts';
import { MemoryStream, NASTY_MESSAGE, runEvents } from './fixtures.ts';

async function render(events: RunEvent[], options: { color: boolean; tty?: boolean; verbose?: boolean }): Promise<string> {
  const stream = new MemoryStream(options.tty ?? false);
  const reporter = createConsoleReporter({ stream, color: options.color, verbose: options.verbose });
  for (const event of events) reporter.onEvent(event);
  expect(await reporter.close()).toEqual([]);
  return stream.text;
}

describe('console reporter', () => {
  it('prints a colourless report with failures, coverage and verdict', async () => {
    const text = await render(runEvents(), { color: false });
    expect(text).not.toContain('\x1b');
    expect(text).not.toContain('\r');
    expect(text).toContain('Game Sessions API (game-sessions)');
    expect(text).toContain('http://127.0.0.1:4010/game-sessions');
    // Grouped by operation, in first-seen order.
    const create = text.indexOf('\ncreateSession\n');
    const get = text.indexOf('\ngetSession\n');
    const del = text.indexOf('\ndeleteSession\n');
    expect(create).toBeGreaterThan(-1);
    expect(get).toBeGreaterThan(create);
    expect(del).toBeGreaterThan(get);
    expect(text.indexOf('create sets Location')).toBeLessThan(get);

    expect(text).toContain('  ✓ create -> 201 with a valid body');
    expect(text).toContain('  ✗ create with numTeams as a string -> 400');
    expect(text).toContain('  ! create sets Location  Location header missing (x-inferred)');
    expect(text).toContain('  - delete -> 204  destructive; pass --allow-destructive');

    // The failure block.
    expect(text).toContain('POST http://127.0.0.1:4010/game-sessions/sessions');
    expect(text).toContain('"numTeams": "two"');
    expect(text).toMatch(/… \(\d+ more characters\)/);
    expect(text).toMatch(/expected\s+400 with the error shape/);
    expect(text).toMatch(/actual\s+201/);
    expect(text).toMatch(/pointer\s+\/numTeams/);
    expect(text).toContain(NASTY_MESSAGE);
    expect(text).not.toContain('[redacted]'); // headers only in verbose mode

    // Summary.
    expect(text).toContain('2 passed, 1 failed, 1 warning, 1 skipped');
    expect(text).toContain('operations 9/9, documented statuses 31/34');
    expect(text).toContain('not exercised: getSession 403, updateSession 409, deleteSession 404');
    expect(text).toContain('4.2 s');
    expect(text).toContain('FAILED');
    expect(text).toContain('1 of 5 checks failed');
    expect(text).toContain('exit code 1');
  });

  it('uses ANSI colours when asked', async () => {
    const text = await render(runEvents(), { color: true });
    expect(text).toContain('\x1b[');
    expect(text).toContain('\x1b[31m'); // red for the failure
  });

  it('shows no progress line when the stream is not a terminal', async () => {
    const events = runEvents();
    const stream = new MemoryStream(false);
    const reporter = createConsoleReporter({ stream, color: false });
    for (const event of events.slice(0, -1)) reporter.onEvent(event);
    expect(stream.text).toBe('');
    await reporter.close();
  });

  it('rewrites a progress line in place on a terminal, then clears it', async () => {
    const events = runEvents();
    const stream = new MemoryStream(true);
    const reporter = createConsoleReporter({ stream, color: false });
    for (const event of events.slice(0, -1)) reporter.onEvent(event);
    expect(stream.text).toContain('\r  checking game-sessions  5/5 checks  ✓ 2 ✗ 1 ! 1 - 1');
    expect(stream.text).not.toContain('\n');
    reporter.onEvent(events.at(-1)!);
    await reporter.close();
    expect(stream.text).not.toContain('\x1b');
    // The report starts on a cleared line.
    expect(stream.text).toMatch(/\r +\r\nGame Sessions API/);
  });

  it('prints a fatal error prominently', async () => {
    const fatal = 'cannot reach http://127.0.0.1:4010/game-sessions: connect ECONNREFUSED';
    const text = await render(runEvents({ exitCode: 2, fatal, counts: { pass: 0, fail: 0, warn: 0, skip: 0 } }, []), {
      color: false,
    });
    expect(text).toContain('ABORTED');
    expect(text).toContain(fatal);
    expect(text).toContain('exit code 2');
    expect(text).toContain('No checks were run.');
  });

  it('gives each run of several its own section, and a total', async () => {
    const second = runEvents({ contractId: 'gigs', contractTitle: 'Gigs', exitCode: 0, counts: { pass: 2, fail: 0, warn: 0, skip: 0 } }, []);
    const text = await render([...runEvents(), ...second], { color: false });
    expect(text).toContain('Game Sessions API (game-sessions)');
    expect(text).toContain('Gigs (gigs)');
    expect(text.indexOf('Gigs (gigs)')).toBeGreaterThan(text.indexOf('FAILED'));
    expect(text).toContain('2 contracts: 1 passed, 1 failed');
  });

  it('shows a run that never finished when closed', async () => {
    const text = await render(runEvents().slice(0, 3), { color: false });
    expect(text).toContain('create -> 201 with a valid body');
    expect(text).toContain('coverage  unknown');
    expect(text).toContain('ABORTED');
  });

  it('prints headers, response and check names in verbose mode', async () => {
    const text = await render(runEvents(), { color: false, verbose: true });
    expect(text).toContain('authorization: [redacted]');
    expect(text).toMatch(/response\s+201 in 8 ms/);
    expect(text).toContain('invalid_body_rejected (createSession/invalid_body#1)');
  });

  it('shows control characters from the server instead of obeying them', async () => {
    const events = runEvents();
    const failing = events[2];
    if (failing.type !== 'check') throw new Error('fixture changed');
    const hostile: RunEvent = { type: 'check', result: { ...failing.result, actual: '201 \x1b[2J' } };
    const text = await render([events[0], hostile, events.at(-1)!], { color: false });
    expect(text).not.toContain('\x1b');
    expect(text).toContain('201 \\u001b[2J');
  });
});

describe('shouldUseColor', () => {
  const tty = new MemoryStream(true);
  const pipe = new MemoryStream(false);
  it('follows the terminal, NO_COLOR and FORCE_COLOR', () => {
    expect(shouldUseColor(tty, {})).toBe(true);
    expect(shouldUseColor(pipe, {})).toBe(false);
    expect(shouldUseColor(tty, { NO_COLOR: '1' })).toBe(false);
    expect(shouldUseColor(tty, { NO_COLOR: '' })).toBe(true);
    expect(shouldUseColor(tty, { TERM: 'dumb' })).toBe(false);
    expect(shouldUseColor(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(shouldUseColor(tty, { FORCE_COLOR: '0' })).toBe(false);
    expect(shouldUseColor(pipe, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(false);
  });

  it('counts a warning repeated across operations once in the summary, and not one given once', async () => {
    const warning = (operationId: string, title: string): CheckResult => ({
      id: `${operationId}/${title}`, operationId, check: 'status_documented', title, status: 'warn', durationMs: 1,
      message: `${operationId} does not document status 401, which HTTP prescribes here: the document is incomplete.`,
    });
    const results = [warning('listThings', 'no credentials → status 401 is documented'), warning('getThing', 'no credentials → status 401 is documented'), warning('getThing', 'unknown id → status 404 is documented')];
    const text = await render(runEvents({ counts: { pass: 0, fail: 0, warn: 3, skip: 0 }, exitCode: 0 }, results), { color: false });
    expect(text).toContain('\n  repeated  2 × no credentials → status 401 is documented  (first under listThings)\n');
    expect(text).not.toContain('unknown id → status 404 is documented  (first under');
  });

  it('says the error of a request that got no response once, not again as actual and message', async () => {
    const error = 'connection refused (ECONNREFUSED): connect ECONNREFUSED 127.0.0.1:47399';
    const unreachable: CheckResult = {
      id: 'addPet/response_received#1', operationId: 'addPet', check: 'response_received', title: 'create → got a response', status: 'fail', durationMs: 1,
      message: `no usable response: ${error}`, actual: error,
      exchange: { request: { method: 'POST', url: 'http://127.0.0.1:47399/pets', headers: {} }, error },
    };
    const text = await render(runEvents({ counts: { pass: 0, fail: 1, warn: 0, skip: 0 }, exitCode: 2 }, [unreachable]), { color: false });
    expect(text).toContain(`      error     ${error}\n`);
    expect(text.split(error)).toHaveLength(2);
    expect(text).not.toContain('      actual    ');
    expect(text).not.toContain('      message   ');
  });
});
