/**
 * The browser entry point (`contract-harness/browser`): the stateful, contract-driven mock as msw handlers
 * for `setupWorker`, built from contract YAML text. A web app keeps calling the vendors' real URLs
 * (`https://api.gigs.com/...`) and msw's service worker answers them from the mock, with no network.
 *
 * Nothing reachable from this file imports a Node-only module (no `node:*`, no file system):
 * test/browser/bundle.test.ts bundles it with esbuild for `platform: 'browser'` and fails if one appears.
 *
 * msw's worker script must be served from your site's root: `npx msw init public/` (npm 11 skips msw's
 * postinstall), or copy `node_modules/msw/lib/mockServiceWorker.js`. examples/browser/ is a working app.
 *
 * @example
 * import { setupWorker } from 'msw/browser';
 * import { createBrowserHandlers } from 'contract-harness/browser';
 * // Import the YAML as text: Vite `?raw`, esbuild `loader: { '.yaml': 'text' }`, webpack `asset/source`.
 * import gigs from './contracts/gigs-connect-sessions.yaml?raw';
 * import gigsFixtures from './seeder/gigs-connect-sessions.yaml?raw';
 *
 * const mock = createBrowserHandlers([{ id: 'gigs-connect-sessions', text: gigs, fixturesText: gigsFixtures }], { seed: 1 });
 * await setupWorker(...mock.handlers).start({ onUnhandledRequest: 'bypass' });
 * await fetch('https://api.gigs.com/projects/demo/connectSessions', { method: 'POST', ... }); // answered by the mock
 * mock.reset(); // every contract back to its seeded state
 */
import type { HttpHandler } from 'msw';
import { loadContractText } from './contract/load-text.ts';
import type { ContractModel } from './contract/model.ts';
import { parseFixtureSpec } from './seeder/spec.ts';
import { createHandlers, type MockHandlers } from './mock/handlers.ts';
import type { MockClock } from './mock/clock.ts';
import type { MockInstance } from './mock/instance.ts';

export { loadContractText, contractIdOf } from './contract/load-text.ts';
export { ContractError } from './contract/errors.ts';
export { parseFixtureSpec, FixtureError, type FixtureSpec } from './seeder/spec.ts';
export { createHandlers, type CreateHandlersOptions, type MockHandlers } from './mock/handlers.ts';
export { createClock, type MockClock } from './mock/clock.ts';
export type { MockInstance, MockOptions } from './mock/instance.ts';
export type { ContractModel, OperationModel, ResourceModel } from './contract/model.ts';

/** One contract to mock, as text (bundlers import YAML files as strings). */
export interface BrowserContractSource {
  /** The contract id, e.g. `gigs-connect-sessions`; also names the contract in error messages. */
  readonly id: string;
  /** The contract's YAML (`contracts/<id>.yaml`). */
  readonly text: string;
  /** The fixtures YAML (`fixtures/<id>.yaml`); without it the store starts empty. */
  readonly fixturesText?: string;
  /** Where to answer; default the contract's server URL (the vendor's real one). */
  readonly baseUrl?: string;
}

export interface BrowserHandlersOptions {
  /** Seed for fixtures and generated values; the same seed gives the same state. Default 1. */
  readonly seed?: number;
  /** Overrides every resource's fixture count (0 starts every store empty). */
  readonly fixtureCount?: number;
  /** Verify HS256 signatures of JWTs with this secret; by default any decodable JWT is accepted. */
  readonly jwtSecret?: string;
  /** A clock shared by every contract (tests move it); default the real time. */
  readonly clock?: MockClock;
}

/** One contract's mock inside a BrowserMock. */
export interface BrowserContractMock {
  readonly contract: ContractModel;
  /** The absolute URL (or path prefix) the handlers answer. */
  readonly baseUrl: string;
  readonly handlers: readonly HttpHandler[];
  /** Its store: `instance.state()` dumps it, `instance.reset()` re-seeds it. */
  readonly instance: MockInstance;
}

export interface BrowserMock {
  /** Every contract's handlers, in the order given: pass them to `setupWorker(...handlers)`. */
  readonly handlers: HttpHandler[];
  /** By contract id. */
  readonly mocks: Readonly<Record<string, BrowserContractMock>>;
  /** Every contract back to its seeded state (and the clock back to real time). */
  reset(): void;
}

/**
 * msw handlers for the given contracts, each answering at its own base URL (by default the contract's
 * server URL). Throws a ContractError or FixtureError naming the id, pointer and line of a bad input, and an
 * Error when two contracts share an id or a base URL.
 *
 * @example
 * const mock = createBrowserHandlers([{ id: 'game-sessions', text: gameSessionsYaml }], { seed: 7, fixtureCount: 3 });
 * mock.mocks['game-sessions'].baseUrl; // 'https://game-sessions.example.com'
 * setupWorker(...mock.handlers).start();
 */
export function createBrowserHandlers(sources: readonly BrowserContractSource[], options: BrowserHandlersOptions = {}): BrowserMock {
  const mocks: Record<string, BrowserContractMock> = {};
  const mountedBy = new Map<string, string>();
  for (const source of sources) {
    if (Object.hasOwn(mocks, source.id)) throw new Error(`Failed to create browser handlers: the contract id "${source.id}" is given twice.`);
    const mock = createContractMock(source, options);
    const mount = mock.baseUrl.replace(/\/+$/, '').toLowerCase();
    const other = mountedBy.get(mount);
    if (other !== undefined) {
      throw new Error(`Failed to create browser handlers: "${other}" and "${source.id}" both answer ${mock.baseUrl}. Give one a baseUrl.`);
    }
    mountedBy.set(mount, source.id);
    mocks[source.id] = mock;
  }
  const all = Object.values(mocks);
  return {
    handlers: all.flatMap((mock) => mock.handlers),
    mocks,
    reset: () => all.forEach((mock) => mock.instance.reset()),
  };
}

function createContractMock(source: BrowserContractSource, options: BrowserHandlersOptions): BrowserContractMock {
  const contract = loadContractText(`${source.id}.yaml`, source.text);
  const fixtures = source.fixturesText === undefined ? undefined : parseFixtureSpec(`fixtures/${source.id}.yaml`, source.fixturesText);
  const baseUrl = source.baseUrl ?? contract.serverUrl;
  const built: MockHandlers = createHandlers(contract, {
    baseUrl,
    seed: options.seed,
    fixtures,
    fixtureCount: options.fixtureCount,
    jwtSecret: options.jwtSecret,
    clock: options.clock,
  });
  return { contract, baseUrl, handlers: built.handlers, instance: built.instance };
}
