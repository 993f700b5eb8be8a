import { singular } from './names.ts';
import { operationsByPath } from './paths.ts';
import {
  declareOperation, isObjectBody, isObjectSchema, listItemSchema, listSpec, locateRecordSchema, objectView, operationKey, recordWithKey,
  resourceEntry, resourceName, responseTemplate, successSchema, topLevelProperties, type InferredHarness, type InferredOperation,
} from './resources.ts';

type Json = Record<string, any>;

/**
 * Resources of a collection path with no item path (`POST /notes` and `GET /notes`, no `/notes/{id}`): what
 * the create stores, the list shows. The key is a usual key name the record has (`noteId`, `id`, `uuid`...).
 * Collections the item-path inference already made a resource of, or that have an item path, are left as
 * they are.
 */
export function withCollectionResources(operations: readonly InferredOperation[], inferred: InferredHarness): InferredHarness {
  const byPath = operationsByPath(operations);
  const resources = { ...inferred.resources };
  const declared = new Map(inferred.operations);
  const paths = [...byPath.keys()];
  for (const [path, ops] of byPath) {
    const last = path.split('/').filter(Boolean).at(-1);
    const create = ops.get('post');
    const list = ops.get('get');
    if (!last || last.startsWith('{') || !create || !list || !isObjectBody(create.operation)) continue;
    if (declared.has(operationKey('post', create.path)) || declared.has(operationKey('get', list.path))) continue;
    if (paths.some((other) => other.startsWith(`${path}/{`))) continue;
    const base = singular(last.replace(/[^A-Za-z0-9_]/g, '_'));
    const found = createdAndListed(create, list, base);
    if (!found) continue;
    const name = resourceName(resources, base, path, [create, list]);
    resources[name] = resourceEntry(found, path, create, undefined, undefined, base);
    const resource = { name, base, schema: found.schema };
    declareOperation(declared, create, { kind: 'create' }, resource);
    declareOperation(declared, list, { kind: 'list', list: listSpec(list, topLevelProperties(found.schema)[found.key]) }, resource);
  }
  return { resources, operations: declared };
}

/**
 * The record schema and key, when the create answers the record with an id-like key (`id`, `noteId`,
 * `note_id`, `uuid`) that the list's items carry too: a create answering something else (search hits, a
 * job) or nothing makes no record the list could show.
 */
function createdAndListed(create: InferredOperation, list: InferredOperation, base: string): { schema: Json; key: string } | undefined {
  if (responseTemplate(list, 'list', base) === undefined) return undefined;
  const items = listItemSchema(list);
  const answer = successSchema(create.operation);
  const answered = answer ? locateRecordSchema(answer, base)?.schema : undefined;
  if (!items || !answered) return undefined;
  const found = recordWithKey([answered], `${base}Id`, base, undefined);
  const idLike = [`${base}Id`, `${base}_id`, 'id', 'uuid'];
  if (!found || !idLike.includes(found.key) || !Object.hasOwn(objectView(items).properties, found.key)) return undefined;
  return answersOneRecord(list, found.key) ? undefined : found;
}

/**
 * A read that answers the record itself (its key at the top level) reads one record, a singleton
 * (`POST /integrations/falcon`, `GET` it, `PUT` it): the array it holds is a field of that record
 * (its `groups`), not a list of what the create made.
 */
function answersOneRecord(list: InferredOperation, key: string): boolean {
  const schema = successSchema(list.operation);
  return schema !== undefined && isObjectSchema(schema) && Object.hasOwn(objectView(schema).properties, key);
}
