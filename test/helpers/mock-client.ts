import { expect } from 'vitest';
import { authorizationHeader, exampleToken } from '../../src/auth/example-token.ts';
import type { ContractModel } from '../../src/contract/model.ts';

export interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

/** A tiny client for one mounted contract: authorised as `principal` unless told otherwise. */
export function clientFor(contract: ContractModel, baseUrl: string, principal = 'alice') {
  const auth = contract.security ? authorizationHeader(contract.security, exampleToken(contract.security, principal)) : undefined;
  async function send(method: string, path: string, options: { body?: unknown; raw?: string; headers?: Record<string, string>; auth?: string | null } = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...options.headers };
    const authorization = options.auth === undefined ? auth : options.auth;
    if (authorization) headers.authorization = authorization;
    let body: string | undefined = options.raw;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(baseUrl + path, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = undefined;
    if (text !== '') {
      try { parsed = JSON.parse(text); } catch { parsed = text; }
    }
    return { status: response.status, headers: response.headers, body: parsed };
  }
  return { send, auth };
}

/** Asserts the reply's status is documented for the operation and its body matches that status's schema. */
export function expectDocumented(contract: ContractModel, operationId: string, reply: Reply): void {
  const operation = contract.operations.find((op) => op.id === operationId);
  expect(operation, `operation ${operationId}`).toBeDefined();
  const response = operation!.responses.get(String(reply.status)) ?? operation!.responses.get('default');
  expect(response, `${operationId} documents ${reply.status}; body ${JSON.stringify(reply.body)}`).toBeDefined();
  if (response!.validate) {
    const valid = response!.validate(reply.body);
    expect(valid, `${operationId} ${reply.status} body ${JSON.stringify(reply.body)}: ${JSON.stringify(response!.validate.errors)}`).toBe(true);
  }
}
