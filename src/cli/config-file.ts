import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { LINEAR_ERRORS } from '../schema/linear-errors.ts';
import { parse as parseYaml } from 'yaml';
import { UsageError } from './io.ts';
import { splitPointer } from '../shared/json-pointer.ts';

/** Looked for in this order in each folder, from the current one up to the root. */
export const CONFIG_FILE_NAMES = ['harness.config.yaml', 'harness.config.yml', 'harness.config.json'] as const;

const SCHEMA_FILE = fileURLToPath(new URL('../../schemas/harness-config.schema.json', import.meta.url));

/** The `check` section of a config file, as the schema describes it. */
export interface CheckConfig {
  readonly contract?: string | string[];
  readonly baseUrl?: string;
  readonly token?: string;
  readonly token2?: string;
  readonly credentials?: Record<string, string>;
  readonly credentials2?: Record<string, string>;
  readonly pathParams?: Record<string, string>;
  readonly headers?: Record<string, string>;
  readonly allowDestructive?: boolean;
  readonly reporters?: string[];
  readonly out?: string;
  readonly timeoutMs?: number;
  readonly seed?: number;
  readonly only?: string[];
  readonly waitForTargetSeconds?: number;
  readonly maxFailures?: number;
  readonly verbose?: boolean;
}

export interface LoadedConfig {
  readonly file: string;
  readonly check: CheckConfig;
}

let validator: ReturnType<Ajv2020['compile']> | undefined;

/** The nearest config file from `cwd` upwards, or `undefined`. */
export function findConfigFile(cwd: string): string | undefined {
  let folder = resolve(cwd);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(folder, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}

/**
 * Reads and validates a config file against `schemas/harness-config.schema.json`; a problem throws a
 * UsageError naming the file and the key.
 *
 * @example
 * loadConfigFile('/repo/harness.config.yaml').check.baseUrl; // 'http://127.0.0.1:8080'
 */
export function loadConfigFile(file: string): LoadedConfig {
  let data: unknown;
  try {
    const text = readFileSync(file, 'utf8');
    data = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new UsageError(`Failed to read the config file ${file}: ${(error as Error).message}`);
  }
  data ??= {};
  validator ??= new Ajv2020({ allErrors: true, strict: true, code: LINEAR_ERRORS }).compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object);
  if (!validator(data)) {
    const problems = (validator.errors ?? []).map(describeError);
    throw new UsageError(`Invalid config file ${file}:\n${[...new Set(problems)].map((p) => `  ${p}`).join('\n')}`);
  }
  return { file, check: ((data as { check?: CheckConfig }).check ?? {}) };
}

function describeError(error: ErrorObject): string {
  const params = error.params as { additionalProperty?: string; allowedValues?: unknown[] };
  const key = splitPointer(error.instancePath).join('.');
  if (params.additionalProperty !== undefined) {
    return `${key ? `${key}.` : ''}${params.additionalProperty}: unknown key`;
  }
  const allowed = params.allowedValues ? ` (${params.allowedValues.join(', ')})` : '';
  return `${key || '(top level)'}: ${error.message ?? 'is invalid'}${allowed}`;
}
