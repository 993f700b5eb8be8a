import { documentedPageCap } from '../../rules/page-cap.ts';
import { documentingResponse } from '../../contract/documented-status.ts';
import type { OperationModel, ResponseModel } from '../../contract/model.ts';
import type { Situation } from '../../contract/vocabulary.ts';
import { extractItems, extractRecord, locateRecord, type RecordLocation } from '../locate.ts';
import type { CheckContext, Exchange, Finding } from '../types.ts';

/** The documented response for a status: exact, then its class (`4XX`), then `default`. */
export function documentedResponse(operation: OperationModel, status: number): ResponseModel | undefined {
  return documentingResponse(operation.responses, status);
}

/**
 * A success status the operation documents as one: by its code or `2XX`, or by `default` only where no 2xx
 * is documented (a `default` beside a documented 201 is the error shape, not another success).
 */
export function documentsAsSuccess(operation: OperationModel, status: number): boolean {
  const keys = [...operation.responses.keys()].map((key) => key.toUpperCase());
  if (keys.includes(String(status)) || keys.includes('2XX')) return true;
  return keys.includes('DEFAULT') && !keys.some((key) => key.startsWith('2'));
}

/** No 2xx, `2XX` or `default` response: the document says nothing a success could be checked against. */
export function documentsNoSuccess(operation: OperationModel): boolean {
  return ![...operation.responses.keys()].some((key) => key === 'default' || key.startsWith('2'));
}

export function isSuccessStatus(status: number | undefined): boolean {
  return status !== undefined && status >= 200 && status < 300;
}

/** Statuses the step's expectation accepts, for messages and comparisons. */
export function acceptedStatuses(context: CheckContext): { statuses: number[]; anySuccess: boolean; anyClientError: boolean; label: string } {
  const { operation, step } = context;
  const statuses: number[] = [];
  const labels: string[] = [];
  let anyClientError = false;
  if (step.expect.success) labels.push(`${operation.successStatus} (success)`);
  for (const situation of step.expect.situations) {
    const model = operation.situations[situation];
    // Without declarations the situation's status is a convention: any documented client error will do.
    if (model.documented === false || !context.contract.declared) anyClientError = true;
    const status = model.status;
    if (status === undefined) continue;
    statuses.push(status);
    labels.push(`${status} (${situation})`);
  }
  if (anyClientError) labels.push('a documented 4xx');
  return { statuses, anySuccess: step.expect.success, anyClientError, label: labels.join(' or ') };
}

/** Statuses HTTP itself prescribes for a situation: a document that omits them is incomplete, the server is not wrong. */
export const PRESCRIBED: Readonly<Partial<Record<Situation, readonly number[]>>> = {
  unauthenticated: [401], forbidden: [403], notFound: [404], malformed: [400, 415], invalid: [400, 422], tooLarge: [413], conflict: [409],
};

/**
 * Whether a valid request's refusal for its credentials may be the run's fault: `--token` is a credential for
 * the document's main scheme, and none of the operation's alternatives takes that scheme, so what was sent
 * (the same token as a Basic password, a query key, a cookie) was a guess.
 */
export function credentialsGuessed(context: CheckContext, status: number): boolean {
  const main = context.contract.security;
  if (!context.step.expect.success || context.step.expect.situations.includes('unauthenticated')) return false;
  if ((status !== 401 && status !== 403) || !main) return false;
  const alternatives = context.operation.security.filter((alternative) => alternative.length > 0);
  return alternatives.length > 0 && !alternatives.some((alternative) => alternative.some((scheme) => scheme.name === main.name));
}

/** The status HTTP prescribes for one of the refusals the step expects, where the document does not declare its statuses. */
export function prescribedForExpected(context: CheckContext, status: number): boolean {
  const { step, operation, contract } = context;
  // A conditional request's 412, 304 or 428 is HTTP's answer whether or not the operation documents it.
  if (step.expect.status === status) return true;
  return step.expect.situations.some((situation) =>
    (operation.situations[situation].documented === false || !contract.declared) && PRESCRIBED[situation]?.includes(status) === true);
}

/** Whether every situation the step expects is one the contract marks x-inferred. */
export function situationsInferred(operation: OperationModel, situations: readonly Situation[]): boolean {
  return situations.length > 0 && situations.every((s) => operation.situations[s].inferred);
}

const locations = new WeakMap<object, RecordLocation>();

/** Where the operation's responses put the record (cached per operation). */
export function locationOf(operation: OperationModel): RecordLocation {
  let location = locations.get(operation);
  if (!location) {
    location = locateRecord(operation.behaviour.response === undefined ? '${record}' : operation.behaviour.response);
    locations.set(operation, location);
  }
  return location;
}

/** The record in a successful response, as far as the operation's template shows it. */
export function recordIn(exchange: Exchange, operation: OperationModel): Record<string, unknown> | undefined {
  if (!exchange.response?.isJson) return undefined;
  return extractRecord(locationOf(operation), exchange.response.body);
}

/**
 * How many items one answer of the list can hold: the limit the step asked for, or the documented array's
 * `maxItems` (an account's one allow list: `maxItems: 1`), whichever is smaller. A full answer may go on.
 */
export function pageCapacity(exchange: Exchange, operation: OperationModel, limit: number | undefined): number | undefined {
  const schema = exchange.response ? documentedResponse(operation, exchange.response.status)?.schema : undefined;
  const documented = documentedPageCap(operation.behaviour.response, schema);
  return limit === undefined ? documented : documented === undefined ? limit : Math.min(limit, documented);
}

export function itemsIn(exchange: Exchange, operation: OperationModel): unknown[] | undefined {
  if (!exchange.response?.isJson) return undefined;
  return extractItems(locationOf(operation), exchange.response.body);
}

/**
 * The precondition of the list checks: a successful answer (requireSuccess) holding the list where the
 * contract says. Otherwise `skipped`, the skip that says why.
 * @example const { items, skipped } = listedItems(exchange, context.operation); if (skipped) return skipped;
 */
export function listedItems(exchange: Exchange, operation: OperationModel): { items: unknown[]; skipped?: undefined } | { items?: undefined; skipped: Finding[] } {
  const unsuccessful = requireSuccess(exchange);
  if (unsuccessful) return { skipped: unsuccessful };
  const items = itemsIn(exchange, operation);
  return items ? { items } : { skipped: [{ skip: true, message: 'the response holds no list where the contract says' }] };
}

/**
 * The common precondition of behaviour checks: the request got a 2xx with a readable body. Otherwise a skip
 * that says why (the status checks already report the failure itself).
 */
export function requireSuccess(exchange: Exchange): Finding[] | undefined {
  const response = exchange.response;
  if (!response) return [{ skip: true, message: `no response: ${exchange.result.error ?? 'transport error'}` }];
  if (!isSuccessStatus(response.status)) return [{ skip: true, message: `the request did not succeed (status ${response.status})` }];
  if (response.bodyError || response.parseError) return [{ skip: true, message: `the body could not be read: ${response.bodyError ?? response.parseError}` }];
  return undefined;
}

/** A short rendering of a value for expected/actual lines: JSON, cut at 120 characters. */
export function show(value: unknown): string {
  if (value === undefined) return '(absent)';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

export function keyOf(item: unknown, key: string): string | undefined {
  if (item === null || typeof item !== 'object') return undefined;
  const value = (item as Record<string, unknown>)[key];
  return value === undefined || value === null ? undefined : String(value);
}

export function isEmpty(value: unknown): boolean {
  return value === undefined || value === null;
}
