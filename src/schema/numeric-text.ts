import { appendErrorsInPlace } from './linear-errors.ts';

/**
 * ajv's `coerceTypes` reads text as a number when `text == +text`: JavaScript's number syntax, so `0x10`
 * was the integer 16, `0b11` 3, ` 7 ` 7 and `1e400` Infinity, in every numeric parameter (path, query,
 * header, form field). This rewrites that test of the generated code to accept decimal text only (what
 * JSON and OpenAPI's examples write: digits, a fraction, an exponent), and only a finite value; other text
 * stays a string and fails the schema's type with the usual message.
 */
export function decimalTextOnly(code: string): string {
  return code.replace(LOOSE_NUMBER_TEST, (_, data: string) => `${data} && ${data} == +${data} && ${DECIMAL}.test(${data}) && isFinite(+${data})`);
}

const LOOSE_NUMBER_TEST = /([\w$]+) && \1 == \+\1/g;
const DECIMAL = String(/^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/);

/**
 * The `code.process` of every ajv that validates documents' values: errors appended in linear time
 * (linear-errors.ts) and, where it coerces text, numbers read from decimal text only.
 */
export function generatedCodeProcess(coerce: boolean): (code: string) => string {
  return coerce ? (code) => decimalTextOnly(appendErrorsInPlace(code)) : appendErrorsInPlace;
}
