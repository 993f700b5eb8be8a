import { situationForStatus } from '../../error-response.ts';
import { parsePrefer } from '../../prefer.ts';
import { SituationError } from '../../situation-error.ts';
import type { OperationExchange, Stage } from './stage.ts';

/**
 * `Prefer` (as Prism reads it): `delay=200` waits first, `status=503` answers that error in the API's shape
 * before anything else is looked at, `example=<name>` picks the example a stateless answer serves.
 */
export const preferStage: Stage = {
  name: 'prefer',
  applies: () => true,
  run(exchange) {
    const header = exchange.request.header('prefer');
    return header === null ? undefined : applyPrefer(exchange, header);
  },
};

async function applyPrefer(exchange: OperationExchange, header: string): Promise<void> {
  const prefer = parsePrefer(header);
  if (prefer.delayMs) await new Promise((resolve) => setTimeout(resolve, prefer.delayMs));
  if (prefer.status !== undefined && prefer.status >= 400) {
    const situation = situationForStatus(exchange.operation.situations, prefer.status);
    throw new SituationError(situation, `Injected by "Prefer: status=${prefer.status}".`, [], prefer.status);
  }
  exchange.example = prefer.example;
}
