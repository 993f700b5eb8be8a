import type { InferredOperation } from './resources.ts';

/** The path inference groups an operation under: `/items/` and `/items/{id}/` are `/items` and `/items/{id}`. */
export function inferencePath(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') || '/' : path;
}

/** Operations by inference path, then by method. */
export function operationsByPath(operations: readonly InferredOperation[]): Map<string, Map<string, InferredOperation>> {
  const byPath = new Map<string, Map<string, InferredOperation>>();
  for (const op of operations) {
    const path = inferencePath(op.path);
    if (!byPath.has(path)) byPath.set(path, new Map());
    byPath.get(path)!.set(op.method, op);
  }
  return byPath;
}
