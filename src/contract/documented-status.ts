/**
 * "Does the operation document this status?", the one definition. A status is documented by its own code
 * (`404`), by its class (`4XX`) or by `default`, in that order; each caller says which of these count for it,
 * by one of the named readings below.
 */

/** One way a `responses` key can document a status. */
export type DocumentedBy = 'code' | 'class' | 'default';

/** Any documented answer: the code, its class, or `default` (validating, coverage, contract errors). */
export const BY_ANY: readonly DocumentedBy[] = ['code', 'class', 'default'];
/** Documented on purpose: the code or its class, not a catch-all `default` (what the runner provokes). */
export const BY_CODE_OR_CLASS: readonly DocumentedBy[] = ['code', 'class'];
/** Only the code itself (what the mock may answer instead of another situation). */
export const BY_CODE: readonly DocumentedBy[] = ['code'];
/** Only the class or `default`: a fallback for a conventional status no code documents. */
export const BY_CLASS_OR_DEFAULT: readonly DocumentedBy[] = ['class', 'default'];

/**
 * The `responses` key that documents `status`, or undefined.
 *
 * @example
 * documentingKey(new Map([['4XX', r]]), 404);            // '4XX'
 * documentingKey(new Map([['default', r]]), 404, BY_CODE_OR_CLASS); // undefined
 */
export function documentingKey(responses: ReadonlyMap<string, unknown>, status: number, by: readonly DocumentedBy[] = BY_ANY): string | undefined {
  const code = String(status);
  if (by.includes('code') && responses.has(code)) return code;
  const range = `${code[0]}XX`;
  if (by.includes('class') && responses.has(range)) return range;
  if (by.includes('default') && responses.has('default')) return 'default';
  return undefined;
}

/** Whether `status` is documented in `responses` by one of `by`. */
export function isDocumentedStatus(responses: ReadonlyMap<string, unknown>, status: number | undefined, by: readonly DocumentedBy[] = BY_ANY): boolean {
  return status !== undefined && documentingKey(responses, status, by) !== undefined;
}

/** The response that documents `status` (code, then class, then `default`, as far as `by` allows). */
export function documentingResponse<R>(responses: ReadonlyMap<string, R>, status: number, by: readonly DocumentedBy[] = BY_ANY): R | undefined {
  const key = documentingKey(responses, status, by);
  return key === undefined ? undefined : responses.get(key);
}
