import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { addKnownFormats } from './formats.ts';
import { unescapePointer } from '../shared/json-pointer.ts';
import { compileSafeRegExp } from './safe-regexp.ts';
import { generatedCodeProcess } from './numeric-text.ts';

/** OpenAPI documentation keywords and our extensions: known to ajv, ignored by validation. */
const ANNOTATION_KEYWORDS = ['example', 'xml', 'externalDocs', 'discriminator', 'x-inferred', 'x-harness'];

/**
 * A new strict ajv for schemas written in code (no contract, no `$ref`s to a document). There is no shared
 * instance: a contract's schemas are compiled by its own compiler (`contract.schemas`, see compiler.ts), so
 * two documents with the same `$id` never meet in one ajv. `coerceTypes` for parameters, which arrive as strings.
 */
export function createStandaloneAjv(coerceTypes = false): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, coerceTypes, useDefaults: coerceTypes, code: { regExp: compileSafeRegExp, process: generatedCodeProcess(coerceTypes) } });
  addKnownFormats(ajv);
  ajv.addVocabulary(ANNOTATION_KEYWORDS);
  return ajv;
}

export type Validator = ValidateFunction;

/** A validator that compiles its schema the first time it runs, then keeps it (ajv's `errors` mirrored). */
export function compiledOnFirstUse(compileNow: () => Validator): Validator {
  let compiled: Validator | undefined;
  const validate = function (this: unknown, data: unknown, dataContext?: Parameters<Validator>[1]) {
    compiled ??= compileNow();
    const valid = compiled.call(this, data, dataContext);
    validate.errors = compiled.errors;
    return valid;
  } as Validator;
  validate.errors = null;
  return validate;
}

/** One violation of a schema, in the shape error templates and reports use. */
export interface Violation {
  /** JSON pointer into the validated value, e.g. `/intent/type`. */
  pointer: string;
  /** Dotted property path, e.g. `intent.type` (empty for the root). */
  property: string;
  keyword: string;
  message: string;
}

/** Turns ajv errors into violations, naming the offending property (also for `required`/`additionalProperties`). */
export function toViolations(errors: readonly ErrorObject[] | null | undefined): Violation[] {
  if (!errors) return [];
  const seen = new Set<string>();
  const violations: Violation[] = [];
  for (const error of errors) {
    const missing = (error.params as { missingProperty?: string; additionalProperty?: string });
    const child = missing.missingProperty ?? missing.additionalProperty;
    const pointer = child === undefined ? error.instancePath : `${error.instancePath}/${child}`;
    const property = pointer.split('/').slice(1).map(unescapePointer).join('.');
    const message = describeError(error, property);
    const key = `${pointer}|${error.keyword}`;
    if (seen.has(key)) continue;
    seen.add(key);
    violations.push({ pointer, property, keyword: error.keyword, message });
  }
  return violations;
}

function describeError(error: ErrorObject, property: string): string {
  const subject = property === '' ? 'The value' : `\`${property}\``;
  switch (error.keyword) {
    case 'required': return `${subject} is required.`;
    case 'additionalProperties':
    case 'unevaluatedProperties': return `${subject} is not a known property.`;
    case 'enum': return `${subject} must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}.`;
    case 'const': return `${subject} must be ${JSON.stringify((error.params as { allowedValue: unknown }).allowedValue)}.`;
    default: return `${subject} ${error.message ?? 'is invalid'}.`;
  }
}

