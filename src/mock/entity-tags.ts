import { BY_ANY, documentingResponse } from '../contract/documented-status.ts';
import type { HeaderModel, OperationModel } from '../contract/model.ts';
import { entityTag, etagHeaderOf, shownTag } from '../rules/etag.ts';
import { findRecord } from './access.ts';
import type { MockContext, MockRequest } from './context.ts';
import { errorBodyFor } from './error-body.ts';
import { renderErrorReply } from './error-response.ts';
import type { MockInstance, MockReply } from './instance.ts';
import { SituationError } from './situation-error.ts';
import { revisionOf, type StoredRecord } from './store.ts';

/**
 * The mock's side of conditional requests (rules/etag.ts says what they mean): a stored record's entity
 * tag, the record a request addresses when there is one, and the answers a precondition gives.
 */

/** The record's current tag, unquoted: its key and its revision (no hashing of the record's data). */
export function recordTag(operation: OperationModel, record: StoredRecord): string {
  return entityTag(String(record.data[operation.behaviour.resource.key]), revisionOf(record));
}

/** The `ETag` header for a record in an answer of `status`: named and written as that response documents it. */
export function etagHeader(operation: OperationModel, status: number, record: StoredRecord): [string, string] {
  const documented = documentedEtag(operation, status);
  return [documented?.name ?? 'ETag', shownTag(recordTag(operation, record), documented)];
}

const documentedByStatus = new WeakMap<OperationModel, Map<number, HeaderModel | undefined>>();

/** The `ETag` header the answer of `status` documents, looked up once per operation and status. */
function documentedEtag(operation: OperationModel, status: number): HeaderModel | undefined {
  let byStatus = documentedByStatus.get(operation);
  if (!byStatus) {
    byStatus = new Map();
    documentedByStatus.set(operation, byStatus);
  }
  if (!byStatus.has(status)) byStatus.set(status, etagHeaderOf(operation, status));
  return byStatus.get(status);
}

/** The record the request addresses, or undefined where there is none (the behaviour answers notFound). */
export function addressedRecord(context: MockContext, request: MockRequest): StoredRecord | undefined {
  try {
    return findRecord(context, request);
  } catch (error) {
    if (error instanceof SituationError) return undefined;
    throw error;
  }
}

/**
 * A refused precondition (412, or 428 for a missing required `If-Match`) in the document's error shape: the
 * response it documents for the status, else the one its conflicts answer with; an x-harness error template
 * where the document declares one.
 */
export function preconditionReply(instance: MockInstance, operation: OperationModel, status: 412 | 428, detail: string): MockReply {
  if (instance.contract.errorBody !== undefined) {
    return renderErrorReply(instance.contract, operation.situations, 'conflict', detail, [], instance.tools, status);
  }
  const response = documentingResponse(operation.responses, status, BY_ANY) ?? operation.situations.conflict.response;
  return { status, ...errorBodyFor(response, status, detail, []) };
}
