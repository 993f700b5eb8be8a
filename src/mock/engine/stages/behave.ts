import type { OperationKind } from '../../../contract/vocabulary.ts';
import { BEHAVIOURS } from '../../behaviours/index.ts';
import { writeWithinLimits } from '../../store-limits.ts';
import type { Stage } from './stage.ts';

/** Kinds that never grow the store: no cap can refuse them, so they run without the write admission. */
const READ_ONLY_KINDS: ReadonlySet<OperationKind> = new Set<OperationKind>(['read', 'list', 'count', 'readSection', 'static']);

/** The operation's behaviour (behaviours/: one per kind), under the store's caps, at one instant, unless a precondition answered. */
export const behaveStage: Stage = {
  name: 'behave',
  applies: () => true,
  run(exchange) {
    // Answered already: a precondition (304, 412) decided, and nothing is written.
    if (exchange.reply !== undefined) return;
    const { instance, operation, bodyBytes } = exchange;
    const request = exchange.mockRequest!;
    const kind = operation.behaviour.kind;
    const behaviour = BEHAVIOURS[kind];
    const context = instance.context;
    const result = context.clock.atOneInstant(() => (READ_ONLY_KINDS.has(kind)
      ? behaviour(context, request)
      : writeWithinLimits(context, request, bodyBytes, instance.limits, () => behaviour(context, request))));
    // A stored record goes on the exchange (the entity-tag stage reads it), not out with the answer.
    exchange.created = result.created;
    exchange.reply = result.created === undefined ? result : { status: result.status, body: result.body, mediaType: result.mediaType };
  },
};
