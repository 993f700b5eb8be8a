import { expect } from 'vitest';
import type { ContractModel, OperationModel } from '../../../src/contract/model.ts';
import type { Validator } from '../../../src/schema/ajv.ts';
import type { RawReply } from './http.ts';

/**
 * Where a request target lands, worked out independently of the mock's router from the rules the mock
 * documents: the first path segment names the contract, `//` collapses, a trailing `/` is allowed, static
 * segments win over parameters (the model's operation order), `{param}` matches one non-empty segment.
 */
export type Landing =
  | { readonly kind: 'operation'; readonly contract: ContractModel; readonly operation: OperationModel }
  | { readonly kind: 'control' }
  | { readonly kind: 'unmatched'; readonly contract: ContractModel }
  | { readonly kind: 'unmounted' };

export function landingOf(contracts: readonly ContractModel[], method: string, target: string): Landing {
  // An origin-form target is a path even when it starts with `//`; an absolute-form one is a URL.
  const pathname = (target.startsWith('/') ? new URL(`http://mock.local${target}`) : new URL(target)).pathname;
  const segments = pathname.split('/');
  if (segments[1] === '__harness') return { kind: 'control' };
  const contract = contracts.find((c) => c.id === segments[1]);
  if (!contract) return { kind: 'unmounted' };
  const below = `/${segments.slice(2).join('/')}`.replace(/\/{2,}/g, '/');
  if (below === '/__harness' || below.startsWith('/__harness/')) return { kind: 'control' };
  const wanted = below.length > 1 && below.endsWith('/') ? below.slice(0, -1) : below;
  const parts = wanted.split('/');
  for (const operation of contract.operations) {
    if (operation.method !== method) continue;
    const template = operation.path.split('/');
    if (template.length !== parts.length) continue;
    if (template.every((segment, i) => (/^\{[^}]+\}$/.test(segment) ? parts[i] !== '' : segment === parts[i]))) {
      return { kind: 'operation', contract, operation };
    }
  }
  return { kind: 'unmatched', contract };
}

/** The schema of the response an operation documents for a status (exact, then `4XX`, then `default`). */
export function documentedResponse(operation: OperationModel, status: number) {
  return operation.responses.get(String(status)) ?? operation.responses.get(`${String(status)[0]}XX`) ?? operation.responses.get('default');
}

/** The contract's `notFound` body schema: what the 404 of any operation documents. */
export function notFoundValidator(contract: ContractModel): Validator {
  for (const operation of contract.operations) {
    const response = operation.responses.get(String(contract.situations.notFound.status ?? 404));
    if (response?.validate) return response.validate;
  }
  throw new Error(`${contract.id} documents no notFound body`);
}

export interface Exchange {
  readonly method: string;
  readonly target: string;
  /** A short description of what was sent, for failure messages. */
  readonly sent: string;
  readonly reply: RawReply;
  /** `JSON.stringify(instance.state())` of the contract the target lands in, before and after. */
  readonly stateBefore: string | undefined;
  readonly stateAfter: string | undefined;
}

function describe(exchange: Exchange): string {
  const body = exchange.reply.bytes.length > 400 ? `${exchange.reply.bytes.subarray(0, 400).toString()}...` : exchange.reply.bytes.toString();
  return `${exchange.method} ${exchange.target.slice(0, 300)} (${exchange.sent}) -> ${exchange.reply.status} ${body}`;
}

/**
 * The fuzzing properties for one exchange: never a 5xx; a 4xx carries a JSON body that the contract
 * documents for that status on the operation (or the contract's notFound shape off the operations) and
 * leaves the store exactly as it was; a 2xx of an operation matches what the operation documents.
 */
export function expectRobust(contracts: readonly ContractModel[], exchange: Exchange): void {
  const { reply, method } = exchange;
  const what = describe(exchange);
  expect(reply.status, what).toBeGreaterThanOrEqual(100);
  expect(reply.status, `never a 5xx: ${what}`).toBeLessThan(500);
  const landing = landingOf(contracts, method, exchange.target);
  const hasBody = method !== 'HEAD' && reply.status !== 204 && reply.status !== 304;

  if (reply.status >= 400) {
    expect(exchange.stateAfter, `a rejected request changed the store: ${what}`).toBe(exchange.stateBefore);
    if (!hasBody) return;
    expect(String(reply.headers['content-type']), what).toMatch(/^application\/json/);
    expect(typeof reply.body === 'object' && reply.body !== null, `JSON error body: ${what}`).toBe(true);
    if (landing.kind === 'operation') {
      const response = documentedResponse(landing.operation, reply.status);
      expect(response, `${landing.contract.id} ${landing.operation.id} documents ${reply.status}: ${what}`).toBeDefined();
      if (response!.validate) expect(response!.validate(reply.body), `${JSON.stringify(response!.validate.errors)}: ${what}`).toBe(true);
    } else if (landing.kind === 'unmounted') {
      expect(reply.status, `nothing is mounted there: ${what}`).toBe(404);
    } else if (landing.kind === 'unmatched') {
      expect(reply.status, what).toBe(landing.contract.situations.notFound.status ?? 404);
      const validate = notFoundValidator(landing.contract);
      expect(validate(reply.body), `notFound shape ${JSON.stringify(validate.errors)}: ${what}`).toBe(true);
    }
    return;
  }
  if (landing.kind === 'operation' && reply.status >= 200 && reply.status < 300) {
    const response = documentedResponse(landing.operation, reply.status);
    expect(response, `${landing.operation.id} documents ${reply.status}: ${what}`).toBeDefined();
    if (hasBody && response!.validate) expect(response!.validate(reply.body), `${JSON.stringify(response!.validate.errors)}: ${what}`).toBe(true);
  }
}
