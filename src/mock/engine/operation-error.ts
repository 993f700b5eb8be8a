import type { OperationModel } from '../../contract/model.ts';
import type { Situation } from '../../contract/vocabulary.ts';
import { renderErrorReply, type ErrorReply } from '../error-response.ts';
import type { MockInstance, MockReply } from '../instance.ts';
import { SituationError } from '../situation-error.ts';

/**
 * What a refused or failed operation answers: a SituationError gets the status and body the operation
 * documents for its situation (a 401 with its `WWW-Authenticate` challenge); anything else is a bug in the
 * mock, never the client's fault: a 500 in the API's shape that says so.
 */
export function operationErrorReply(instance: MockInstance, operation: OperationModel, error: unknown): MockReply {
  if (!(error instanceof SituationError)) {
    return renderErrorReply(instance.contract, operation.situations, 'fault', `The mock failed: ${(error as Error).message}`, [], instance.tools, 500);
  }
  const reply = renderErrorReply(instance.contract, operation.situations, error.situation, error.message, error.violations, instance.tools, error.status);
  return error.situation === 'unauthenticated' ? { ...reply, headers: challengeHeaders(operation) } : reply;
}

/** The operation's error reply for a situation met before its stages ran (a body over the limit). */
export function situationReply(instance: MockInstance, operation: OperationModel | undefined, situation: Situation, detail: string): ErrorReply {
  return renderErrorReply(instance.contract, operation?.situations ?? instance.contract.situations, situation, detail, [], instance.tools);
}

/** `WWW-Authenticate` for a refused request, as HTTP asks of a 401 (Basic and Bearer schemes). */
function challengeHeaders(operation: OperationModel): Record<string, string> | undefined {
  const schemes = operation.security.flat().filter((s) => s.type !== 'apiKey' && s.type !== 'mutualTLS');
  if (schemes.length === 0) return undefined;
  const names = [...new Set(schemes.map((s) => (s.scheme === 'basic' ? 'Basic' : s.scheme === 'bearer' ? 'Bearer' : s.scheme)))];
  return { 'www-authenticate': names.map((name) => `${name} realm="harness"`).join(', ') };
}
