import { documentingKey } from '../contract/documented-status.ts';
import type { OperationModel } from '../contract/model.ts';
import type { Coverage } from './events.ts';

/**
 * Which operations got answers, and which documented (operation, status) pairs the answers hit. A status
 * counts for the key that documents it: exact, else its class (`4XX`), else `default`.
 */
export class CoverageRecorder {
  private readonly hits = new Map<OperationModel, Set<string>>();

  constructor(private readonly operations: readonly OperationModel[]) {}

  record(operation: OperationModel, status: number | undefined): void {
    if (status === undefined) return;
    const key = documentingKey(operation.responses, status);
    if (!this.hits.has(operation)) this.hits.set(operation, new Set());
    if (key !== undefined) this.hits.get(operation)!.add(key);
  }

  summary(): Coverage {
    const missingOperations = this.operations.filter((op) => !this.hits.has(op)).map((op) => op.id);
    const missingStatuses: string[] = [];
    let total = 0;
    for (const operation of this.operations) {
      for (const status of operation.responses.keys()) {
        total++;
        if (!this.hits.get(operation)?.has(status)) missingStatuses.push(`${operation.id} ${status}`);
      }
    }
    return {
      operations: { exercised: this.operations.length - missingOperations.length, total: this.operations.length, missing: missingOperations },
      statuses: { exercised: total - missingStatuses.length, total, missing: missingStatuses },
    };
  }
}
