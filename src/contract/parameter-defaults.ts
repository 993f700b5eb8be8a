import type { Validator } from '../schema/ajv.ts';
import type { ContractProblemCode } from './errors.ts';
import type { ParameterModel } from './model.ts';

/** The warning for a parameter whose `default` its own schema refuses. */
function brokenDefaultWarning(name: string, value: unknown): string {
  return `Parameter "${name}": its default ${JSON.stringify(value)} breaks its own schema: it is not filled in.`;
}

export type UsableParameter = (parameter: ParameterModel, pointer: string) => ParameterModel;

/**
 * Parameters as validation reads them: a `default` its own schema refuses (`limit: {type: integer, default:
 * "20 - incident_summary"}`) is not filled in, with a warning; filled in, it made every request that left
 * the parameter out invalid. Each schema object is checked and warned about once: a parameter shared through
 * `$ref` is one object in the inlined document, however many operations use it.
 */
export function withoutBrokenDefaults(
  compileParameters: (schema: object, pointer: string) => Validator | undefined,
  warn: (pointer: string, message: string, code: ContractProblemCode) => void,
): UsableParameter {
  const usableSchemas = new WeakMap<object, object>();
  return (parameter, pointer) => {
    const schema = parameter.schema as Record<string, unknown> | undefined;
    if (!schema || typeof schema !== 'object' || !('default' in schema)) return parameter;
    let usable = usableSchemas.get(schema);
    if (usable === undefined) {
      const { default: value, ...rest } = schema;
      const validate = compileParameters(rest, pointer);
      usable = !validate || validate(structuredClone(value)) === true ? schema : rest;
      if (usable === rest) warn(pointer, brokenDefaultWarning(parameter.name, value), 'broken-parameter-default');
      usableSchemas.set(schema, usable);
    }
    return usable === schema ? parameter : { ...parameter, schema: usable };
  };
}
