import type { OperationModel } from '../contract/model.ts';
import { isSuccess, fillBody } from './records.ts';
import { exchange as send } from './transport.ts';
import type { Exchange, RunState, TrackedRecord } from './types.ts';
import { pathFor, queryFor, validBody } from './values.ts';
import { operationsOf } from './operations-by-resource.ts';

export interface CleanupOutcome {
  /** Records a delete did not remove, with why. */
  readonly failed: { readonly record: TrackedRecord; readonly operation: OperationModel; readonly exchange: Exchange }[];
  /** Records of resources the contract cannot delete. */
  readonly undeletable: Map<string, TrackedRecord[]>;
  /** Every exchange sent, for coverage. */
  readonly exchanges: { readonly operation: OperationModel; readonly exchange: Exchange }[];
}

/**
 * Deletes every record the run created that still exists (newest first), as the user who created it.
 * Only records of this run are ever deleted; a 404 means it is gone already.
 */
export async function cleanUp(state: RunState): Promise<CleanupOutcome> {
  const outcome: CleanupOutcome = { failed: [], undeletable: new Map(), exchanges: [] };
  const records = [...state.records.values()].filter((r) => !r.deleted && r.id !== undefined).reverse();
  for (const record of records) {
    const operation = operationsOf(state.contract.operations, record.resource).find((op) => op.behaviour.kind === 'delete');
    if (!operation) {
      const list = outcome.undeletable.get(record.resource.name) ?? [];
      list.push(record);
      outcome.undeletable.set(record.resource.name, list);
      continue;
    }
    if (record.owner === 'user2' && state.credentials.user2 === undefined) continue;
    const body = operation.body ? fillBody(operation, validBody(state, operation, 'plain'), record, record.id!) : undefined;
    const result = await send(state, operation, { actor: record.owner, path: pathFor(state, operation, record), query: queryFor(state, operation, record.id), body });
    outcome.exchanges.push({ operation, exchange: result });
    const notFound = result.response?.status === operation.situations.notFound.status;
    if (isSuccess(result) || notFound) {
      record.deleted = true;
      record.unavailable = 'the cleanup deleted it';
    } else {
      outcome.failed.push({ record, operation, exchange: result });
    }
    if (result.result.error !== undefined && result.response === undefined) break;
  }
  return outcome;
}
