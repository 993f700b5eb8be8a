import type { Faker } from '@faker-js/faker';
import type { ContractModel, OperationModel } from '../contract/model.ts';
import type { PatchFormat } from '../rules/patch-media.ts';
import type { Random } from '../template/random.ts';
import { TemplateScope, type TemplateContext } from '../template/render.ts';
import type { RequestClock } from './clock.ts';
import type { MockStore, StoredRecord } from './store.ts';

/** The state one contract's mock works on. */
export interface MockContext {
  readonly contract: ContractModel;
  readonly store: MockStore;
  readonly clock: RequestClock;
  readonly random: Random;
  /** For values generated from a schema at run time (reseeded from `random` before each use). */
  readonly faker: Faker;
}

/** A request after authentication and validation: what behaviours act on. */
export interface MockRequest {
  readonly operation: OperationModel;
  readonly path: Readonly<Record<string, unknown>>;
  readonly query: Readonly<Record<string, unknown>>;
  readonly body: unknown;
  /** The JSON text `body` was parsed from, when it was plain JSON (store.ts: what a created record rests as). */
  readonly bodyText?: string;
  /** The patch format the body came in (its Content-Type: rules/patch-media.ts); undefined for any other. */
  readonly patch?: PatchFormat;
  /** The caller's identity; undefined for operations without security. */
  readonly principal: string | undefined;
  /** What the client asked for with `Prefer` (an example by name). */
  readonly prefer?: { readonly example?: string };
}

/**
 * What a behaviour answers on success. `body: undefined` means no body; a string body of a non-JSON media
 * type is sent as text. Without `mediaType` the body is JSON.
 */
export interface MockResult {
  readonly status: number;
  readonly body: unknown;
  readonly mediaType?: string;
  /** The record the behaviour stored (a create): what the answer shows, and the entity tag it carries. */
  readonly created?: StoredRecord;
}

/** One clock reading for the whole context: `${now}` in two fields of one write is the same instant. */
export function templateContext(context: MockContext, vars: Record<string, unknown>): TemplateContext {
  return new TemplateScope(vars, context.random, context.clock.now());
}

/** What a response or generated value may name besides the request: the record, a list, a count, a section. */
export interface ResultVars {
  readonly record?: unknown;
  readonly items?: unknown[];
  readonly count?: number;
  /** Whether records are left beyond the list's page. */
  readonly more?: boolean;
  readonly section?: unknown;
}

/** The names a template sees: the request's values and the result's (one object literal: every request builds it). */
export function requestVars(request: MockRequest, result: ResultVars = {}): Record<string, unknown> {
  return {
    path: request.path, query: request.query, body: request.body, principal: request.principal,
    record: result.record, items: result.items, count: result.count, more: result.more, section: result.section,
  };
}
