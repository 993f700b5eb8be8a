import type { OperationModel } from '../contract/model.ts';
import { mediaTypeOf } from '../shared/media-type.ts';
import { isPlainObject } from '../shared/plain-object.ts';

/** The form media type an operation that takes forms but no JSON is sent its body in. */
export function formOnly(operation: OperationModel): 'application/x-www-form-urlencoded' | 'multipart/form-data' | undefined {
  const types = (operation.body?.mediaTypes ?? []).map(mediaTypeOf);
  if (types.some((t) => /json/.test(t))) return undefined;
  if (types.includes('application/x-www-form-urlencoded')) return 'application/x-www-form-urlencoded';
  return types.includes('multipart/form-data') ? 'multipart/form-data' : undefined;
}

/** The form type an operation documents beside JSON, for a body of scalar fields only (forms hold nothing nested). */
export function formAlternative(operation: OperationModel, body: unknown): 'application/x-www-form-urlencoded' | undefined {
  const types = (operation.body?.mediaTypes ?? []).map(mediaTypeOf);
  if (!types.some((t) => /json/.test(t)) || !types.includes('application/x-www-form-urlencoded')) return undefined;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  return Object.values(body).every((value) => value === null || typeof value !== 'object') ? 'application/x-www-form-urlencoded' : undefined;
}

/**
 * Whether a body goes out as an empty urlencoded form (`{}`, or a bare value a form cannot hold): a server
 * reads that as no body at all, which an optional request body allows.
 */
export function sentAsEmptyForm(operation: OperationModel, body: unknown): boolean {
  if (formOnly(operation) !== 'application/x-www-form-urlencoded') return false;
  return !isPlainObject(body) || Object.values(body).every((value) => value === undefined);
}
