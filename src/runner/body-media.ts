import type { OperationModel } from '../contract/model.ts';
import { isJsonPatchType, isListSchema, preferredJsonType, patchFormatFor, type PatchFormat } from '../rules/patch-media.ts';

/**
 * The JSON media type a body is sent as: the one a step asks for, else the first documented JSON type that
 * carries the record's fields (JSON Patch carries operations: only when nothing else is documented).
 */
export function jsonBodyType(operation: OperationModel, asked?: string): string | undefined {
  if (asked !== undefined) return asked;
  return preferredJsonType(operation.body?.mediaTypes ?? []);
}

/** The patch format a step's body is read in by a correct server (rules/patch-media.ts), if any. */
export function sentPatchFormat(operation: OperationModel, asked?: string): PatchFormat | undefined {
  const type = jsonBodyType(operation, asked);
  return type === undefined || operation.behaviour.kind !== 'update' || !operation.body ? undefined : patchFormatFor(operation.body, type, type);
}

/**
 * Whether an operation's body carries the record's fields: not JSON Patch alone, nor a list where another
 * type is documented beside it (ASP.NET documents its operations under `application/json` too).
 */
export function takesFields(operation: OperationModel): boolean {
  const body = operation.body;
  if (!body || body.mediaTypes.length === 0) return true;
  if (!body.mediaTypes.some((t) => !isJsonPatchType(t))) return false;
  return !isListSchema(body.schema);
}
