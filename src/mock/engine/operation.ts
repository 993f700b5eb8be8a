import type { OperationModel } from '../../contract/model.ts';
import type { IncomingRequest, RequestUrl } from '../incoming.ts';
import type { MockInstance, MockReply } from '../instance.ts';
import { withDocumentedHeaders } from '../response-headers.ts';
import { operationErrorReply } from './operation-error.ts';
import { authenticateStage } from './stages/authenticate.ts';
import { behaveStage } from './stages/behave.ts';
import { conditionalStage } from './stages/conditional.ts';
import { entityTagStage } from './stages/entity-tag.ts';
import { bodyLimitStage } from './stages/body-limit.ts';
import { preferStage } from './stages/prefer.ts';
import { readRequestStage } from './stages/read-request.ts';
import type { OperationExchange, Stage } from './stages/stage.ts';

/**
 * The order a routed request goes through, for every operation of every contract: fault injection first
 * (a `Prefer: status` answers even without credentials), then the declared body size, the credentials,
 * the parameters and body, the preconditions (If-Match...), the behaviour, and the answer's entity tag. Each stage refuses with the operation's own error.
 */
export const OPERATION_STAGES: readonly Stage[] = [preferStage, bodyLimitStage, authenticateStage, readRequestStage, conditionalStage, behaveStage, entityTagStage];

/** The stages that apply to an operation, decided once per operation. */
const applicable = new WeakMap<OperationModel, readonly Stage[]>();

function stagesFor(instance: MockInstance, operation: OperationModel): readonly Stage[] {
  let stages = applicable.get(operation);
  if (!stages) {
    stages = OPERATION_STAGES.filter((stage) => stage.applies(operation, instance.contract));
    applicable.set(operation, stages);
  }
  return stages;
}

/**
 * Runs one request to a routed operation through the stages and answers what the last one produced, or the
 * operation's error for the first refusal. At once when no stage has anything to wait for. Never throws.
 */
export function runOperation(instance: MockInstance, operation: OperationModel, request: IncomingRequest, url: RequestUrl, params: Readonly<Record<string, string>>): MockReply | Promise<MockReply> {
  const exchange: OperationExchange = { instance, operation, request, url, params, example: undefined, principal: undefined, mockRequest: undefined, bodyBytes: 0, reply: undefined, created: undefined };
  const reply = runFrom(exchange, stagesFor(instance, operation), 0);
  return reply instanceof Promise ? reply.then((answered) => withDocumentedHeaders(operation, answered)) : withDocumentedHeaders(operation, reply);
}

function runFrom(exchange: OperationExchange, stages: readonly Stage[], first: number): MockReply | Promise<MockReply> {
  try {
    for (let index = first; index < stages.length; index++) {
      const pending = stages[index].run(exchange);
      if (pending) return pending.then(() => runFrom(exchange, stages, index + 1), (error: unknown) => operationErrorReply(exchange.instance, exchange.operation, error));
    }
    return exchange.reply!;
  } catch (error) {
    return operationErrorReply(exchange.instance, exchange.operation, error);
  }
}
