import { Ajv2020, type Options } from 'ajv/dist/2020.js';
import { LINEAR_ERRORS } from './linear-errors.ts';
import type { ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';

/** The JSON Schema dialect every harness ajv uses by default. */
export const DRAFT_2020 = 'https://json-schema.org/draft/2020-12/schema';

/** The meta-schema's validator: a schema in, true when it is valid (ajv's `errors` set when it is not). */
export interface MetaSchemaCheck {
  (schema: unknown): boolean;
  errors?: readonly ErrorObject[] | null;
}

let checker: Ajv2020 | undefined;
let compiled: MetaSchemaCheck | undefined;

/**
 * Whether a schema is valid JSON Schema 2020-12, as an ajv created with `validateSchema: true` checks it
 * before compiling (same formats, all errors). Each ajv instance compiles the meta-schema once for itself
 * (~20 ms); the contract compilers turn that off and ask this one instance instead, so a process compiles
 * it once, or never when the build's compiled validator is installed (useCompiledMetaSchema). A schema
 * naming another `$schema` is left to its own ajv (undefined: not decided here). `check`: null compiles it.
 */
export function schemaProblems(schema: unknown, check: MetaSchemaCheck | null = compiled ?? null): string | undefined | null {
  if (schema !== null && typeof schema === 'object' && '$schema' in schema) {
    const dialect = (schema as { $schema?: unknown }).$schema;
    if (dialect !== DRAFT_2020 && dialect !== `${DRAFT_2020}#`) return undefined;
  }
  if (check !== null && (typeof schema === 'boolean' || (typeof schema === 'object' && schema !== null))) {
    // What ajv's validateSchema does with the meta-schema's validator: a boolean schema is always valid.
    if (typeof schema === 'boolean' || check(schema)) return null;
    return `schema is invalid: ${errorsText(check.errors)}`;
  }
  checker ??= createMetaSchemaAjv();
  if (checker.validateSchema(schema as object) === true) return null;
  return `schema is invalid: ${checker.errorsText(checker.errors)}`;
}

/**
 * The build's compiled meta-schema validator when it is installed and decides this schema (no `$schema`, or
 * 2020-12's), else undefined: contract/schema-syntax.ts then asks its own ajv.
 */
export function compiledMetaSchemaFor(schema: object): MetaSchemaCheck | undefined {
  if (compiled === undefined) return undefined;
  if ('$schema' in schema && (schema as { $schema?: unknown }).$schema !== DRAFT_2020 && (schema as { $schema?: unknown }).$schema !== `${DRAFT_2020}#`) return undefined;
  return compiled;
}

/**
 * Uses the meta-schema's validator compiled to code by the build (ajv standalone, from createMetaSchemaAjv:
 * the same checks and errors) instead of compiling it on the first schema: checked-documents.ts installs it.
 */
export function useCompiledMetaSchema(check: MetaSchemaCheck): void {
  compiled = check;
}

/**
 * The ajv that checks schemas against the meta-schema; `code` options let the build compile it to code
 * (their `process`, if any, gives way to the linear error gathering).
 */
export function createMetaSchemaAjv(code?: Options['code']): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false, code: { ...code, ...LINEAR_ERRORS } });
  addFormats.default(ajv);
  return ajv;
}

/** ajv's `errorsText` (its default separator and data name). */
function errorsText(errors: readonly ErrorObject[] | null | undefined): string {
  if (!errors || errors.length === 0) return 'No errors';
  return errors.map((error) => `data${error.instancePath} ${error.message}`).join(', ');
}
