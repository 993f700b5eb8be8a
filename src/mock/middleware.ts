import { createMiddleware } from '@mswjs/http-middleware';
import type { ContractModel } from '../contract/model.ts';
import { createHandlers, type CreateHandlersOptions, type MockHandlers } from './handlers.ts';

export interface MockMiddleware extends MockHandlers {
  /** Express/Connect middleware: requests below `baseUrl` get the mock's answer, others go to `next()`. */
  readonly middleware: ReturnType<typeof createMiddleware>;
}

/**
 * The contract's msw handlers served by @mswjs/http-middleware, to mount in your own Express (or Connect)
 * app: the same engine as `harness mock` and `setupServer`, behind a path prefix of your choice. Mount it
 * before any body parser, so that the engine reads the body itself within its limit.
 *
 * @example
 * const game = createMockMiddleware(await loadContract('game-sessions'), { baseUrl: '/game-sessions', seed: 1 });
 * express().use(game.middleware).listen(3000); // GET http://localhost:3000/game-sessions/sessions
 */
export function createMockMiddleware(contract: ContractModel, options: CreateHandlersOptions & { readonly baseUrl: string }): MockMiddleware {
  const mock = createHandlers(contract, options);
  return { ...mock, middleware: createMiddleware(...mock.handlers) };
}
