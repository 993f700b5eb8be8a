import { resolve } from 'node:path';
import type { Reporter } from '../runner/events.ts';
import { createFileReporter } from './file-reporter.ts';
import { renderHtml } from './html-render.ts';

export interface HtmlReporterOptions {
  /** Folder of the report; created (recursively) if missing. */
  readonly outDir: string;
  /** Defaults to `conformance.html`. */
  readonly fileName?: string;
}

export const HTML_REPORT_FILE = 'conformance.html';

/**
 * Writes one self-contained HTML page for people on close: counts, coverage and every failure with its
 * exchange and a `curl` command that repeats it. See {@link renderHtml}.
 */
export function createHtmlReporter(options: HtmlReporterOptions): Reporter {
  return createFileReporter(resolve(options.outDir, options.fileName ?? HTML_REPORT_FILE), (runs) => renderHtml(runs));
}
