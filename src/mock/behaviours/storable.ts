import type { ResourceModel } from '../../contract/model.ts';
import { writableFields } from '../../rules/stored.ts';

/** The body fields a client may write (the `stored` rule). */
export function storableFields(resource: ResourceModel, body: Record<string, unknown>): Record<string, unknown> {
  return writableFields(resource, body);
}
