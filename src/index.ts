/** The public API for Node: load contracts, build msw handlers, serve them, run conformance checks. */
export { loadContract, loadContractFile, loadContractText, listBundledContractIds, CONTRACTS_DIR, FIXTURES_DIR } from './contract/index.ts';
export { ContractError } from './contract/errors.ts';
export type { ContractModel, OperationModel, ResourceModel } from './contract/model.ts';
export { createHandlers, type CreateHandlersOptions, type MockHandlers } from './mock/handlers.ts';
export { createMockInstance, type MockInstance, type MockOptions } from './mock/instance.ts';
export { createClock, type MockClock } from './mock/clock.ts';
export { startMockServer, type MockServer, type MockServerOptions } from './mock/server.ts';
export { createMockMiddleware, type MockMiddleware } from './mock/middleware.ts';
export { exampleToken, authorizationHeader } from './auth/example-token.ts';
export { loadFixtureSpec } from './seeder/load.ts';
export { parseFixtureSpec, FixtureError, type FixtureSpec } from './seeder/spec.ts';
export { runConformance } from './runner/engine.ts';
export type { CheckResult, CheckStatus, ExchangeRecord, OperationLocation, Reporter, RunEvent, RunSummary } from './runner/events.ts';
export {
  createReporters,
  createConsoleReporter,
  createLiveConsoleReporter,
  createJsonReporter,
  createJunitReporter,
  createGithubReporter,
  createHtmlReporter,
  fanOut,
  REPORTER_NAMES,
  JSON_REPORT_SCHEMA_VERSION,
  type ReporterName,
  type ReportersOptions,
  type JsonReport,
} from './report/index.ts';
