import { RE2JS } from 're2js';

/** What ajv needs from a regular expression: `test`, searching anywhere like `RegExp.prototype.test`. */
export interface SafeRegExp {
  test(input: string): boolean;
  /** ajv keys its cache of patterns by this: it must differ per pattern. */
  toString(): string;
}

/**
 * Inputs longer than this never match a pattern RE2 cannot run: JavaScript's backtracking engine is only
 * trusted with short strings (passwords, codes), where such patterns are used.
 */
export const MAX_BACKTRACKING_INPUT = 256;

/**
 * A linear-time regular expression (RE2 semantics, pure JS so it also runs in the browser) for ajv's
 * `code.regExp` option: a contract `pattern` such as `^(a+)+$` cannot make one request block the mock.
 * Patterns RE2 cannot run (lookarounds, backreferences) fall back to JavaScript's engine, tried only on
 * inputs of at most MAX_BACKTRACKING_INPUT characters; longer inputs do not match them.
 *
 * @example
 * compileSafeRegExp('^(a+)+$', 'u').test('a'.repeat(44) + 'b'); // false, in microseconds
 */
export function compileSafeRegExp(pattern: string, flags: string): SafeRegExp {
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(pattern);
  } catch {
    return compileBacktracking(pattern, flags);
  }
  return { test: (input) => compiled.matcher(input).find(), toString: () => `re2:/${pattern}/` };
}
/** ajv's standalone code generation names the engine by this (unused here: validators are built at run time). */
compileSafeRegExp.code = 'compileSafeRegExp';

function compileBacktracking(pattern: string, flags: string): SafeRegExp {
  let native: RegExp;
  try {
    native = new RegExp(pattern, flags);
  } catch (error) {
    throw new Error(`Failed to compile pattern ${JSON.stringify(pattern)}: ${(error as Error).message}. Write it in ECMA-262 (preferably RE2) syntax.`);
  }
  return {
    test: (input) => input.length <= MAX_BACKTRACKING_INPUT && native.test(input),
    toString: () => `js:/${pattern}/${flags}`,
  };
}
