import pc from 'picocolors';
import type { CheckResult, CheckStatus, Reporter, RunEvent } from '../runner/events.ts';
import { countChecks, RunCollector, type RunRecord, summaryOf } from './collect.ts';
import {
  type Colors,
  type ConsoleReporterOptions,
  renderCheckLine,
  renderFailure,
  renderHeader,
  renderOverall,
  renderSummary,
  symbol,
} from './console.ts';
import { plural, printable } from './format.ts';
import { RepeatedWarnings } from './repeated-warnings.ts';

/** The results of one operation that arrived one after another: printed as one line when they end. */
interface Segment {
  readonly run: RunRecord;
  readonly operationId: string;
  readonly results: CheckResult[];
  /** The run's warnings so far: one printed already is only counted (the summary says how often). */
  readonly warnings: RepeatedWarnings;
}

/**
 * The console report for logs that are not a terminal (CI): it prints as the run goes, one line per
 * operation when its results end, with each failure in full under it and warnings as single lines;
 * passes and skips are only counted unless `verbose`. When a run is done, its coverage and verdict.
 *
 * @example
 * createLiveConsoleReporter({ stream: process.stdout, color: false });
 * // ✗ createSession  14 passed, 1 failed
 * //   ✗ create → status 200 is documented
 * //       POST http://127.0.0.1:4010/game-sessions/sessions ...
 */
export function createLiveConsoleReporter(options: ConsoleReporterOptions): Reporter {
  const { stream } = options;
  const verbose = options.verbose ?? false;
  const c: Colors = pc.createColors(options.color);
  const collector = new RunCollector();
  const finished = new WeakSet<RunRecord>();
  const warningsOf = new WeakMap<RunRecord, RepeatedWarnings>();
  let segment: Segment | undefined;
  let closed: Promise<string[]> | undefined;

  const write = (text: string): void => {
    stream.write(text);
  };
  const flush = (): void => {
    if (segment && segment.results.length > 0) write(`${renderSegment(segment, c, verbose)}\n`);
    segment = undefined;
  };
  const finish = (run: RunRecord): void => {
    if (finished.has(run)) return;
    finished.add(run);
    flush();
    if (run.checks.length === 0) write(`${c.dim('  No checks were run.')}\n`);
    write(`\n${renderSummary(run, summaryOf(run), c, 100)}\n\n`);
  };

  return {
    onEvent(event: RunEvent): void {
      if (closed) return;
      if (event.type === 'started') for (const run of collector.runs) finish(run);
      const run = collector.add(event);
      switch (event.type) {
        case 'started':
          write(`\n${renderHeader(run, c).join('\n')}\n\n`);
          break;
        case 'check':
          if (segment?.run !== run || segment.operationId !== event.result.operationId) {
            flush();
            if (!warningsOf.has(run)) warningsOf.set(run, new RepeatedWarnings());
            segment = { run, operationId: event.result.operationId, results: [], warnings: warningsOf.get(run)! };
          }
          segment.results.push(event.result);
          break;
        case 'done':
          finish(run);
          break;
      }
    },
    close(): Promise<string[]> {
      closed ??= (async () => {
        for (const run of collector.runs) finish(run);
        if (collector.runs.length > 1) write(renderOverall(collector.runs, c));
        return [];
      })();
      return closed;
    },
  };
}

function renderSegment(segment: Segment, c: Colors, verbose: boolean): string {
  const counts = countChecks(segment.results);
  const worst: CheckStatus = counts.fail > 0 ? 'fail' : counts.warn > 0 ? 'warn' : counts.pass > 0 ? 'pass' : 'skip';
  const parts = [
    counts.pass > 0 ? `${counts.pass} passed` : '',
    counts.fail > 0 ? c.red(`${counts.fail} failed`) : '',
    counts.warn > 0 ? c.yellow(plural(counts.warn, 'warning')) : '',
    counts.skip > 0 ? `${counts.skip} skipped` : '',
  ].filter(Boolean);
  const lines: string[] = [];
  let repeats = 0;
  for (const result of segment.results) {
    const repeated = segment.warnings.add(result);
    if (result.status === 'fail') lines.push(renderCheckLine(result, c, verbose), renderFailure(result, c, verbose));
    else if (repeated && !verbose) repeats += 1;
    else if (result.status === 'warn' || verbose) lines.push(renderCheckLine(result, c, verbose));
  }
  const same = repeats === counts.warn ? `the same ${repeats === 1 ? 'warning' : 'warnings'}` : `${repeats} of them the same`;
  const note = repeats === 0 ? '' : c.dim(`  (${same} as above)`);
  return [`${symbol(worst, c)} ${c.bold(printable(segment.operationId, true))}  ${parts.join(', ')}${note}`, ...lines].join('\n');
}
