import type { OperationModel } from './model.ts';

/**
 * Orders operations so that, segment by segment, static segments win over parameters: a router that
 * takes the first match then serves `/sessions/count` before `/sessions/{id}` could shadow it.
 */
export function compareOperationPaths(a: Pick<OperationModel, 'path'>, b: Pick<OperationModel, 'path'>): number {
  const left = a.path.split('/');
  const right = b.path.split('/');
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const leftParam = left[i].startsWith('{');
    const rightParam = right[i].startsWith('{');
    if (leftParam !== rightParam) return leftParam ? 1 : -1;
  }
  return right.length - left.length || a.path.localeCompare(b.path);
}
