import type { OperationModel, ResourceModel } from '../contract/model.ts';

/**
 * The contract's operations grouped once per operation list, in document order: planning asks, for each
 * resource, which operations it has, and a scan of every operation per resource is quadratic in a document
 * of thousands of operations.
 */
interface OperationIndex {
  readonly byResource: Map<ResourceModel, OperationModel[]>;
  /** Item operations that take their record's id from a path parameter, by that parameter's name. */
  readonly byPathId: Map<string, OperationModel[]>;
}

const indexes = new WeakMap<readonly OperationModel[], OperationIndex>();

function indexOf(operations: readonly OperationModel[]): OperationIndex {
  let index = indexes.get(operations);
  if (index) return index;
  index = { byResource: new Map(), byPathId: new Map() };
  for (const operation of operations) {
    const { resource, id } = operation.behaviour;
    append(index.byResource, resource, operation);
    if (id?.from === 'path') append(index.byPathId, id.name, operation);
  }
  indexes.set(operations, index);
  return index;
}

function append<K>(map: Map<K, OperationModel[]>, key: K, operation: OperationModel): void {
  const list = map.get(key);
  if (list) list.push(operation);
  else map.set(key, [operation]);
}

const NONE: readonly OperationModel[] = [];

/** The operations of one resource, in document order. */
export function operationsOf(operations: readonly OperationModel[], resource: ResourceModel): readonly OperationModel[] {
  return indexOf(operations).byResource.get(resource) ?? NONE;
}

/** The operations whose record id is the path parameter `name`, in document order. */
export function operationsByPathId(operations: readonly OperationModel[], name: string): readonly OperationModel[] {
  return indexOf(operations).byPathId.get(name) ?? NONE;
}

/**
 * The operation that makes a resource's records, among its operations: its create, else a PUT that creates
 * the record at a key the client chooses in the path (an upsert).
 */
export function creatorAmong(operations: readonly OperationModel[]): OperationModel | undefined {
  return operations.find((op) => op.behaviour.kind === 'create') ?? operations.find((op) => op.behaviour.upsert === true);
}
