import { resolve } from 'node:path';
import { ContractError } from '../contract/errors.ts';
import type { ContractModel } from '../contract/model.ts';
import { loadContract } from '../contract/registry.ts';
import { formatDuration } from '../report/format.ts';
import { createReporters, REPORTER_NAMES } from '../report/index.ts';
import { describePlan, formatPlan } from '../runner/describe-plan.ts';
import { runConformance } from '../runner/engine.ts';
import { type CheckArguments, resolveCheckArguments } from './check-options.ts';
import { EXIT, writeLine, type CommandIO } from './io.ts';
import { waitForTarget } from './wait-for-target.ts';

export const CHECK_HELP = `Usage: harness check --contract <id|file> --base-url <url> [options]

Checks a running server against a contract: plans create -> read -> update -> read -> list/count ->
actions -> delete -> read-gives-404 workflows from the contract, provokes every documented error
status, and validates statuses, content types, headers, bodies and the contract's behaviour rules.

  --contract <id|file>       a bundled contract id or a contract file (repeatable)
  --base-url <url>           the API's base URL, the equivalent of the contract's server URL; with
                             several contracts, "{contract}" in it is replaced by each contract's id
                             (env HARNESS_BASE_URL)
  --token <token>            credential in the contract's scheme (env HARNESS_TOKEN; default: a
                             generated example token)
  --token-2 <token>          a second identity, for isolation, ownership and join-by-another-user checks
                             (env HARNESS_TOKEN_2; without it those checks are skipped)
  --credential <scheme=value>
                             the credential for one security scheme of the contract, by its name under
                             components.securitySchemes (repeatable): for operations that need several
                             schemes at once or schemes that take different secrets; a scheme without
                             one gets --token. Redacted from reports like a token
  --credential-2 <scheme=value>
                             the same for the second identity (as --token-2)
  --header <name=value>      an extra header on every request, e.g. a gateway key (repeatable; its
                             value is redacted from reports like a token; not a header the
                             contract's security scheme uses: give that credential with --token)
  --path-param <name=value>  a value for a path parameter the API cannot create, such as a project or
                             app name (repeatable; default: a generated value)
  --allow-destructive        also send operations the contract marks destructive (e.g. truncate)
  --reporter <name>          ${REPORTER_NAMES.join(' | ')} (repeatable; default console):
                             json -> <out>/conformance.json, junit -> <out>/junit.xml,
                             html -> <out>/conformance.html, github -> ::error annotations on
                             stdout and a summary appended to $GITHUB_STEP_SUMMARY when it is set
  --out <dir>                where the json, junit and html reporters write (default reports)
  --timeout <ms>             per-request timeout (default 10000)
  --seed <n>                 seed of generated bodies and values: the same seed repeats a run (default 1)
  --only <operationId|tag>   check only these operations (repeatable); their prerequisites still run
  --wait-for-target <s>      first poll the base URL until it answers anything, for at most <s>
                             seconds (exit 2 if it never does): for a server that is still starting
  --max-failures <n>         stop the run (and clean up) after <n> failed checks; the reports say so
  --verbose                  console: every check, durations, request headers and responses
  --config <file>            read defaults from this file instead of the nearest harness.config.yaml
                             or harness.config.json from the current folder up
  --dry-run                  print the planned steps and exit 0; nothing is sent
  --help                     show this help

Precedence: flags, then environment variables, then the config file (schema:
schemas/harness-config.schema.json in the package; keys under "check", e.g. baseUrl, reporters).
On a console that is not a terminal (CI logs), a line is printed per operation as it finishes,
failures in full, passes only counted unless --verbose.

Exit codes: 0 every check passed (warnings allowed), 1 a check failed, 2 usage error, unreadable
contract, or the target could not be reached.

Example, against the bundled mock:
  harness mock --port 4010 &
  harness check --contract gigs-connect-sessions \\
      --base-url http://127.0.0.1:4010/gigs-connect-sessions \\
      --token sk_test_alice --token-2 sk_test_bob --path-param project=demo
  harness check --contract game-sessions --contract make-sdk-connections \\
      --base-url 'http://127.0.0.1:4010/{contract}' --reporter console --reporter junit --out reports
`;

/**
 * `harness check`: resolves the options (flags > environment > config file), loads the contracts, waits
 * for the target when asked, runs each contract against its base URL into the reporters, and returns
 * the exit code (the worst of the runs'). Never throws.
 *
 * @example
 * await runCheckCommand(['--contract', 'game-sessions', '--base-url', 'http://127.0.0.1:4010/game-sessions'], process);
 */
/** What `(x-inferred)` on a planned step means, said once under the plan. */
export const INFERRED_NOTE = '(x-inferred): the expected status is inferred from the document, not declared with x-harness: a different one gives a warning, not a failure.';

export async function runCheckCommand(args: string[], io: CommandIO): Promise<number> {
  let parsed: CheckArguments | 'help';
  try {
    parsed = resolveCheckArguments(args, io.env ?? process.env, io.cwd ?? process.cwd());
  } catch (error) {
    writeLine(io.stderr, `harness check: ${(error as Error).message}`);
    writeLine(io.stderr, 'Run "harness check --help" for usage.');
    return EXIT.usage;
  }
  if (parsed === 'help') {
    io.stdout.write(CHECK_HELP);
    return EXIT.ok;
  }
  const contracts: ContractModel[] = [];
  for (const id of parsed.contracts) {
    try {
      contracts.push(await loadContract(id));
    } catch (error) {
      writeLine(io.stderr, error instanceof ContractError ? error.message : `harness check: Failed to load contract ${id}: ${(error as Error).message}`);
      return EXIT.usage;
    }
  }
  if (parsed.dryRun) {
    const plans = contracts.map((contract) => describePlan(contract, { ...parsed, baseUrl: parsed.baseUrl.replaceAll('{contract}', contract.id) }));
    for (const plan of plans) io.stdout.write(formatPlan(plan));
    if (plans.some((plan) => plan.steps.some((step) => step.inferred))) writeLine(io.stdout, INFERRED_NOTE);
    return EXIT.ok;
  }
  const unknownScheme = unknownCredentialScheme(contracts, parsed);
  if (unknownScheme) {
    writeLine(io.stderr, `harness check: ${unknownScheme}`);
    return EXIT.usage;
  }
  const clash = credentialHeaderClash(contracts, parsed.headers);
  if (clash) {
    writeLine(io.stderr, `harness check: --header ${clash.header} carries the credential of ${clash.contract}'s "${clash.scheme}" scheme; give it with --token instead, so the checks without credentials can leave it out.`);
    return EXIT.usage;
  }
  if (parsed.waitForTargetMs !== undefined) {
    const urls = [...new Set(contracts.map((contract) => parsed.baseUrl.replaceAll('{contract}', contract.id)))];
    for (const url of urls) if (!(await waitFor(url, parsed.waitForTargetMs, io))) return EXIT.usage;
  }
  return runAll(contracts, parsed, io);
}

/** A `--credential` naming a scheme no contract declares: a typo that would otherwise send the token silently. */
function unknownCredentialScheme(contracts: readonly ContractModel[], args: CheckArguments): string | undefined {
  const known = new Set(contracts.flatMap((contract) => [...contract.securitySchemes.keys()]));
  for (const [flag, given] of [['--credential', args.credentials], ['--credential-2', args.credentials2]] as const) {
    for (const name of Object.keys(given)) {
      if (known.has(name)) continue;
      const names = [...known].map((scheme) => `"${scheme}"`).join(', ');
      return `${flag} ${name}: no security scheme of that name in ${contracts.map((c) => c.id).join(', ')}; ${known.size > 0 ? `known: ${names}` : 'it declares none'}.`;
    }
  }
  return undefined;
}

/** A `--header` that a contract's security scheme uses for credentials (an API key header, a cookie). */
function credentialHeaderClash(
  contracts: readonly ContractModel[], headers: Readonly<Record<string, string>>,
): { header: string; contract: string; scheme: string } | undefined {
  for (const contract of contracts) {
    for (const scheme of contract.operations.flatMap((operation) => operation.security.flat())) {
      const header = scheme.type !== 'apiKey' ? undefined : scheme.in === 'cookie' ? 'cookie' : scheme.in === 'query' ? undefined : (scheme.parameter ?? 'api_key').toLowerCase();
      if (header !== undefined && header in headers) return { header, contract: contract.id, scheme: scheme.name };
    }
  }
  return undefined;
}

async function waitFor(url: string, timeoutMs: number, io: CommandIO): Promise<boolean> {
  const shown = redactUrl(url);
  const result = await waitForTarget(url, { timeoutMs });
  if (result.ok) {
    if (result.attempts > 1) writeLine(io.stderr, `harness check: ${shown} answered after ${result.attempts} attempts.`);
    return true;
  }
  writeLine(io.stderr, `harness check: Failed to reach ${shown} within ${formatDuration(timeoutMs)} (${result.attempts} attempts, last: ${result.reason}). Is the server started and listening there?`);
  return false;
}

/** The URL without user info, which may hold a password. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) {
      parsed.username = '';
      parsed.password = '';
    }
    return parsed.toString();
  } catch {
    return url;
  }
}

async function runAll(contracts: readonly ContractModel[], args: CheckArguments, io: CommandIO): Promise<number> {
  const summaryFile = (io.env ?? process.env).GITHUB_STEP_SUMMARY;
  const reporter = createReporters(args.reporters, {
    outDir: resolve(io.cwd ?? process.cwd(), args.out),
    stream: io.stdout,
    verbose: args.verbose,
    ...(summaryFile ? { githubSummaryFile: summaryFile } : {}),
  });
  let exitCode: number = EXIT.ok;
  for (const contract of contracts) {
    const baseUrl = args.baseUrl.replaceAll('{contract}', contract.id);
    try {
      const summary = await runConformance(contract, { ...args, baseUrl }, (event) => reporter.onEvent(event));
      exitCode = Math.max(exitCode, summary.exitCode);
    } catch (error) {
      writeLine(io.stderr, `harness check: the run of ${contract.id} failed: ${(error as Error).message}`);
      exitCode = EXIT.usage;
    }
  }
  try {
    for (const path of await reporter.close()) writeLine(io.stdout, `report written: ${path}`);
  } catch (error) {
    writeLine(io.stderr, `harness check: Failed to write the reports: ${(error as Error).message}`);
    return EXIT.usage;
  }
  return exitCode;
}
