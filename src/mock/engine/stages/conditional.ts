import { BY_CODE, BY_CODE_OR_CLASS, isDocumentedStatus } from '../../../contract/documented-status.ts';
import { SituationError } from '../../situation-error.ts';
import { ifMatchHolds, ifNoneMatchHolds, isConditionalRead, preconditionsOf } from '../../../rules/etag.ts';
import { assertMayModify, isFreeUpsertKey } from '../../access.ts';
import { addressedRecord, etagHeader, preconditionReply, recordTag } from '../../entity-tags.ts';
import type { OperationExchange, Stage } from './stage.ts';

/** Kinds that refuse a caller who may not modify the record (403) before any precondition is looked at. */
const OWNED_WRITES = new Set(['update', 'replace', 'delete', 'writeSection']);

/**
 * Conditional requests (RFC 9110 §13.2), where the document gives the resource entity tags and the
 * operation documents them (rules/etag.ts): a write whose `If-Match` names no current tag, or whose
 * `If-None-Match` names the current one, is refused with 412 and changes nothing; a read whose
 * `If-None-Match` names the current tag answers 304 without a body. A request the server would refuse
 * otherwise (no such record, not the owner) gets that refusal instead, as §13.2.1 orders.
 */
export const conditionalStage: Stage = {
  name: 'preconditions',
  applies: (operation, contract) => preconditionsOf(contract, operation) !== undefined,
  run(exchange) {
    const { instance, operation, request } = exchange;
    const preconditions = preconditionsOf(instance.contract, operation)!;
    const ifMatch = preconditions.ifMatch ? request.header('if-match') : null;
    const ifNoneMatch = preconditions.ifNoneMatch ? request.header('if-none-match') : null;
    if (ifMatch === null && ifNoneMatch === null) {
      if (preconditions.ifMatchRequired) refuseMissingIfMatch(exchange);
      return;
    }
    evaluate(exchange, ifMatch, ifNoneMatch);
  },
};

/**
 * A required `If-Match` left out: 428 Precondition Required where the operation documents it, else its
 * invalid-input answer where it documents one (as for any required header), else served.
 */
function refuseMissingIfMatch(exchange: OperationExchange): void {
  const { instance, operation } = exchange;
  const detail = 'This request must carry `If-Match` with the entity tag last read.';
  if (isDocumentedStatus(operation.responses, 428, BY_CODE)) {
    exchange.reply = preconditionReply(instance, operation, 428, detail);
  } else if (isDocumentedStatus(operation.responses, operation.situations.invalid.status, BY_CODE_OR_CLASS)) {
    throw new SituationError('invalid', detail, [{ pointer: '/If-Match', property: 'If-Match', keyword: 'required', message: 'The header `If-Match` is required.' }]);
  }
}

function evaluate(exchange: OperationExchange, ifMatch: string | null, ifNoneMatch: string | null): void {
  const { instance, operation } = exchange;
  const request = exchange.mockRequest!;
  const record = addressedRecord(instance.context, request);
  // No record: the behaviour answers notFound, except where the write would create one (an upsert).
  if (!record && !isFreeUpsertKey(instance.context, request)) return;
  if (record && OWNED_WRITES.has(operation.behaviour.kind)) assertMayModify(request, record);
  const current = record && recordTag(operation, record);
  if (ifMatch !== null && !ifMatchHolds(ifMatch, current)) {
    exchange.reply = preconditionReply(instance, operation, 412, `If-Match ${ifMatch} does not name the current entity tag.`);
  } else if (ifNoneMatch !== null && !ifNoneMatchHolds(ifNoneMatch, current)) {
    exchange.reply = isConditionalRead(operation.behaviour.kind) && record
      ? { status: 304, body: undefined, headers: Object.fromEntries([etagHeader(operation, 304, record)]) }
      : preconditionReply(instance, operation, 412, `If-None-Match ${ifNoneMatch} names the current entity tag.`);
  }
}
