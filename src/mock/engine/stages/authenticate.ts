import { authenticateRequest } from '../../credentials.ts';
import type { OperationExchange, Stage } from './stage.ts';

/** The operation's security as declared (any alternative, every scheme of it): the caller, or `unauthenticated`. */
export const authenticateStage: Stage = {
  name: 'authenticate',
  applies: (operation) => operation.secured,
  run: (exchange) => authenticate(exchange),
};

async function authenticate(exchange: OperationExchange): Promise<void> {
  const { instance, operation, request, url } = exchange;
  exchange.principal = await authenticateRequest(operation.security, request, url, instance.auth);
}
