import { parseArgs } from 'node:util';
import { ContractError } from '../contract/errors.ts';
import type { ContractModel } from '../contract/model.ts';
import { loadContract } from '../contract/registry.ts';
import { createReporters, isReporterName, REPORTER_NAMES, type ReporterName } from '../report/index.ts';
import { runConformance } from '../runner/engine.ts';
import { EXIT, writeLine, type CommandIO } from './io.ts';

export const CHECK_HELP = `Usage: harness check --contract <id|file> --base-url <url> [options]

Checks a running server against a contract: plans create -> read -> update -> read -> list/count ->
actions -> delete -> read-gives-404 workflows from the contract, provokes every documented error
status, and validates statuses, content types, headers, bodies and the contract's behaviour rules.

  --contract <id|file>       a bundled contract id or a contract file (repeatable)
  --base-url <url>           the API's base URL, the equivalent of the contract's server URL; with
                             several contracts, "{contract}" in it is replaced by each contract's id
  --token <token>            credential in the contract's scheme (default: a generated example token)
  --token-2 <token>          a second identity, for isolation, ownership and join-by-another-user checks
                             (without it those checks are skipped)
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
  --help                     show this help

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

interface CheckArguments {
  readonly contracts: string[];
  readonly baseUrl: string;
  readonly token?: string;
  readonly token2?: string;
  readonly pathParams: Record<string, string>;
  readonly allowDestructive: boolean;
  readonly reporters: ReporterName[];
  readonly out: string;
  readonly timeoutMs: number;
  readonly seed: number;
  readonly only: string[];
}

class CheckUsageError extends Error {}

/**
 * `harness check`: parses the arguments, loads the contracts, runs each against its base URL into the
 * reporters, and returns the exit code (the worst of the runs'). Never throws.
 *
 * @example
 * await runCheckCommand(['--contract', 'game-sessions', '--base-url', 'http://127.0.0.1:4010/game-sessions'], process);
 */
export async function runCheckCommand(args: string[], io: CommandIO): Promise<number> {
  let parsed: CheckArguments | 'help';
  try {
    parsed = parseCheckArguments(args);
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
  return runAll(contracts, parsed, io);
}

async function runAll(contracts: readonly ContractModel[], args: CheckArguments, io: CommandIO): Promise<number> {
  const summaryFile = (io.env ?? process.env).GITHUB_STEP_SUMMARY;
  const reporter = createReporters(args.reporters, { outDir: args.out, stream: io.stdout, ...(summaryFile ? { githubSummaryFile: summaryFile } : {}) });
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

function parseCheckArguments(args: string[]): CheckArguments | 'help' {
  const { values } = parseArgs({
    args,
    options: {
      contract: { type: 'string', multiple: true },
      'base-url': { type: 'string' },
      token: { type: 'string' },
      'token-2': { type: 'string' },
      'path-param': { type: 'string', multiple: true },
      'allow-destructive': { type: 'boolean' },
      reporter: { type: 'string', multiple: true },
      out: { type: 'string', default: 'reports' },
      timeout: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '1' },
      only: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return 'help';
  const contracts = values.contract ?? [];
  if (contracts.length === 0) throw new CheckUsageError('--contract is required.');
  const baseUrl = values['base-url'];
  if (!baseUrl) throw new CheckUsageError('--base-url is required.');
  if (!isHttpUrl(baseUrl.replaceAll('{contract}', 'x'))) throw new CheckUsageError(`--base-url must be an http(s) URL, got "${baseUrl}".`);
  const reporters = values.reporter ?? ['console'];
  const unknown = reporters.filter((name) => !isReporterName(name));
  if (unknown.length > 0) throw new CheckUsageError(`unknown reporter "${unknown[0]}"; known: ${REPORTER_NAMES.join(', ')}.`);
  const tokens = { token: nonEmpty('--token', values.token), token2: nonEmpty('--token-2', values['token-2']) };
  return {
    contracts,
    baseUrl,
    ...tokens,
    pathParams: parsePathParams(values['path-param'] ?? []),
    allowDestructive: values['allow-destructive'] === true,
    reporters: reporters as ReporterName[],
    out: values.out,
    timeoutMs: integer('--timeout', values.timeout, 1, 3_600_000),
    seed: integer('--seed', values.seed, 0, 2 ** 31),
    only: values.only ?? [],
  };
}

function parsePathParams(pairs: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new CheckUsageError(`--path-param must be name=value, got "${pair}".`);
    result[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return result;
}

function integer(flag: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(value) || value < min || value > max) {
    throw new CheckUsageError(`${flag} must be an integer from ${min} to ${max}, got "${raw}".`);
  }
  return value;
}

function nonEmpty(flag: string, value: string | undefined): string | undefined {
  if (value !== undefined && value.trim() === '') throw new CheckUsageError(`${flag} must not be empty.`);
  return value;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
