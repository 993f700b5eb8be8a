import { showsEntityTag } from '../../../rules/etag.ts';
import { addressedRecord, etagHeader } from '../../entity-tags.ts';
import type { StoredRecord } from '../../store.ts';
import type { OperationExchange, Stage } from './stage.ts';

/**
 * A success answer that shows a record of a resource with entity tags carries the record's current tag
 * (`ETag`), after the behaviour wrote it: what a client sends back in `If-Match` or `If-None-Match`.
 */
export const entityTagStage: Stage = {
  name: 'entity tag',
  applies: (operation, contract) => showsEntityTag(contract, operation),
  run(exchange) {
    const reply = exchange.reply!;
    if (reply.status < 200 || reply.status >= 300) return;
    const record = answeredRecord(exchange);
    if (!record) return;
    const [name, value] = etagHeader(exchange.operation, reply.status, record);
    exchange.reply = { ...reply, headers: { ...reply.headers, [name]: value } };
  },
};

/** The record the answer shows: the one the behaviour just stored (a create), else the one the request addresses. */
function answeredRecord(exchange: OperationExchange): StoredRecord | undefined {
  return exchange.created ?? addressedRecord(exchange.instance.context, exchange.mockRequest!);
}
