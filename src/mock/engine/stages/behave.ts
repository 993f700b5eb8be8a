import { BEHAVIOURS } from '../../behaviours/index.ts';
import { writeWithinLimits } from '../../store-limits.ts';
import type { Stage } from './stage.ts';

/** The operation's behaviour (behaviours/: one per kind), under the store's caps. */
export const behaveStage: Stage = {
  name: 'behave',
  applies: () => true,
  run(exchange) {
    const { instance, operation, bodyBytes } = exchange;
    const request = exchange.mockRequest!;
    const behaviour = BEHAVIOURS[operation.behaviour.kind];
    exchange.reply = writeWithinLimits(instance.context, request, bodyBytes, instance.limits, () => behaviour(instance.context, request));
  },
};
