import { readMockRequest, type ReadRequest } from '../../request.ts';
import type { OperationExchange, Stage } from './stage.ts';

/** Path and query parameters decoded and validated, the body parsed and validated (request.ts). */
export const readRequestStage: Stage = {
  name: 'read request',
  applies: () => true,
  run(exchange) {
    const { instance, operation, request, url, params, principal } = exchange;
    const read = readMockRequest(operation, request, url, params, principal, instance.bodyLimit);
    if (read instanceof Promise) return read.then((done) => settle(exchange, done));
    settle(exchange, read);
    return undefined;
  },
};

function settle(exchange: OperationExchange, read: ReadRequest): void {
  const example = exchange.example;
  exchange.mockRequest = example === undefined ? read.request : { ...read.request, prefer: { example } };
  exchange.bodyBytes = read.bodyBytes;
}
