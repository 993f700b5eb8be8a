import { authenticateRequestNow } from '../../credentials.ts';
import type { Stage } from './stage.ts';

/** The operation's security as declared (any alternative, every scheme of it): the caller, or `unauthenticated`. */
export const authenticateStage: Stage = {
  name: 'authenticate',
  applies: (operation) => operation.secured,
  run(exchange) {
    const { instance, operation, request, url } = exchange;
    const principal = authenticateRequestNow(operation.security, request, url, instance.auth);
    if (!(principal instanceof Promise)) {
      exchange.principal = principal;
      return undefined;
    }
    return principal.then((caller) => {
      exchange.principal = caller;
    });
  },
};
