import { RE2JS } from 're2js';

/** What ajv needs from a regular expression: `test`, searching anywhere like `RegExp.prototype.test`. */
export interface SafeRegExp {
  test(input: string): boolean;
  /** ajv keys its cache of patterns by this: it must differ per pattern. */
  toString(): string;
}

/**
 * A linear-time regular expression (RE2 semantics, pure JS so it also runs in the browser) for ajv's
 * `code.regExp` option: a contract `pattern` such as `^(a+)+$` cannot make one request block the mock.
 * Patterns RE2 cannot run in linear time (lookarounds, backreferences) are refused, so the contract fails
 * to load with the schema's pointer instead of becoming a denial-of-service switch at run time.
 *
 * @example
 * compileSafeRegExp('^(a+)+$', 'u').test('a'.repeat(44) + 'b'); // false, in microseconds
 */
export function compileSafeRegExp(pattern: string, _flags: string): SafeRegExp {
  return compileWithRe2(pattern);
}
/** ajv's standalone code generation names the engine by this (unused here: validators are built at run time). */
compileSafeRegExp.code = 'compileSafeRegExp';

function compileWithRe2(pattern: string): SafeRegExp {
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(pattern);
  } catch (error) {
    throw new Error(`Failed to compile pattern ${JSON.stringify(pattern)}: ${(error as Error).message}. `
      + 'Patterns run on a linear-time engine (RE2): rewrite lookarounds and backreferences without them.');
  }
  return { test: (input) => compiled.matcher(input).find(), toString: () => `re2:/${pattern}/` };
}
