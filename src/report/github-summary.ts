import type { RunSummary } from '../runner/events.ts';
import { groupIntoCases } from './cases.ts';
import { type RunRecord, summaryOf } from './collect.ts';
import { formatDuration, plural, truncate } from './format.ts';
import { formatLocation, locate } from './location.ts';

/** How many failing cases a run's table lists; the rest are counted. */
const MAX_ROWS = 50;
const CELL_LIMIT = 300;

/**
 * The Markdown a GitHub job summary shows for `runs`: per run the verdict, counts, coverage, and a table
 * of failing checks with the contract line of each; warnings folded away. Every piece of text from the
 * run is escaped, so a server's answer cannot inject Markdown or HTML into the page.
 */
export function renderGithubSummary(runs: readonly RunRecord[]): string {
  if (runs.length === 0) return '## harness check\n\nNo contract was checked.\n';
  return runs.map(renderRun).join('\n');
}

function renderRun(run: RunRecord): string {
  const summary = summaryOf(run);
  const out: string[] = [];
  out.push(`## ${verdictIcon(summary)} ${markdownText(run.contractId)}: ${verdictText(summary)}`, '');
  const meta = [`${markdownText(summary.contractTitle)}`, `base URL ${markdownText(summary.baseUrl)}`, formatDuration(summary.durationMs)];
  out.push(meta.join(' · '), '');
  if (summary.fatal) out.push(`> **Aborted:** ${markdownText(summary.fatal)}`, '');
  if (summary.stopped) out.push(`> **Stopped early:** ${markdownText(summary.stopped)}`, '');
  const { counts } = summary;
  out.push('| passed | failed | warnings | skipped |', '|---:|---:|---:|---:|', `| ${counts.pass} | ${counts.fail} | ${counts.warn} | ${counts.skip} |`, '');
  const { operations, statuses } = summary.coverage;
  out.push(`**Coverage:** operations ${operations.exercised}/${operations.total}, documented statuses ${statuses.exercised}/${statuses.total}`);
  if (statuses.missing.length > 0) out.push(`(not exercised: ${markdownText(truncate(statuses.missing.join(', '), 1000))})`);
  out.push('');

  const cases = groupIntoCases(run.checks, run.plannedChecks);
  const failing = cases.filter((c) => c.status === 'fail');
  if (failing.length > 0) {
    out.push(`### Failures (${failing.length})`, '', '| operation | check | contract | what |', '|---|---|---|---|');
    for (const testCase of failing.slice(0, MAX_ROWS)) {
      const location = locate(run, testCase.operationId);
      // The same finding from several steps (three records created for paging...) is said once.
      const messages = [...new Set(testCase.results.filter((r) => r.status === 'fail').map((r) => r.message ?? r.title))];
      out.push(`| ${cells(testCase.operationId, testCase.check, location ? formatLocation(location) : '', messages.join('\n'))} |`);
    }
    if (failing.length > MAX_ROWS) out.push('', `…and ${plural(failing.length - MAX_ROWS, 'more failing check')}; see the JUnit or JSON report.`);
    out.push('');
  }
  const warnings = run.checks.filter((r) => r.status === 'warn');
  if (warnings.length > 0) {
    out.push(`<details><summary>${plural(warnings.length, 'warning')} (rules the contract marks inferred; they do not fail the run)</summary>`, '');
    for (const warning of warnings.slice(0, MAX_ROWS)) {
      out.push(`- ${markdownText(warning.operationId)} ${markdownText(warning.check)}: ${markdownText(warning.message ?? warning.title)}`);
    }
    out.push('', '</details>', '');
  }
  return `${out.join('\n')}\n`;
}

function verdictIcon(summary: RunSummary): string {
  return summary.exitCode === 0 ? '✅' : summary.exitCode === 1 ? '❌' : '⚠️';
}

function verdictText(summary: RunSummary): string {
  return summary.exitCode === 0 ? 'passed' : summary.exitCode === 1 ? 'failed' : 'could not be completed';
}

function cells(...values: string[]): string {
  return values.map((value) => markdownText(truncate(value, CELL_LIMIT)).replace(/\r?\n/g, '<br>')).join(' | ');
}

/**
 * Text shown as it is in GitHub-flavoured Markdown: HTML and Markdown punctuation become character
 * references, which GitHub renders literally.
 */
export function markdownText(text: string): string {
  return text.replace(/[&<>"'|*_`[\]\\~#!()]/g, (ch) => `&#${ch.charCodeAt(0)};`).replace(/\r?\n/g, ' ');
}
