import type { Options } from 'ajv';

/**
 * ajv (`allErrors`) gathers the errors of a `$ref`'d schema with `vErrors = vErrors.concat(ref.errors)`:
 * each failing reference copies every error gathered so far, so a body of n items that each break a
 * referenced schema costs O(n²) (100,000 `{}` against `items: {$ref: Item}` held the mock's one thread for
 * 80 s; a runner reading such an answer, for minutes). This rewrites that statement of the generated code to
 * append in place: the same errors in the same order, in linear time.
 *
 * Every ajv instance that gathers all errors takes it: values' validators through numeric-text.ts's
 * `generatedCodeProcess`, the meta-schema's through `code: { ...LINEAR_ERRORS }`.
 */
export function appendErrorsInPlace(code: string): string {
  return code.replace(CONCAT_ERRORS, (_, source: string) =>
    `if (vErrors === null) vErrors = ${source}.errors; else for (let i = 0, e = ${source}.errors; i < e.length; i++) vErrors.push(e[i]);`);
}

// `names.vErrors` and ajv's `addErrorsFrom` (vocabularies/core/ref.js): one assignment statement per call site.
const CONCAT_ERRORS = /vErrors = vErrors === null \? ([\w$]+)\.errors : vErrors\.concat\(\1\.errors\);/g;

/** The `code` option that applies the rewrite (spread it beside other `code` options). */
export const LINEAR_ERRORS = { process: appendErrorsInPlace } as const satisfies Options['code'];
