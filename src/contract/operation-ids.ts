import type { OperationModel } from './model.ts';

/** The operationId, or `get_pets_petId` for operations without one; unique within the contract. */
export function uniqueOperationId(declared: unknown, method: string, path: string, used: Set<string>): string {
  const base = typeof declared === 'string' && declared !== '' ? declared : `${method}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+/g, '_')}`.replace(/_$/, '');
  let id = base;
  for (let n = 2; used.has(id) && typeof declared !== 'string'; n++) id = `${base}_${n}`;
  used.add(id);
  return id;
}

/** Each operation whose operationId an earlier one (in document order) has already, with what to say about it. */
export function duplicateOperationIds(operations: readonly OperationModel[]): { operation: OperationModel; message: string }[] {
  const first = new Map<string, OperationModel>();
  const duplicates: { operation: OperationModel; message: string }[] = [];
  for (const operation of operations) {
    const earlier = first.get(operation.id);
    if (earlier === undefined) first.set(operation.id, operation);
    else duplicates.push({ operation, message: `Duplicate operationId "${operation.id}": ${earlier.method} ${earlier.path} and ${operation.method} ${operation.path}` });
  }
  return duplicates;
}
