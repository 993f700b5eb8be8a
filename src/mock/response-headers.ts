import { documentingResponse } from '../contract/documented-status.ts';
import type { OperationModel } from '../contract/model.ts';
import type { MockReply } from './instance.ts';

/**
 * The reply with the response headers its status documents as required and the behaviour did not set:
 * each a value of its schema, made at load and written in its style (a list for an array).
 */
export function withDocumentedHeaders(operation: OperationModel, reply: MockReply): MockReply {
  if (!documentsRequiredHeaders(operation)) return reply;
  const documented = documentingResponse(operation.responses, reply.status);
  const missing = documented?.headers.filter((header) => header.required && header.sample !== undefined && reply.headers?.[header.name] === undefined) ?? [];
  if (missing.length === 0) return reply;
  const headers: Record<string, string> = { ...(reply.headers ?? {}) };
  for (const header of missing) headers[header.name] = header.sample!;
  return { ...reply, headers };
}

/** Whether any response of the operation documents a required header (decided once per operation: most document none). */
const requiredHeaders = new WeakMap<OperationModel, boolean>();

function documentsRequiredHeaders(operation: OperationModel): boolean {
  let known = requiredHeaders.get(operation);
  if (known === undefined) {
    known = [...operation.responses.values()].some((response) => response.headers.some((header) => header.required));
    requiredHeaders.set(operation, known);
  }
  return known;
}
