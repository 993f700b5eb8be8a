import { isPlainObject } from '../shared/plain-object.ts';
import type { OperationModel } from '../contract/model.ts';

/**
 * JSON:API (`application/vnd.api+json`): a PATCH's resource object carries only the attributes and
 * relationships it changes, and the server "MUST interpret the missing attributes as if they were included
 * with their current values" (jsonapi.org/format/#crud-updating). So an update merges these members one
 * level down instead of replacing them whole. The mock stores so, and the runner expects so.
 */
const MERGED_MEMBERS = ['attributes', 'relationships', 'meta'];

type Data = Record<string, unknown>;

/** Whether the operation's request is a JSON:API document. */
export function isJsonApiWrite(operation: Pick<OperationModel, 'body'>): boolean {
  return operation.body?.mediaTypes.some((type) => /^application\/vnd\.api\+json\b/i.test(type)) === true;
}

/** The fields an update writes, with its JSON:API members laid over the record's current ones. */
export function mergedMembers(operation: Pick<OperationModel, 'body' | 'behaviour'>, current: Data | undefined, written: Data): Data {
  if (operation.behaviour.kind !== 'update' || !isJsonApiWrite(operation) || !current) return written;
  const merged: Data = { ...written };
  for (const member of MERGED_MEMBERS) {
    if (isPlainObject(written[member]) && isPlainObject(current[member])) merged[member] = { ...current[member], ...written[member] };
  }
  return merged;
}
