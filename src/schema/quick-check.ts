import type { Validator } from './ajv.ts';
import { countValues } from '../shared/count-values.ts';
import { mentionsKeyword } from './mentions-keyword.ts';

/**
 * Calls before a validator gets its yes/no twin: a schema checked a handful of times (a start-up sample, a
 * seldom-used operation) is not compiled twice.
 */
export const QUICK_CHECK_AFTER = 32;

type DataContext = Parameters<Validator>[1];

/**
 * A validator that answers valid values through a twin compiled for the yes/no answer only (ajv's
 * `allErrors: false`, no messages): it stops at the first failure and builds no error list, which matters
 * most for a `oneOf` whose every failing branch would otherwise collect errors (a create body of 13
 * intent branches built ~10 KB of error objects per request). A value the twin refuses is validated again
 * by the full validator, whose answer and `errors` are returned: the result is the full validator's for
 * value the twin accepts, because `allErrors` changes which errors ajv reports, not whether a value is
 * valid, with one known exception the compiler keeps out (`mentionsContains`). The twin is compiled after
 * `QUICK_CHECK_AFTER` calls, or at once for a value of MANY_VALUES or more; if it cannot be compiled, or
 * overflows the stack where the full one might not, the full validator answers alone. A refused value of
 * MANY_VALUES or more keeps the twin's first error only: the full list grows with the value.
 */
export function withQuickCheck(full: Validator, compileTwin: () => Validator, after = QUICK_CHECK_AFTER): Validator {
  let calls = 0;
  let twin: Validator | null | undefined;
  // Two named parameters rather than `...args`: no array per call on the path every valid body takes.
  const validate = function (this: unknown, data: unknown, dataContext?: DataContext) {
    if (twin === undefined && (++calls > after || hasAtLeast(data, MANY_VALUES))) twin = tryCompile(compileTwin);
    if (twin) {
      try {
        const valid = twin.call(this, data, dataContext) === true;
        if (valid || hasAtLeast(data, MANY_VALUES)) {
          validate.errors = valid ? null : twin.errors;
          return valid;
        }
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
      }
    }
    const valid = full.call(this, data, dataContext);
    validate.errors = full.errors;
    return valid;
  } as Validator;

  validate.errors = null;
  checks.set(validate, { full, twin: () => twin ?? undefined });
  return validate;
}

const checks = new WeakMap<Validator, { full: Validator; twin(): Validator | undefined }>();

/**
 * Values from which a refused value gets the twin's first error instead of every error: ajv builds an
 * error object per violation, and 1.7 million failing items (a 5 MB answer) took seconds and gigabytes.
 */
export const MANY_VALUES = 10_000;

/** Whether a value holds at least `limit` values (itself included). */
export function hasAtLeast(value: unknown, limit: number): boolean {
  return countValues(value, limit) >= limit;
}

/** The validator a quick-checked one falls back to (itself for any other): every value checked in full. */
export function fullValidatorOf(validate: Validator): Validator {
  return checks.get(validate)?.full ?? validate;
}

/** The yes/no twin a quick-checked validator answers valid values with, once it has one. */
export function quickTwinOf(validate: Validator): Validator | undefined {
  return checks.get(validate)?.twin();
}

/**
 * Whether `contains` appears anywhere in a schema or document (as a keyword or as a property name: either
 * way no twin is made). ajv 8's first-error code for `contains` can leave its result unset for an empty
 * array and accept it (`{prefixItems: [...], contains: {...}}` accepts `[]`), where the all-errors code
 * refuses it: no twin may differ from the full validator.
 */
export function mentionsContains(root: unknown): boolean {
  return mentionsKeyword(root, CONTAINS);
}

const CONTAINS: ReadonlySet<string> = new Set(['contains']);

function tryCompile(compile: () => Validator): Validator | null {
  try {
    return compile();
  } catch {
    return null;
  }
}
