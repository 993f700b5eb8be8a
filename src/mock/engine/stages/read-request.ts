import type { IncomingRequest } from '../../incoming.ts';
import { readMockRequest } from '../../request.ts';
import type { OperationExchange, Stage } from './stage.ts';

/** Path and query parameters decoded and validated, the body parsed and validated (request.ts). */
export const readRequestStage: Stage = {
  name: 'read request',
  applies: () => true,
  run: (exchange) => readRequest(exchange),
};

async function readRequest(exchange: OperationExchange): Promise<void> {
  const { instance, operation, url, params, principal, example } = exchange;
  const read = await readMockRequest(operation, measured(exchange), url, params, principal, instance.bodyLimit);
  exchange.mockRequest = example === undefined ? read : { ...read, prefer: { example } };
}

/** The request, noting how many body bytes were read from it. */
function measured(exchange: OperationExchange): IncomingRequest {
  const request = exchange.request;
  return {
    method: request.method,
    header: (name) => request.header(name),
    bytes: async () => {
      const bytes = await request.bytes();
      exchange.bodyBytes = bytes.byteLength;
      return bytes;
    },
  };
}
