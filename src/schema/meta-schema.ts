import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** The JSON Schema dialect every harness ajv uses by default. */
const DRAFT_2020 = 'https://json-schema.org/draft/2020-12/schema';

let checker: Ajv2020 | undefined;

/**
 * Whether a schema is valid JSON Schema 2020-12, as an ajv created with `validateSchema: true` checks it
 * before compiling (same formats, all errors). Each ajv instance compiles the meta-schema once for itself
 * (~20 ms); the contract compilers turn that off and ask this one instance instead, so a process compiles
 * it once. A schema naming another `$schema` is left to its own ajv (undefined: not decided here).
 */
export function schemaProblems(schema: unknown): string | undefined | null {
  if (schema !== null && typeof schema === 'object' && '$schema' in schema) {
    const dialect = (schema as { $schema?: unknown }).$schema;
    if (dialect !== DRAFT_2020 && dialect !== `${DRAFT_2020}#`) return undefined;
  }
  checker ??= createChecker();
  if (checker.validateSchema(schema as object) === true) return null;
  return `schema is invalid: ${checker.errorsText(checker.errors)}`;
}

function createChecker(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv;
}
