import { isPlainPathKey, withoutFixedQuery } from '../../shared/path-key.ts';
import type { InferredOperation } from './resources.ts';

/**
 * The path inference groups an operation under: `/items/` and `/items/{id}/` are `/items` and `/items/{id}`;
 * a query the key fixes is left out (`/responses/{id}?beta=true` is `/responses/{id}`).
 */
function inferencePath(path: string): string {
  const key = withoutFixedQuery(path);
  return key.length > 1 ? key.replace(/\/+$/, '') || '/' : key;
}

/** Operations by inference path, then by method. */
export function operationsByPath(operations: readonly InferredOperation[]): Map<string, Map<string, InferredOperation>> {
  const byPath = new Map<string, Map<string, InferredOperation>>();
  for (const op of operations) {
    const path = inferencePath(op.path);
    if (!byPath.has(path)) byPath.set(path, new Map());
    // Of the operations a fixed query tells apart, the one with a plain path is what inference reads.
    if (!byPath.get(path)!.has(op.method) || isPlainPathKey(op.path)) byPath.get(path)!.set(op.method, op);
  }
  return byPath;
}
