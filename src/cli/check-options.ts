import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isReporterName, REPORTER_NAMES, type ReporterName } from '../report/index.ts';
import { type CheckConfig, findConfigFile, loadConfigFile } from './config-file.ts';
import { parseIntegerFlag } from './integer.ts';
import { UsageError } from './io.ts';

/** Everything `harness check` runs with, once flags, environment and config file are merged. */
export interface CheckArguments {
  readonly contracts: string[];
  readonly baseUrl: string;
  readonly token?: string;
  readonly token2?: string;
  /** Per security scheme credentials (`--credential scheme=value`), by scheme name: they win over `token`. */
  readonly credentials: Record<string, string>;
  /** The second identity's per-scheme credentials (`--credential-2`). */
  readonly credentials2: Record<string, string>;
  readonly pathParams: Record<string, string>;
  readonly headers: Record<string, string>;
  readonly allowDestructive: boolean;
  readonly reporters: ReporterName[];
  readonly out: string;
  readonly timeoutMs: number;
  readonly seed: number;
  readonly only: string[];
  readonly waitForTargetMs?: number;
  readonly maxFailures?: number;
  readonly verbose: boolean;
  /** Print the planned steps and send nothing. */
  readonly dryRun: boolean;
  /** The config file that was read, if any. */
  readonly configFile?: string;
}

/** Headers the harness sets itself: a `--header` may not replace them. */
const RESERVED_HEADERS = new Set(['authorization', 'content-type', 'content-length', 'host']);

const FLAGS = {
  contract: { type: 'string', multiple: true },
  'base-url': { type: 'string' },
  token: { type: 'string' },
  'token-2': { type: 'string' },
  credential: { type: 'string', multiple: true },
  'credential-2': { type: 'string', multiple: true },
  'path-param': { type: 'string', multiple: true },
  header: { type: 'string', multiple: true },
  'allow-destructive': { type: 'boolean' },
  reporter: { type: 'string', multiple: true },
  out: { type: 'string' },
  timeout: { type: 'string' },
  seed: { type: 'string' },
  only: { type: 'string', multiple: true },
  'wait-for-target': { type: 'string' },
  'max-failures': { type: 'string' },
  verbose: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * Parses `harness check` arguments and fills what they leave out from the environment (`HARNESS_TOKEN`,
 * `HARNESS_TOKEN_2`, `HARNESS_BASE_URL`) and then from the nearest `harness.config.{yaml,json}`
 * (flags > environment > config file). Throws a UsageError saying what is wrong.
 *
 * @example
 * resolveCheckArguments(['--contract', 'game-sessions'], { HARNESS_BASE_URL: 'http://127.0.0.1:4010/game-sessions' }, process.cwd());
 */
export function resolveCheckArguments(args: string[], env: NodeJS.ProcessEnv, cwd: string): CheckArguments | 'help' {
  const { values } = parseArgs({ args, options: FLAGS, strict: true, allowPositionals: false });
  if (values.help) return 'help';
  const configFile = values.config !== undefined ? resolve(cwd, values.config) : findConfigFile(cwd);
  if (values.config !== undefined && !existsSync(configFile!)) throw new UsageError(`--config: no such file ${configFile}.`);
  const config: CheckConfig = configFile ? loadConfigFile(configFile).check : {};
  const configDir = configFile ? dirname(configFile) : cwd;
  const fromEnv = (name: string): string | undefined => (env[name] === undefined || env[name] === '' ? undefined : env[name]);

  const contracts = values.contract ?? toList(config.contract).map((c) => (existsSync(resolve(configDir, c)) ? resolve(configDir, c) : c));
  if (contracts.length === 0) throw new UsageError('--contract is required.');
  const baseUrl = values['base-url'] ?? fromEnv('HARNESS_BASE_URL') ?? config.baseUrl;
  if (!baseUrl) throw new UsageError('--base-url is required (or HARNESS_BASE_URL, or check.baseUrl in harness.config.yaml).');
  if (!isHttpUrl(baseUrl.replaceAll('{contract}', 'x'))) throw new UsageError(`--base-url must be an http(s) URL, got "${withoutUserInfo(baseUrl)}".`);
  if (hasUserInfo(baseUrl.replaceAll('{contract}', 'x'))) {
    // fetch refuses such URLs: every request would fail. Said once, before any is sent, without the password.
    throw new UsageError(`--base-url must not carry user:password ("${withoutUserInfo(baseUrl)}"); give credentials with --token or --credential <scheme>=<user:password>.`);
  }
  const reporters = values.reporter ?? config.reporters ?? ['console'];
  const unknown = reporters.filter((name) => !isReporterName(name));
  if (unknown.length > 0) throw new UsageError(`unknown reporter "${unknown[0]}"; known: ${REPORTER_NAMES.join(', ')}.`);
  const token = nonEmpty('--token', values.token) ?? fromEnv('HARNESS_TOKEN') ?? config.token;
  const token2 = nonEmpty('--token-2', values['token-2']) ?? fromEnv('HARNESS_TOKEN_2') ?? config.token2;
  const waitSeconds = values['wait-for-target'] !== undefined ? seconds('--wait-for-target', values['wait-for-target']) : config.waitForTargetSeconds;
  const maxFailures = values['max-failures'] !== undefined ? parseIntegerFlag('--max-failures', values['max-failures'], 1, 1_000_000) : config.maxFailures;
  return {
    contracts,
    baseUrl,
    ...(token === undefined ? {} : { token }),
    ...(token2 === undefined ? {} : { token2 }),
    credentials: credentialsOf('--credential', { ...config.credentials, ...pairs('--credential', values.credential ?? []) }),
    credentials2: credentialsOf('--credential-2', { ...config.credentials2, ...pairs('--credential-2', values['credential-2'] ?? []) }),
    pathParams: { ...config.pathParams, ...pairs('--path-param', values['path-param'] ?? []) },
    headers: headersOf({ ...lowerCaseKeys(config.headers ?? {}), ...lowerCaseKeys(pairs('--header', values.header ?? [])) }),
    allowDestructive: values['allow-destructive'] === true || config.allowDestructive === true,
    reporters: reporters as ReporterName[],
    out: values.out ?? (config.out !== undefined ? resolve(configDir, config.out) : 'reports'),
    timeoutMs: values.timeout !== undefined ? parseIntegerFlag('--timeout', values.timeout, 1, 3_600_000) : config.timeoutMs ?? 10_000,
    seed: values.seed !== undefined ? parseIntegerFlag('--seed', values.seed, 0, 2 ** 31) : config.seed ?? 1,
    only: values.only ?? config.only ?? [],
    ...(waitSeconds === undefined ? {} : { waitForTargetMs: Math.round(waitSeconds * 1000) }),
    ...(maxFailures === undefined ? {} : { maxFailures }),
    verbose: values.verbose === true || config.verbose === true,
    dryRun: values['dry-run'] === true,
    ...(configFile ? { configFile } : {}),
  };
}

function toList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

function pairs(flag: string, items: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const pair of items) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`${flag} must be name=value, got "${pair}".`);
    result[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return result;
}

function credentialsOf(flag: string, credentials: Record<string, string>): Record<string, string> {
  for (const [scheme, value] of Object.entries(credentials)) {
    if (value.trim() === '') throw new UsageError(`${flag} ${scheme}: the credential must not be empty.`);
    if (/[\r\n\0]/.test(value)) throw new UsageError(`${flag} ${scheme}: the credential must be one line.`);
  }
  return credentials;
}

function lowerCaseKeys(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([name, value]) => [name.toLowerCase(), value]));
}

function headersOf(headers: Record<string, string>): Record<string, string> {
  for (const [name, value] of Object.entries(headers)) {
    if (RESERVED_HEADERS.has(name)) throw new UsageError(`--header ${name} is set by the harness itself${name === 'authorization' ? '; use --token' : ''}.`);
    if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(name)) throw new UsageError(`--header name "${name}" is not a valid header name.`);
    if (/[\r\n\0]/.test(value)) throw new UsageError(`--header ${name}: the value must be one line.`);
  }
  return headers;
}

function seconds(flag: string, raw: string): number {
  const value = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw.trim()) || value <= 0 || value > 3600) {
    throw new UsageError(`${flag} must be a number of seconds above 0 and at most 3600, got "${raw}".`);
  }
  return value;
}

function nonEmpty(flag: string, value: string | undefined): string | undefined {
  if (value !== undefined && value.trim() === '') throw new UsageError(`${flag} must not be empty.`);
  return value;
}

function hasUserInfo(value: string): boolean {
  const url = new URL(value);
  return url.username !== '' || url.password !== '';
}

/** The URL as it may be printed: `http://u:p@host` -> `http://[REDACTED]@host`. */
function withoutUserInfo(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, '$1[REDACTED]@');
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
