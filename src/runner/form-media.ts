import type { OperationModel } from '../contract/model.ts';
import { mediaTypeOf } from '../shared/media-type.ts';

/** The form media type an operation that takes forms but no JSON is sent its body in. */
export function formOnly(operation: OperationModel): 'application/x-www-form-urlencoded' | 'multipart/form-data' | undefined {
  const types = (operation.body?.mediaTypes ?? []).map(mediaTypeOf);
  if (types.some((t) => /json/.test(t))) return undefined;
  if (types.includes('application/x-www-form-urlencoded')) return 'application/x-www-form-urlencoded';
  return types.includes('multipart/form-data') ? 'multipart/form-data' : undefined;
}
