import type { ContractModel, OperationModel } from '../../../src/contract/model.ts';
import type { HttpResponse } from '../../../src/runner/http-client.ts';
import { createRunState } from '../../../src/runner/transport.ts';
import { SUCCESS, type CheckContext, type Exchange, type Expectation, type Facts, type TrackedRecord } from '../../../src/runner/types.ts';

/** A check context for one operation of a contract, as a step with these expectations would give it. */
export function contextFor(
  contract: ContractModel,
  operationId: string,
  options: { expect?: Expectation; facts?: Facts; title?: string; inferred?: boolean; principal?: string } = {},
): CheckContext {
  const operation = operationOf(contract, operationId);
  const state = createRunState(contract, { baseUrl: 'http://target.test', pathParams: {}, allowDestructive: false, timeoutMs: 1000, seed: 1, only: [] });
  return {
    contract,
    operation,
    state,
    facts: { principal: options.principal, ...options.facts },
    step: {
      operation,
      subject: operation,
      title: options.title ?? 'step',
      expect: options.expect ?? SUCCESS,
      checks: [],
      inferred: options.inferred ?? false,
      reported: true,
      prepare: () => ({ skip: 'not run' }),
    },
  };
}

export function operationOf(contract: ContractModel, id: string): OperationModel {
  const operation = contract.operations.find((op) => op.id === id);
  if (!operation) throw new Error(`no operation ${id}`);
  return operation;
}

/** An exchange whose response has this status and body (JSON unless told otherwise). */
export function exchangeOf(status: number, body?: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }): Exchange {
  const text = body === undefined ? undefined : typeof body === 'string' && !headers['content-type']?.includes('json') ? body : JSON.stringify(body);
  const isJson = text !== undefined && (headers['content-type'] ?? '').includes('json');
  const response: HttpResponse = { status, headers, text, body: isJson ? body : text, isJson };
  return {
    request: { method: 'GET', url: 'http://target.test/x', headers: {} },
    result: { request: { method: 'GET', url: 'http://target.test/x', headers: {} }, response, durationMs: 1 },
    response,
  };
}

/** A tracked record for facts. */
export function recordOf(contract: ContractModel, operationId: string, fields: Partial<TrackedRecord> = {}): TrackedRecord {
  const operation = operationOf(contract, operationId);
  return {
    label: 'test', resource: operation.behaviour.resource, createOperation: operation, owner: 'user1', pathValues: {},
    id: 'wid_abcdefgh', unavailable: undefined, view: undefined, createdView: undefined, written: {}, deleted: false, ...fields,
  };
}
