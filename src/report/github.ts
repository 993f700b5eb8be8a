import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Reporter, RunEvent } from '../runner/events.ts';
import { groupIntoCases } from './cases.ts';
import { RunCollector, type RunRecord, summaryOf } from './collect.ts';
import { truncate } from './format.ts';
import { type Annotation, formatAnnotation } from './github-commands.ts';
import { renderGithubSummary } from './github-summary.ts';
import { displayPath, locate } from './location.ts';

export interface GithubReporterOptions {
  /** Where the workflow commands go: the job's log, i.e. stdout. */
  readonly stream: NodeJS.WritableStream;
  /** The job summary file (`$GITHUB_STEP_SUMMARY`); without it no summary is written. */
  readonly summaryFile?: string;
}

/** How long an annotation's message may be: GitHub shows annotations in a narrow panel. */
const ANNOTATION_LIMIT = 2000;

/**
 * For GitHub Actions: when a run is done, one `::error` annotation per failing (operation, check), at the
 * operation's line in the contract, and one `::warning` per warning; on close, a Markdown summary appended
 * to `$GITHUB_STEP_SUMMARY` (when set).
 *
 * @example
 * createGithubReporter({ stream: process.stdout, summaryFile: process.env.GITHUB_STEP_SUMMARY });
 */
export function createGithubReporter(options: GithubReporterOptions): Reporter {
  const collector = new RunCollector();
  let closed: Promise<string[]> | undefined;
  const annotated = new WeakSet<RunRecord>();
  const annotate = (run: RunRecord): void => {
    if (annotated.has(run)) return;
    annotated.add(run);
    for (const annotation of annotationsOf(run)) options.stream.write(`${formatAnnotation(annotation)}\n`);
  };
  return {
    onEvent(event: RunEvent): void {
      if (closed) return;
      const run = collector.add(event);
      if (event.type === 'done') annotate(run);
    },
    close(): Promise<string[]> {
      closed ??= (async () => {
        for (const run of collector.runs) annotate(run);
        if (!options.summaryFile) return [];
        await mkdir(dirname(options.summaryFile), { recursive: true });
        await appendFile(options.summaryFile, renderGithubSummary(collector.runs), 'utf8');
        return [options.summaryFile];
      })();
      return closed;
    },
  };
}

/** The annotations of one run: aborted runs, failing cases, warnings. */
export function annotationsOf(run: RunRecord): Annotation[] {
  const annotations: Annotation[] = [];
  const summary = summaryOf(run);
  const first = run.operations.values().next().value;
  const contractFile = first ? displayPath(first.file) : undefined;
  if (summary.fatal) {
    annotations.push({ level: 'error', title: `${run.contractId}: run aborted`, message: summary.fatal, ...(contractFile ? { file: contractFile } : {}) });
  }
  for (const testCase of groupIntoCases(run.checks, run.plannedChecks)) {
    const location = locate(run, testCase.operationId);
    const where = location ? { file: location.file, ...(location.line === undefined ? {} : { line: location.line }) } : {};
    const failed = testCase.results.filter((r) => r.status === 'fail');
    if (failed.length > 0) {
      const message = failed.map((r) => `${r.title}: ${r.message ?? 'failed'}`).join('\n');
      annotations.push({ level: 'error', title: `${run.contractId} ${testCase.operationId} ${testCase.check}`, message: truncate(message, ANNOTATION_LIMIT), ...where });
    }
    for (const warning of testCase.results.filter((r) => r.status === 'warn')) {
      annotations.push({ level: 'warning', title: `${run.contractId} ${testCase.operationId} ${testCase.check}`, message: truncate(warning.message ?? warning.title, ANNOTATION_LIMIT), ...where });
    }
  }
  return annotations;
}
