import { resolve } from 'node:path';
import { XMLBuilder } from 'fast-xml-parser';
import type { CheckResult, Reporter, RunSummary } from '../runner/events.ts';
import { type RunRecord, summaryOf } from './collect.ts';
import { createFileReporter } from './file-reporter.ts';
import { bodyToText, truncate } from './format.ts';

export interface JunitReporterOptions {
  /** Folder of the report; created (recursively) if missing. */
  readonly outDir: string;
  /** Defaults to `junit.xml`. */
  readonly fileName?: string;
}

export const JUNIT_REPORT_FILE = 'junit.xml';
export const JUNIT_SUITES_NAME = 'harness conformance';
/** Name of the test case that stands for a run that could not be completed (exit code 2). */
export const JUNIT_RUN_CASE = 'conformance run';

/** How much of a body a failure's text keeps. */
const BODY_LIMIT = 4000;
/** How long a `message` attribute may be. */
const MESSAGE_LIMIT = 1000;

type XmlNode = Record<string, unknown>;

/**
 * Writes JUnit XML for CI (Jenkins, GitLab...): one `<testsuite>` per run, one `<testcase>` per check.
 * Failures carry the exchange that shows them; skips are `<skipped>`; warnings pass, with a `WARNING:`
 * line in `<system-out>`, so they never fail a pipeline. A run that could not be completed gets an
 * `<error>` test case saying why.
 */
export function createJunitReporter(options: JunitReporterOptions): Reporter {
  return createFileReporter(resolve(options.outDir, options.fileName ?? JUNIT_REPORT_FILE), renderJunit);
}

/** The JUnit XML document for `runs`. */
export function renderJunit(runs: readonly RunRecord[]): string {
  const suites = runs.map(renderSuite);
  const totals = suites.reduce(
    (sum, suite) => ({
      tests: sum.tests + suite.tests,
      failures: sum.failures + suite.failures,
      errors: sum.errors + suite.errors,
      skipped: sum.skipped + suite.skipped,
      ms: sum.ms + suite.ms,
    }),
    { tests: 0, failures: 0, errors: 0, skipped: 0, ms: 0 },
  );
  const document: XmlNode = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': JUNIT_SUITES_NAME,
      '@_tests': String(totals.tests),
      '@_failures': String(totals.failures),
      '@_errors': String(totals.errors),
      '@_skipped': String(totals.skipped),
      '@_time': seconds(totals.ms),
      ...(suites.length > 0 ? { testsuite: suites.map((suite) => suite.node) } : {}),
    },
  };
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    textNodeName: '#text',
    format: true,
    indentBy: '  ',
    suppressEmptyNode: true,
    processEntities: true,
  });
  return builder.build(document) as string;
}

interface SuiteResult {
  readonly node: XmlNode;
  readonly tests: number;
  readonly failures: number;
  readonly errors: number;
  readonly skipped: number;
  readonly ms: number;
}

function renderSuite(run: RunRecord): SuiteResult {
  const summary = summaryOf(run);
  const testcases = run.checks.map((check) => renderCase(run.contractId, check));
  let errors = 0;
  if (summary.exitCode === 2 || summary.fatal !== undefined) {
    errors = 1;
    const reason = summary.fatal ?? 'the run could not be completed';
    testcases.push({
      '@_classname': xmlText(run.contractId),
      '@_name': JUNIT_RUN_CASE,
      '@_time': seconds(0),
      error: { '@_message': attribute(reason), '@_type': 'fatal', '#text': xmlText(reason) },
    });
  }
  const failures = run.checks.filter((check) => check.status === 'fail').length;
  const skipped = run.checks.filter((check) => check.status === 'skip').length;
  const timestamp = junitTimestamp(summary.startedAt);
  const node: XmlNode = {
    '@_name': xmlText(run.contractId),
    '@_tests': String(testcases.length),
    '@_failures': String(failures),
    '@_errors': String(errors),
    '@_skipped': String(skipped),
    '@_time': seconds(summary.durationMs),
    ...(timestamp ? { '@_timestamp': timestamp } : {}),
    properties: { property: suiteProperties(summary) },
    ...(testcases.length > 0 ? { testcase: testcases } : {}),
  };
  return { node, tests: testcases.length, failures, errors, skipped, ms: summary.durationMs };
}

function suiteProperties(summary: RunSummary): XmlNode[] {
  const { operations, statuses } = summary.coverage;
  const properties: Array<[string, string]> = [
    ['contract.title', summary.contractTitle],
    ['base.url', summary.baseUrl],
    ['coverage.operations', `${operations.exercised}/${operations.total}`],
    ['coverage.statuses', `${statuses.exercised}/${statuses.total}`],
  ];
  if (operations.missing.length > 0) properties.push(['coverage.operations.missing', operations.missing.join(', ')]);
  if (statuses.missing.length > 0) properties.push(['coverage.statuses.missing', statuses.missing.join(', ')]);
  properties.push(['exit.code', String(summary.exitCode)]);
  return properties.map(([name, value]) => ({ '@_name': name, '@_value': attribute(value, Number.POSITIVE_INFINITY) }));
}

function renderCase(contractId: string, check: CheckResult): XmlNode {
  const node: XmlNode = {
    '@_classname': xmlText(`${contractId}.${check.operationId || 'run'}`),
    '@_name': xmlText(check.title),
    '@_time': seconds(check.durationMs),
  };
  switch (check.status) {
    case 'fail':
      node.failure = {
        '@_message': attribute(failureMessage(check)),
        '@_type': xmlText(check.check),
        '#text': xmlText(failureText(check)),
      };
      break;
    case 'skip':
      node.skipped = check.message ? { '@_message': attribute(check.message) } : '';
      break;
    case 'warn':
      node['system-out'] = xmlText(`WARNING: ${check.message ?? check.title}`);
      break;
    case 'pass':
      break;
  }
  return node;
}

function failureMessage(check: CheckResult): string {
  if (check.message) return check.message;
  if (check.expected !== undefined || check.actual !== undefined) {
    return `expected ${check.expected ?? '?'}, got ${check.actual ?? '?'}`;
  }
  return check.title;
}

/** The text of a `<failure>`: what a person needs to see why the check failed. */
function failureText(check: CheckResult): string {
  const lines: string[] = [];
  const field = (label: string, value: string): void => {
    lines.push(`${`${label}:`.padEnd(10)}${value.split('\n').join(`\n${' '.repeat(10)}`)}`);
  };
  if (check.message) lines.push(check.message, '');
  const exchange = check.exchange;
  if (exchange) {
    const { request, response } = exchange;
    field('request', `${request.method.toUpperCase()} ${request.url}`);
    for (const [name, value] of Object.entries(request.headers)) lines.push(`  ${name}: ${value}`);
    const requestBody = bodyToText(request.body);
    if (requestBody !== undefined) lines.push(indent(truncate(requestBody, BODY_LIMIT), '  '));
    if (response) {
      field('response', `${response.status} in ${Math.round(response.durationMs)} ms`);
      const responseBody = bodyToText(response.body);
      if (responseBody !== undefined) lines.push(indent(truncate(responseBody, BODY_LIMIT), '  '));
    }
    if (exchange.error) field('error', exchange.error);
  }
  if (check.expected !== undefined) field('expected', check.expected);
  if (check.actual !== undefined) field('actual', check.actual);
  if (check.pointer !== undefined) field('pointer', check.pointer === '' ? '(the whole body)' : check.pointer);
  field('check', `${check.check} (${check.id})`);
  return lines.join('\n');
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

/** Seconds with at most three decimals, the form JUnit's schema takes. */
function seconds(ms: number): string {
  return (Math.max(0, Number.isFinite(ms) ? ms : 0) / 1000).toFixed(3);
}

/** `2025-01-31T12:00:00`: JUnit's schema wants an ISO 8601 date-time without zone; this one is UTC. */
function junitTimestamp(iso: string): string | undefined {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return undefined;
  return new Date(time).toISOString().slice(0, 19);
}

/** An attribute value: one line (parsers fold line breaks in attributes anyway), bounded, XML-safe. */
function attribute(text: string, limit = MESSAGE_LIMIT): string {
  const oneLine = text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  return xmlText(Number.isFinite(limit) ? truncate(oneLine, limit) : oneLine);
}

/**
 * Text XML 1.0 can hold. The builder escapes `<`, `&`, quotes...; characters XML cannot hold at all
 * (control characters such as ESC, lone surrogates) become visible `\u001b`-style escapes.
 */
export function xmlText(text: string): string {
  return text.replace(
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
