import { endpointVariants } from '../contract/endpoint-variants.ts';
import type { ContractModel, OperationModel } from '../contract/model.ts';
import { isJsonMediaType } from '../shared/media-type.ts';
import { documentedResponse, isSuccessStatus } from './checks/support.ts';
import type { HttpResponse } from './http-client.ts';
import { SUCCESS, type Exchange, type Step } from './types.ts';

/**
 * The step as the endpoint variant that answered it (`/boards` and `/boards#pinned` are one endpoint): a
 * server cannot know which variant a client meant, so an answer the step's operation does not explain, but
 * another variant documents and whose request the variant takes, is that variant's answer to a valid request.
 * An answer no variant explains stays the step's own: a broken server is still caught.
 */
export function asAnsweringVariant(contract: ContractModel, step: Step, exchange: Exchange): Step {
  const response = exchange.response;
  const variants = endpointVariants(contract, step.operation);
  if (variants.length === 0 || response === undefined) return step;
  // A success to a request the step means to be refused is another variant's, when one takes the request.
  const refusalExpected = !step.expect.success && isSuccessStatus(response.status);
  if (!refusalExpected && explains(step.operation, response)) return step;
  const answering = variants.find((variant) => variant !== step.operation && explains(variant, response) && takesRequest(variant, exchange));
  if (answering === undefined) return step;
  return { ...step, operation: answering, expect: isSuccessStatus(response.status) ? SUCCESS : step.expect };
}

function explains(operation: OperationModel, response: HttpResponse): boolean {
  const documented = documentedResponse(operation, response.status);
  if (documented === undefined) return false;
  return documented.validate === undefined || response.body === undefined || documented.validate(structuredClone(response.body));
}

/** The variant would read the request as valid: its body (as sent) passes the variant's schema. */
function takesRequest(variant: OperationModel, exchange: Exchange): boolean {
  const text = exchange.request.body;
  if (text === undefined) return variant.body?.required !== true;
  if (!variant.body) return true;
  if (!isJsonMediaType(exchange.request.headers['content-type'])) return variant.body.validate(structuredClone(exchange.requestBody));
  try {
    return variant.body.validate(JSON.parse(text));
  } catch {
    return false;
  }
}
