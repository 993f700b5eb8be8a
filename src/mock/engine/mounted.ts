import type { IncomingRequest, RequestUrl } from '../incoming.ts';
import type { MockInstance } from '../instance.ts';
import type { ControlRoute } from './control.ts';
import type { OperationRoute } from './dispatch.ts';
import { BodyTooLargeError, jsonResponse, replyResponse, type EngineRequest, type EngineResponse } from './exchange.ts';
import { situationReply } from './operation-error.ts';
import { runOperation } from './operation.ts';
import { chooseVariant } from './variant-choice.ts';

/**
 * A request below a mount once its body is read within the limit: the control route, the routed
 * operation's stages, or the contract's 404; a body over the limit is the operation's (or the contract's)
 * `tooLarge`.
 */

/** What routing found below a mount. */
export interface Below {
  readonly request: EngineRequest;
  readonly method: string;
  readonly url: RequestUrl;
  readonly instance: MockInstance;
  readonly match: OperationRoute | undefined;
  readonly control: ControlRoute | undefined;
}

/** The body read: the control route, the routed operation's stages, or the contract's 404. */
export function answerWithBody({ request, method, url, instance, match, control }: Below, body: Uint8Array): EngineResponse | Promise<EngineResponse> {
  if (control) return control({ url, body });
  if (!match) return replyResponse(instance, instance.errorReply('notFound', `No operation matches ${method} ${url.pathname}.`));
  const read = incoming(request, body);
  const chosen = chooseVariant(instance, match, read, url);
  const reply = runOperation(instance, chosen.operation, read, url, chosen.params);
  return reply instanceof Promise ? reply.then((done) => replyResponse(instance, done)) : replyResponse(instance, reply);
}

/** The body could not be read: over the limit (`tooLarge`) or a broken stream (400). */
export function refusedBody({ instance, match }: Below, error: unknown): EngineResponse {
  if (!(error instanceof BodyTooLargeError)) return jsonResponse(400, { error: `The request body could not be read: ${(error as Error).message}.` });
  return replyResponse(instance, situationReply(instance, match?.operation, 'tooLarge', error.message));
}

/** The request as the operation pipeline reads it: the body is the one already read within the limit. */
function incoming(request: EngineRequest, body: Uint8Array): IncomingRequest {
  return new ReadRequest(request, body);
}

/** A class rather than an object of closures: one allocation per request. */
class ReadRequest implements IncomingRequest {
  readonly method: string;
  readonly body: Uint8Array;
  private readonly request: EngineRequest;

  constructor(request: EngineRequest, body: Uint8Array) {
    this.request = request;
    this.method = request.method;
    this.body = body;
  }

  header(name: string): string | null {
    return this.request.header(name);
  }

  bytes(): Promise<Uint8Array> {
    return Promise.resolve(this.body);
  }
}
