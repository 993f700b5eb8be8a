import { Ajv2020 } from 'ajv/dist/2020.js';
import { LINEAR_ERRORS } from '../schema/linear-errors.ts';
import type { ErrorObject } from 'ajv';
import type { ContractProblem } from './errors.ts';
import type { NormalizedSet } from './normalize.ts';
import { compiledMetaSchemaFor } from '../schema/meta-schema.ts';

/** Made on the first document that is checked (a contract the build checked never is). */
let metaAjv: Ajv2020 | undefined;

/** The meta-schema's errors for one schema, null when it is valid: the build's compiled validator when installed. */
function metaSchemaErrors(schema: object): readonly ErrorObject[] | null {
  const compiled = compiledMetaSchemaFor(schema);
  if (compiled !== undefined) return compiled(schema) ? null : compiled.errors ?? [];
  metaAjv ??= new Ajv2020({ allErrors: true, strict: false, validateFormats: false, code: LINEAR_ERRORS });
  return metaAjv.validateSchema(schema) === true ? null : metaAjv.errors ?? [];
}

/**
 * Checks every schema the document places (component schemas, parameter and media type schemas) against the
 * JSON Schema 2020-12 meta-schema, once each: `$ref`s are strings here, so the work is linear in the
 * document. A schema that breaks it names the keyword's own place: `/components/schemas/Pet/properties/age/minimum`.
 */
export function checkSchemaSyntax(normalized: NormalizedSet): ContractProblem[] {
  const problems: ContractProblem[] = [];
  for (const root of normalized.roots) {
    const errors = metaSchemaErrors(root.node as object);
    if (errors === null) continue;
    for (const error of meaningful(errors)) {
      const pointer = root.pointer + error.instancePath;
      const source = normalized.set.files.get(root.file);
      problems.push({
        pointer,
        line: source?.lineOf(pointer) ?? source?.lineOf(root.pointer),
        message: `Invalid JSON Schema: ${error.instancePath ? `${error.instancePath.slice(1)} ` : ''}${error.message ?? error.keyword}${allowed(error)}`,
        ...(root.file === normalized.set.root.file ? {} : { file: root.file }),
      });
    }
  }
  return problems;
}

function meaningful(errors: readonly ErrorObject[]): ErrorObject[] {
  const concrete = errors.filter((e) => !['anyOf', 'oneOf', '$ref', '$dynamicRef', 'if'].includes(e.keyword));
  const seen = new Set<string>();
  return (concrete.length ? concrete : [...errors]).filter((e) => {
    const key = e.instancePath;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }).slice(0, 5);
}

function allowed(error: ErrorObject): string {
  const values = (error.params as { allowedValues?: unknown[] }).allowedValues;
  return values ? ` (${values.join(', ')})` : '';
}
