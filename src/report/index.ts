import type { Reporter, RunEvent } from '../runner/events.ts';
import { createConsoleReporter, shouldUseColor } from './console.ts';
import { createLiveConsoleReporter } from './console-live.ts';
import { createJsonReporter } from './json.ts';
import { createGithubReporter } from './github.ts';
import { createHtmlReporter } from './html.ts';
import { createJunitReporter } from './junit.ts';

export { createConsoleReporter, shouldUseColor, SYMBOLS, type ConsoleReporterOptions } from './console.ts';
export { createLiveConsoleReporter } from './console-live.ts';
export { createJsonReporter, JSON_REPORT_FILE, JSON_REPORT_SCHEMA_VERSION, type JsonReport, type JsonReporterOptions } from './json.ts';
export { createJunitReporter, JUNIT_REPORT_FILE, type JunitReporterOptions } from './junit.ts';
export { createGithubReporter, type GithubReporterOptions } from './github.ts';
export { createHtmlReporter, HTML_REPORT_FILE, type HtmlReporterOptions } from './html.ts';

/** The names `--reporter` takes. */
export const REPORTER_NAMES = ['console', 'json', 'junit', 'github', 'html'] as const;
export type ReporterName = (typeof REPORTER_NAMES)[number];

export function isReporterName(name: string): name is ReporterName {
  return (REPORTER_NAMES as readonly string[]).includes(name);
}

export interface ReportersOptions {
  /** Where the json, junit and html reporters write their files. */
  readonly outDir: string;
  /** Where the console reporter and the github reporter's workflow commands write. */
  readonly stream: NodeJS.WritableStream;
  /** The github reporter's job summary file (`$GITHUB_STEP_SUMMARY`); none when absent. */
  readonly githubSummaryFile?: string;
  /** Console colours; by default {@link shouldUseColor} for `stream`. */
  readonly color?: boolean;
  readonly verbose?: boolean;
  /**
   * Console: print per operation as the run goes (see {@link createLiveConsoleReporter}) instead of a
   * progress line and the full report at the end. By default when `stream` is not a terminal.
   */
  readonly live?: boolean;
}

/**
 * One reporter that hands every event to each named reporter (a name given twice counts once).
 * Checking that the names are known is the caller's part: see {@link REPORTER_NAMES}.
 */
export function createReporters(names: readonly ReporterName[], options: ReportersOptions): Reporter {
  const reporters = [...new Set(names)].map((name): Reporter => {
    switch (name) {
      case 'console': {
        const consoleOptions = { stream: options.stream, color: options.color ?? shouldUseColor(options.stream), verbose: options.verbose };
        const live = options.live ?? (options.stream as { isTTY?: boolean }).isTTY !== true;
        return live ? createLiveConsoleReporter(consoleOptions) : createConsoleReporter(consoleOptions);
      }
      case 'json':
        return createJsonReporter({ outDir: options.outDir });
      case 'junit':
        return createJunitReporter({ outDir: options.outDir });
      case 'html':
        return createHtmlReporter({ outDir: options.outDir });
      case 'github':
        return createGithubReporter({ stream: options.stream, ...(options.githubSummaryFile ? { summaryFile: options.githubSummaryFile } : {}) });
      default:
        throw new Error(`unknown reporter "${String(name)}"; known: ${REPORTER_NAMES.join(', ')}`);
    }
  });
  return fanOut(reporters);
}

/**
 * A reporter that passes events to all of `reporters`. One that throws does not keep the event from the
 * others; the error is thrown after all have had it. `close` closes all of them, returns every path
 * written, and rejects (after all have finished) if any failed.
 */
export function fanOut(reporters: readonly Reporter[]): Reporter {
  return {
    onEvent(event: RunEvent): void {
      const errors: unknown[] = [];
      for (const reporter of reporters) {
        try {
          reporter.onEvent(event);
        } catch (error) {
          errors.push(error);
        }
      }
      throwAll(errors, 'reporters failed on an event');
    },
    async close(): Promise<string[]> {
      const results = await Promise.allSettled(reporters.map((reporter) => reporter.close()));
      const errors = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as unknown);
      throwAll(errors, 'reporters failed to close');
      return results.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
    },
  };
}

function throwAll(errors: readonly unknown[], message: string): void {
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, message);
}
