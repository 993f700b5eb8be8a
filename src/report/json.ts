import { resolve } from 'node:path';
import type { CheckResult, Reporter, RunSummary } from '../runner/events.ts';
import { summaryOf } from './collect.ts';
import { createFileReporter } from './file-reporter.ts';
import { jsonReplacer } from './format.ts';
import { harnessVersion } from './version.ts';

export interface JsonReporterOptions {
  /** Folder of the report; created (recursively) if missing. */
  readonly outDir: string;
  /** Defaults to `conformance.json`. */
  readonly fileName?: string;
}

/**
 * Version of the shape of `conformance.json`, described by `schemas/conformance-report.schema.json` in the
 * package: the minor number grows when optional fields are added, the major one when anything else changes.
 */
export const JSON_REPORT_SCHEMA_VERSION = '1.0';

/** The shape of `conformance.json`. */
export interface JsonReport {
  readonly schemaVersion: string;
  readonly tool: 'harness';
  readonly version: string;
  readonly runs: ReadonlyArray<{ readonly summary: RunSummary; readonly checks: readonly CheckResult[] }>;
}

export const JSON_REPORT_FILE = 'conformance.json';

/**
 * Writes every run (summary and all check results, exchanges included) to one pretty-printed JSON file
 * on close. A run that never sent `done` gets a summary made from what arrived, with exit code 2 and a
 * `fatal` saying so.
 */
export function createJsonReporter(options: JsonReporterOptions): Reporter {
  return createFileReporter(resolve(options.outDir, options.fileName ?? JSON_REPORT_FILE), (runs) => {
    const report: JsonReport = {
      schemaVersion: JSON_REPORT_SCHEMA_VERSION,
      tool: 'harness',
      version: harnessVersion(),
      runs: runs.map((run) => ({ summary: summaryOf(run), checks: run.checks })),
    };
    return `${JSON.stringify(report, jsonReplacer, 2)}\n`;
  });
}
