import { isPlainPathKey, routedPath } from '../shared/path-key.ts';
import type { ContractModel, OperationModel } from './model.ts';

/**
 * Operations that are one endpoint on the wire: the same method and routed path, their keys told apart by
 * a fragment or a fixed query (`/boards` and `/boards#pinned`). A server answers whichever the request
 * means, so the mock picks the variant a request fits and the runner judges an answer against all of them.
 */
const groups = new WeakMap<ContractModel, ReadonlyMap<OperationModel, readonly OperationModel[]>>();

/** The endpoint's operations, the one whose key is a plain path first, then in contract order; [] when it has one. */
export function endpointVariants(contract: ContractModel, operation: OperationModel): readonly OperationModel[] {
  let byOperation = groups.get(contract);
  if (!byOperation) {
    byOperation = groupByEndpoint(contract.operations);
    groups.set(contract, byOperation);
  }
  return byOperation.get(operation) ?? [];
}

function groupByEndpoint(operations: readonly OperationModel[]): ReadonlyMap<OperationModel, readonly OperationModel[]> {
  const byEndpoint = new Map<string, OperationModel[]>();
  for (const operation of operations) {
    const key = `${operation.method} ${routedPath(operation.path).replace(/\{[^}]*\}/g, '{}')}`;
    byEndpoint.set(key, [...byEndpoint.get(key) ?? [], operation]);
  }
  const byOperation = new Map<OperationModel, readonly OperationModel[]>();
  for (const group of byEndpoint.values()) {
    if (group.length < 2 || group.every((op) => isPlainPathKey(op.path))) continue;
    const ordered = [...group.filter((op) => isPlainPathKey(op.path)), ...group.filter((op) => !isPlainPathKey(op.path))];
    for (const operation of group) byOperation.set(operation, ordered);
  }
  return byOperation;
}
