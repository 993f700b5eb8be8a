import { resolve } from 'node:path';
import { XMLBuilder } from 'fast-xml-parser';
import type { CheckResult, Reporter, RunSummary } from '../runner/events.ts';
import { type CheckCase, groupIntoCases, NOT_APPLIED_MESSAGE } from './cases.ts';
import { type RunRecord, summaryOf } from './collect.ts';
import { createFileReporter } from './file-reporter.ts';
import { bodyToText, truncate } from './format.ts';
import { displayPath, formatLocation, locate, type SourceLocation } from './location.ts';

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
 * Writes JUnit XML for CI (Jenkins, GitLab, GitHub test reporters), valid against Jenkins' junit-10.xsd:
 * one `<testsuite>` per run and one `<testcase>` per (operation, check), named after the check, so the
 * list of test cases does not change with the number of violations. A case fails if any of its results
 * failed, and its failure lists them all with the exchanges that show them; a case whose results were all
 * skipped is `<skipped>`; warnings pass, with `WARNING:` lines in `<system-out>`, so they never fail a
 * pipeline. Every case names the operation's place in the contract (`file:line`) in `<system-out>` (the
 * schema has no attribute for it). A run that could not be completed gets an `<error>` test case.
 */
export function createJunitReporter(options: JunitReporterOptions): Reporter {
  return createFileReporter(resolve(options.outDir, options.fileName ?? JUNIT_REPORT_FILE), renderJunit);
}

/** The JUnit XML document for `runs`. */
export function renderJunit(runs: readonly RunRecord[]): string {
  const seen = new Map<string, number>();
  const suites = runs.map((run) => {
    // The same contract run twice into one report: its second suite gets `#2` so test ids stay unique.
    const n = (seen.get(run.contractId) ?? 0) + 1;
    seen.set(run.contractId, n);
    return renderSuite(run, n === 1 ? run.contractId : `${run.contractId}#${n}`);
  });
  const totals = suites.reduce(
    (sum, suite) => ({
      tests: sum.tests + suite.tests,
      failures: sum.failures + suite.failures,
      errors: sum.errors + suite.errors,
      ms: sum.ms + suite.ms,
    }),
    { tests: 0, failures: 0, errors: 0, ms: 0 },
  );
  // junit-10.xsd allows no `skipped` on <testsuites>; the suites carry it.
  const document: XmlNode = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': JUNIT_SUITES_NAME,
      '@_tests': String(totals.tests),
      '@_failures': String(totals.failures),
      '@_errors': String(totals.errors),
      // Runs go one after another, so the real duration of the whole is the sum of theirs.
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
  readonly ms: number;
}

function renderSuite(run: RunRecord, suiteName: string): SuiteResult {
  const summary = summaryOf(run);
  const cases = groupIntoCases(run.checks, run.plannedChecks);
  const testcases = cases.map((testCase) => renderCase(suiteName, testCase, locate(run, testCase.operationId)));
  let errors = 0;
  if (summary.exitCode === 2 || summary.fatal !== undefined) {
    errors = 1;
    const reason = summary.fatal ?? 'the run could not be completed';
    testcases.push({
      '@_classname': xmlText(suiteName),
      '@_name': JUNIT_RUN_CASE,
      '@_time': seconds(0),
      error: { '@_message': attribute(reason), '@_type': 'fatal', '#text': xmlText(reason) },
    });
  }
  const failures = cases.filter((c) => c.status === 'fail').length;
  const skipped = cases.filter((c) => c.status === 'skip').length;
  const timestamp = junitTimestamp(summary.startedAt);
  const contractFile = [...run.operations.values()][0]?.file;
  const node: XmlNode = {
    '@_name': xmlText(suiteName),
    '@_tests': String(testcases.length),
    '@_failures': String(failures),
    '@_errors': String(errors),
    '@_skipped': String(skipped),
    '@_time': seconds(summary.durationMs),
    ...(timestamp ? { '@_timestamp': timestamp } : {}),
    ...(contractFile ? { '@_file': xmlText(displayPath(contractFile)) } : {}),
    properties: { property: suiteProperties(summary) },
    ...(testcases.length > 0 ? { testcase: testcases } : {}),
  };
  return { node, tests: testcases.length, failures, errors, ms: summary.durationMs };
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
  if (summary.stopped !== undefined) properties.push(['stopped', summary.stopped]);
  return properties.map(([name, value]) => ({ '@_name': name, '@_value': attribute(value, Number.POSITIVE_INFINITY) }));
}

function renderCase(suiteName: string, testCase: CheckCase, location: SourceLocation | undefined): XmlNode {
  const node: XmlNode = {
    '@_classname': xmlText(`${suiteName}.${testCase.operationId || 'run'}`),
    '@_name': xmlText(testCase.check),
    '@_time': seconds(testCase.durationMs),
  };
  const where = location ? `${formatLocation(location)} (${location.method} ${location.path})` : undefined;
  const failed = testCase.results.filter((r) => r.status === 'fail');
  if (testCase.status === 'fail') {
    const texts = failed.map((check, index) => {
      const heading = failed.length > 1 ? `--- ${index + 1} of ${failed.length}: ${check.title}\n` : `${check.title}\n`;
      return heading + failureText(check);
    });
    node.failure = {
      '@_message': attribute(failed.length === 1 ? failureMessage(failed[0]) : `${failed.length} failures: ${failed.map(failureMessage).join('; ')}`),
      '@_type': xmlText(testCase.check),
      '#text': xmlText([...(where ? [`contract: ${where}`, ''] : []), texts.join('\n\n')].join('\n')),
    };
  } else if (testCase.status === 'skip') {
    const message = testCase.results.length === 0 ? NOT_APPLIED_MESSAGE : testCase.results.find((r) => r.message)?.message;
    node.skipped = message ? { '@_message': attribute(message) } : '';
  }
  node['system-out'] = xmlText(caseOutput(testCase, where));
  return node;
}

/** What a person reading the case wants besides the failure: where the operation is, what was judged. */
function caseOutput(testCase: CheckCase, where: string | undefined): string {
  const lines: string[] = [];
  if (where) lines.push(`contract: ${where}`);
  for (const result of testCase.results) {
    if (result.status === 'warn') lines.push(`WARNING: ${result.message ?? result.title}`);
    else if (result.status === 'skip') lines.push(`skipped: ${result.title}${result.message ? ` (${result.message})` : ''}`);
    else lines.push(`${result.status === 'pass' ? 'passed' : 'failed'}: ${result.title}`);
  }
  return lines.join('\n');
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
  if (check.schemaExcerpt !== undefined) field('schema', truncate(check.schemaExcerpt, BODY_LIMIT));
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
