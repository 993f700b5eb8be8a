import type { CheckResult, ExchangeRecord, RunSummary } from '../runner/events.ts';
import { type CheckCase, groupIntoCases, NOT_APPLIED_MESSAGE } from './cases.ts';
import { type RunRecord, summaryOf } from './collect.ts';
import { toCurl } from './curl.ts';
import { bodyToText, formatDuration, plural, printable, truncate } from './format.ts';
import { formatLocation, locate } from './location.ts';

/** How much of a body the page shows per exchange. */
const BODY_LIMIT = 20_000;

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px}h3{font-size:15px;margin:0}
.meta{color:#57606a}.verdict{display:inline-block;padding:2px 10px;border-radius:12px;color:#fff;font-weight:600}
.v0{background:#1a7f37}.v1{background:#cf222e}.v2{background:#9a6700}
.counts{display:flex;gap:12px;margin:16px 0}.count{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:8px 16px;min-width:90px}
.count b{display:block;font-size:22px}.pass b{color:#1a7f37}.fail b{color:#cf222e}.warn b{color:#9a6700}.skip b{color:#57606a}
.card{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:12px 16px;margin:12px 0}
.card.failure{border-left:4px solid #cf222e}
pre{background:#f6f8fa;border:1px solid #d0d7de;border-radius:6px;padding:8px;overflow:auto;white-space:pre-wrap;word-break:break-word;margin:4px 0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px;margin:8px 0}dt{color:#57606a}dd{margin:0}
table{border-collapse:collapse;width:100%;background:#fff}th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
td.s-pass{color:#1a7f37}td.s-fail{color:#cf222e;font-weight:600}td.s-warn{color:#9a6700}td.s-skip{color:#57606a}
code{font:12px/1.4 ui-monospace,monospace}summary{cursor:pointer}
`;

/**
 * The HTML page for `runs`: a standalone document (styles inline, no script, nothing fetched) that shows
 * each run's verdict, counts and coverage, every failure with its request, response, expected and actual
 * values and a `curl` command that repeats the request, then every (operation, check) with its status.
 * All text from the run is HTML-escaped; credentials stay as redacted as the events had them.
 */
export function renderHtml(runs: readonly RunRecord[], generatedAt = new Date()): string {
  const title = runs.length === 1 ? `harness check: ${runs[0].contractId}` : 'harness check';
  const body = runs.length === 0 ? '<p>No contract was checked.</p>' : runs.map(renderRun).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
<p class="meta">Written by harness on ${escapeHtml(generatedAt.toISOString())}.</p>
</main>
</body>
</html>
`;
}

function renderRun(run: RunRecord): string {
  const summary = summaryOf(run);
  const cases = groupIntoCases(run.checks, run.plannedChecks);
  const failures = run.checks.filter((r) => r.status === 'fail');
  const warnings = run.checks.filter((r) => r.status === 'warn');
  return `<section class="run" id="${escapeHtml(`run-${run.contractId}`)}">
<h1>${escapeHtml(summary.contractTitle)} <span class="meta">(${escapeHtml(summary.contractId)})</span></h1>
<p class="meta"><span class="verdict v${summary.exitCode}">${verdict(summary)}</span>
 base URL <code>${escapeHtml(summary.baseUrl)}</code> · started ${escapeHtml(summary.startedAt)} · took ${escapeHtml(formatDuration(summary.durationMs))}</p>
${summary.fatal ? `<div class="card failure"><b>Aborted:</b> ${escapeHtml(summary.fatal)}</div>` : ''}
${summary.stopped ? `<div class="card"><b>Stopped early:</b> ${escapeHtml(summary.stopped)}</div>` : ''}
${renderCounts(summary)}
${renderCoverage(summary)}
<h2>Failures (${failures.length})</h2>
${failures.length === 0 ? '<p>None.</p>' : failures.map((result) => renderFailure(run, result)).join('\n')}
${warnings.length === 0 ? '' : `<h2>Warnings (${warnings.length})</h2>\n<p class="meta">Rules the contract marks inferred: they do not fail the run.</p>\n<ul>${warnings.map((w) => `<li><code>${escapeHtml(w.operationId)}</code> ${escapeHtml(w.title)}: ${escapeHtml(w.message ?? '')}</li>`).join('')}</ul>`}
<h2>Every check (${plural(cases.length, 'test case')})</h2>
${renderCaseTable(run, cases)}
</section>`;
}

function verdict(summary: RunSummary): string {
  return summary.exitCode === 0 ? 'passed' : summary.exitCode === 1 ? 'failed' : 'aborted';
}

function renderCounts(summary: RunSummary): string {
  const { counts } = summary;
  const box = (key: string, n: number, label: string): string => `<div class="count ${key}"><b>${n}</b>${label}</div>`;
  return `<div class="counts">${box('pass', counts.pass, 'passed')}${box('fail', counts.fail, 'failed')}${box('warn', counts.warn, 'warnings')}${box('skip', counts.skip, 'skipped')}</div>`;
}

function renderCoverage(summary: RunSummary): string {
  const { operations, statuses } = summary.coverage;
  const missing = (label: string, items: readonly string[]): string =>
    items.length === 0 ? '' : `<dt>${label}</dt><dd>${items.map((m) => `<code>${escapeHtml(m)}</code>`).join(', ')}</dd>`;
  return `<dl class="coverage"><dt>operations</dt><dd>${operations.exercised}/${operations.total} exercised</dd>
<dt>documented statuses</dt><dd>${statuses.exercised}/${statuses.total} exercised</dd>
${missing('operations not exercised', operations.missing)}${missing('statuses not exercised', statuses.missing)}</dl>`;
}

function renderFailure(run: RunRecord, result: CheckResult): string {
  const location = locate(run, result.operationId);
  const fields: Array<[string, string]> = [];
  if (result.message) fields.push(['message', result.message]);
  if (result.expected !== undefined) fields.push(['expected', result.expected]);
  if (result.actual !== undefined) fields.push(['actual', result.actual]);
  if (result.pointer !== undefined) fields.push(['pointer', result.pointer === '' ? '(the whole body)' : result.pointer]);
  if (location) fields.push(['contract', `${formatLocation(location)} (${location.method} ${location.path})`]);
  fields.push(['check', `${result.check} (${result.id})`]);
  return `<div class="card failure">
<h3>${escapeHtml(result.operationId)}: ${escapeHtml(result.title)}</h3>
<dl>${fields.map(([label, value]) => `<dt>${label}</dt><dd>${label === 'message' ? escapeHtml(value) : `<code>${escapeHtml(value)}</code>`}</dd>`).join('')}</dl>
${result.schemaExcerpt ? `<details open><summary>documented schema</summary><pre class="schema">${escapeHtml(result.schemaExcerpt)}</pre></details>` : ''}
${result.exchange ? renderExchange(result.exchange) : ''}
</div>`;
}

function renderExchange(exchange: ExchangeRecord): string {
  const { request, response } = exchange;
  const headers = (values: Readonly<Record<string, string>>): string => Object.entries(values).map(([name, value]) => `${name}: ${value}`).join('\n');
  const body = (value: unknown): string => {
    const text = bodyToText(value);
    return text === undefined ? '' : `\n\n${truncate(text, BODY_LIMIT)}`;
  };
  const requestText = `${request.method.toUpperCase()} ${request.url}\n${headers(request.headers)}${body(request.body)}`;
  const responseText = response
    ? `${response.status} in ${formatDuration(response.durationMs)}\n${headers(response.headers)}${body(response.body)}`
    : `no response: ${exchange.error ?? 'unknown error'}`;
  return `<details open><summary>request</summary><pre class="request">${escapeHtml(requestText)}</pre></details>
<details open><summary>response</summary><pre class="response">${escapeHtml(responseText)}</pre></details>
<details><summary>reproduce with curl</summary><pre class="curl">${escapeHtml(toCurl(request))}</pre>
<p class="meta">Credentials are shown as [REDACTED]: put your own in before running it.</p></details>`;
}

function renderCaseTable(run: RunRecord, cases: readonly CheckCase[]): string {
  const rows = cases.map((testCase) => {
    const location = locate(run, testCase.operationId);
    const note = testCase.results.length === 0
      ? NOT_APPLIED_MESSAGE
      : `${plural(testCase.results.length, 'result')}${testCase.status === 'fail' ? `, ${testCase.results.filter((r) => r.status === 'fail').length} failed` : ''}`;
    return `<tr><td><code>${escapeHtml(testCase.operationId)}</code></td><td><code>${escapeHtml(testCase.check)}</code></td>` +
      `<td class="s-${testCase.status}">${testCase.status}</td><td>${escapeHtml(note)}</td>` +
      `<td>${location ? `<code>${escapeHtml(formatLocation(location))}</code>` : ''}</td></tr>`;
  });
  return `<table><thead><tr><th>operation</th><th>check</th><th>status</th><th>results</th><th>contract</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>`;
}

/**
 * Text as HTML shows it literally, in element content and in quoted attributes. Control characters a
 * server sent (ESC, NUL: not allowed in HTML) are shown as visible `\u001b`-style escapes.
 */
export function escapeHtml(text: string): string {
  return printable(text).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
