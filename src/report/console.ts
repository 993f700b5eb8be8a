import pc from 'picocolors';
import type { CheckResult, CheckStatus, Reporter, RunEvent, RunSummary } from '../runner/events.ts';
import { repeatedWarnings } from './repeated-warnings.ts';
import { countChecks, groupByOperation, RunCollector, type RunRecord, summaryOf } from './collect.ts';
import {
  bodyToText,
  formatDuration,
  indentAll,
  indentContinuation,
  plural,
  printable,
  truncate,
  wrapList,
} from './format.ts';

export interface ConsoleReporterOptions {
  readonly stream: NodeJS.WritableStream;
  /** ANSI colours; `false` writes none at all. See {@link shouldUseColor}. */
  readonly color: boolean;
  /** Also print per-check durations and check names, request headers and the response of each failure. */
  readonly verbose?: boolean;
}

export type Colors = ReturnType<typeof pc.createColors>;

interface TerminalLike {
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export const SYMBOLS: Readonly<Record<CheckStatus, string>> = { pass: '✓', fail: '✗', warn: '!', skip: '-' };

/** How many characters of a request or response body a failure shows. */
const BODY_LIMIT = 500;
/** How many characters of one string inside a JSON body a failure shows. */
const STRING_LIMIT = 120;
/** Width of the labels in failure blocks and in the summary. */
const FAILURE_LABEL = 10;
const SUMMARY_LABEL = 10;

/**
 * Whether to colour what goes to `stream`: never when `NO_COLOR` is set to anything non-empty
 * (https://no-color.org), always when `FORCE_COLOR` is set to anything but `0` or `false`, otherwise
 * when the stream is a terminal that is not `TERM=dumb`.
 */
export function shouldUseColor(stream: NodeJS.WritableStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  if (env.TERM === 'dumb') return false;
  return (stream as TerminalLike).isTTY === true;
}

/**
 * The report a person reads. On a terminal a progress line is rewritten in place while checks arrive;
 * when a run is done its results are printed grouped by operation, each failure with the exchange that
 * shows it, then coverage and the verdict. Several runs may go into one reporter.
 */
export function createConsoleReporter(options: ConsoleReporterOptions): Reporter {
  const { stream } = options;
  const verbose = options.verbose ?? false;
  const c: Colors = pc.createColors(options.color);
  const terminal = stream as TerminalLike;
  const isTTY = terminal.isTTY === true;
  const collector = new RunCollector();
  const printed = new WeakSet<RunRecord>();
  let progressLength = 0;
  let closed: Promise<string[]> | undefined;

  const width = (): number => Math.max(40, Math.min(terminal.columns ?? 100, 120));

  const write = (text: string): void => {
    stream.write(text);
  };

  const clearProgress = (): void => {
    if (progressLength === 0) return;
    write(`\r${' '.repeat(progressLength)}\r`);
    progressLength = 0;
  };

  const showProgress = (run: RunRecord): void => {
    if (!isTTY) return;
    const counts = countChecks(run.checks);
    const total = run.planned > 0 ? `${run.checks.length}/${run.planned}` : String(run.checks.length);
    const parts: Array<[plain: string, colored: string]> = [
      ['  checking ', c.dim('  checking ')],
      [run.contractId, c.bold(run.contractId)],
      [`  ${total} checks  `, c.dim(`  ${total} checks  `)],
      [`${SYMBOLS.pass} ${counts.pass}`, c.green(`${SYMBOLS.pass} ${counts.pass}`)],
      [` ${SYMBOLS.fail} ${counts.fail}`, counts.fail > 0 ? c.red(` ${SYMBOLS.fail} ${counts.fail}`) : ` ${SYMBOLS.fail} ${counts.fail}`],
      [` ${SYMBOLS.warn} ${counts.warn}`, counts.warn > 0 ? c.yellow(` ${SYMBOLS.warn} ${counts.warn}`) : ` ${SYMBOLS.warn} ${counts.warn}`],
    ];
    if (counts.skip > 0) parts.push([` ${SYMBOLS.skip} ${counts.skip}`, c.dim(` ${SYMBOLS.skip} ${counts.skip}`)]);
    let plain = parts.map(([p]) => p).join('');
    let shown = parts.map(([, colored]) => colored).join('');
    // A line wider than the terminal wraps, and \r then rewrites only its last row.
    const max = (terminal.columns ?? 80) - 1;
    if (plain.length > max) {
      plain = plain.slice(0, Math.max(0, max));
      shown = plain;
    }
    const padding = ' '.repeat(Math.max(0, progressLength - plain.length));
    write(`\r${shown}${padding}`);
    progressLength = plain.length;
  };

  const printRun = (run: RunRecord): void => {
    if (printed.has(run)) return;
    printed.add(run);
    clearProgress();
    write(renderRun(run, c, verbose, width()));
  };

  return {
    onEvent(event: RunEvent): void {
      if (closed) return;
      if (event.type === 'started') {
        // A run that never sent `done` is shown as far as it got before the next one starts.
        for (const run of collector.runs) if (!printed.has(run)) printRun(run);
      }
      const run = collector.add(event);
      if (event.type === 'done') printRun(run);
      else showProgress(run);
    },
    close(): Promise<string[]> {
      closed ??= (async () => {
        clearProgress();
        for (const run of collector.runs) if (!printed.has(run)) printRun(run);
        if (collector.runs.length > 1) write(renderOverall(collector.runs, c));
        return [];
      })();
      return closed;
    },
  };
}

/** The contract's title and the base URL, as the first lines of a run's report. */
export function renderHeader(run: Pick<RunRecord, 'contractId' | 'contractTitle' | 'baseUrl'>, c: Colors): string[] {
  const title = run.contractTitle && run.contractTitle !== run.contractId
    ? `${c.bold(printable(run.contractTitle, true))} ${c.dim(`(${run.contractId})`)}`
    : c.bold(run.contractId);
  const lines = [title];
  if (run.baseUrl) lines.push(`  ${c.dim('base URL')}  ${c.cyan(printable(run.baseUrl, true))}`);
  return lines;
}

function renderRun(run: RunRecord, c: Colors, verbose: boolean, width: number): string {
  const summary = summaryOf(run);
  const out: string[] = ['', ...renderHeader(run, c), ''];

  // Results, grouped by operation.
  if (run.checks.length === 0) {
    out.push(c.dim('  No checks were run.'), '');
  }
  for (const [operationId, checks] of groupByOperation(run.checks)) {
    out.push(c.bold(printable(operationId, true)));
    checks.forEach((check, index) => {
      out.push(renderCheckLine(check, c, verbose));
      if (check.status === 'fail') {
        out.push(renderFailure(check, c, verbose));
        // A blank line keeps a failure's details apart from the next check.
        if (index < checks.length - 1) out.push('');
      }
    });
    out.push('');
  }

  out.push(renderSummary(run, summary, c, width), '');
  return `${out.join('\n')}\n`;
}

export function symbol(status: CheckStatus, c: Colors): string {
  switch (status) {
    case 'pass':
      return c.green(SYMBOLS.pass);
    case 'fail':
      return c.red(c.bold(SYMBOLS.fail));
    case 'warn':
      return c.yellow(SYMBOLS.warn);
    case 'skip':
      return c.dim(SYMBOLS.skip);
  }
}

export function renderCheckLine(check: CheckResult, c: Colors, verbose: boolean): string {
  const title = printable(check.title, true);
  let line = `  ${symbol(check.status, c)} ${check.status === 'fail' ? c.red(title) : title}`;
  if ((check.status === 'warn' || check.status === 'skip') && check.message) {
    line += `  ${c.dim(printable(check.message, true))}`;
  }
  if (verbose) line += `  ${c.dim(`${formatDuration(check.durationMs)} · ${check.check}`)}`;
  return line;
}

export function renderFailure(check: CheckResult, c: Colors, verbose: boolean): string {
  const indent = '      ';
  const valueIndent = indent + ' '.repeat(FAILURE_LABEL);
  const lines: string[] = [];
  const field = (label: string, value: string, paint: (s: string) => string = (s) => s): void => {
    const text = indentContinuation(printable(value), valueIndent);
    lines.push(`${indent}${c.dim(label.padEnd(FAILURE_LABEL))}${paint(text)}`);
  };

  const exchange = check.exchange;
  if (exchange) {
    const { request, response } = exchange;
    lines.push(`${indent}${c.bold(request.method.toUpperCase())} ${printable(request.url, true)}`);
    if (verbose) {
      for (const [name, value] of Object.entries(request.headers)) {
        lines.push(`${indent}${c.dim(`${printable(name, true)}: ${printable(value, true)}`)}`);
      }
    }
    const requestBody = bodyToText(request.body, { maxString: STRING_LIMIT });
    if (requestBody !== undefined) lines.push(indentAll(printable(truncate(requestBody, BODY_LIMIT)), indent));
    if (exchange.error) field('error', exchange.error, c.red);
    if (verbose && response) {
      field('response', `${response.status} in ${formatDuration(response.durationMs)}`);
      const responseBody = bodyToText(response.body, { maxString: STRING_LIMIT });
      if (responseBody !== undefined) lines.push(indentAll(printable(truncate(responseBody, BODY_LIMIT)), valueIndent));
    }
  }
  // A request that got no response has its error said once, not again as `actual` and `message`.
  const error = exchange?.error;
  const repeatsError = (text: string): boolean => error !== undefined && (text === error || text.endsWith(`: ${error}`));
  if (check.expected !== undefined) field('expected', check.expected, c.green);
  if (check.actual !== undefined && !repeatsError(check.actual)) field('actual', check.actual, c.red);
  if (check.pointer !== undefined) field('pointer', check.pointer === '' ? '(the whole body)' : check.pointer, c.cyan);
  if (check.message !== undefined && !repeatsError(check.message)) field('message', check.message);
  if (verbose) field('check', `${check.check} (${check.id})`, c.dim);
  return lines.join('\n');
}

export function renderSummary(run: RunRecord, summary: RunSummary, c: Colors, width: number): string {
  const indent = '  ';
  const valueIndent = indent + ' '.repeat(SUMMARY_LABEL);
  const label = (text: string): string => `${indent}${c.dim(text.padEnd(SUMMARY_LABEL))}`;
  const lines: string[] = [];

  const { counts } = summary;
  const total = counts.pass + counts.fail + counts.warn + counts.skip;
  const count = (n: number, text: string, paint: (s: string) => string): string => (n > 0 ? paint(text) : c.dim(text));
  lines.push(
    label('checks') +
      [
        count(counts.pass, `${counts.pass} passed`, c.green),
        count(counts.fail, `${counts.fail} failed`, (s) => c.red(c.bold(s))),
        count(counts.warn, plural(counts.warn, 'warning'), c.yellow),
        count(counts.skip, `${counts.skip} skipped`, (s) => s),
      ].join(c.dim(', ')) +
      c.dim(`  (${plural(total, 'check')})`),
  );

  for (const kind of repeatedWarnings(run.checks)) {
    lines.push(label('repeated') + c.yellow(`${kind.count} × `) + printable(kind.first.title, true) + c.dim(`  (first under ${printable(kind.first.operationId, true)})`));
  }

  if (run.summary === undefined) {
    lines.push(label('coverage') + c.dim('unknown: the run did not finish'));
  } else {
    const { operations, statuses } = summary.coverage;
    const ratio = (exercised: number, all: number): string => {
      const text = `${exercised}/${all}`;
      const percent = all > 0 && exercised < all ? c.dim(` (${Math.floor((exercised / all) * 100)}%)`) : '';
      return (exercised >= all ? c.green(text) : c.yellow(text)) + percent;
    };
    lines.push(
      `${label('coverage')}operations ${ratio(operations.exercised, operations.total)}, ` +
        `documented statuses ${ratio(statuses.exercised, statuses.total)}`,
    );
    const listWidth = Math.max(width - valueIndent.length, 30);
    if (operations.missing.length > 0) {
      const list = wrapList('operations not exercised: ', operations.missing.map((m) => printable(m, true)), listWidth, '  ');
      lines.push(indentAll(list, valueIndent).split('\n').map((l) => c.yellow(l)).join('\n'));
    }
    if (statuses.missing.length > 0) {
      const list = wrapList('statuses not exercised: ', statuses.missing.map((m) => printable(m, true)), listWidth, '  ');
      lines.push(indentAll(list, valueIndent).split('\n').map((l) => c.yellow(l)).join('\n'));
    }
  }
  lines.push(label('duration') + formatDuration(summary.durationMs));
  if (summary.stopped !== undefined) lines.push(label('stopped') + c.yellow(printable(summary.stopped, true)));
  lines.push('');
  lines.push(renderVerdict(summary, c, indent));
  return lines.join('\n');
}

function badge(text: string, c: Colors, kind: 'ok' | 'bad'): string {
  if (!c.isColorSupported) return text;
  const paint = kind === 'ok' ? c.bgGreen : c.bgRed;
  return paint(c.black(c.bold(` ${text} `)));
}

function renderVerdict(summary: RunSummary, c: Colors, indent: string): string {
  const { counts } = summary;
  const total = counts.pass + counts.fail + counts.warn + counts.skip;
  const exit = c.dim(`(exit code ${summary.exitCode})`);
  const lines: string[] = [];
  if (summary.exitCode === 2 || summary.fatal !== undefined) {
    lines.push(`${indent}${badge('ABORTED', c, 'bad')}  ${c.red(c.bold('the run could not be completed'))}  ${exit}`);
    if (summary.fatal !== undefined) {
      const fatalIndent = `${indent}  `;
      lines.push(`${fatalIndent}${c.red(indentContinuation(printable(summary.fatal), fatalIndent))}`);
    }
  } else if (summary.exitCode === 1) {
    const failed = counts.fail > 0 ? `${counts.fail} of ${plural(total, 'check')} failed` : 'the run failed';
    lines.push(`${indent}${badge('FAILED', c, 'bad')}  ${c.red(failed)}  ${exit}`);
  } else {
    const passed = counts.pass === total ? `all ${plural(total, 'check')} passed` : `${counts.pass} of ${plural(total, 'check')} passed`;
    const notes = [counts.warn > 0 ? c.yellow(plural(counts.warn, 'warning')) : '', counts.skip > 0 ? `${counts.skip} skipped` : '']
      .filter(Boolean)
      .join(', ');
    lines.push(`${indent}${badge('PASSED', c, 'ok')}  ${c.green(passed)}${notes ? `, ${notes}` : ''}  ${exit}`);
  }
  return lines.join('\n');
}

export function renderOverall(runs: readonly RunRecord[], c: Colors): string {
  const summaries = runs.map((run) => summaryOf(run));
  const passed = summaries.filter((s) => s.exitCode === 0).length;
  const failed = summaries.filter((s) => s.exitCode === 1).length;
  const aborted = summaries.filter((s) => s.exitCode === 2).length;
  const parts = [
    passed > 0 ? c.green(`${passed} passed`) : c.dim('0 passed'),
    failed > 0 ? c.red(`${failed} failed`) : c.dim('0 failed'),
  ];
  if (aborted > 0) parts.push(c.red(`${aborted} aborted`));
  return `${c.bold(plural(runs.length, 'contract'))}: ${parts.join(', ')}\n`;
}
