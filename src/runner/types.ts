import type { Faker } from '@faker-js/faker';
import type { ContractModel, OperationModel, ResourceModel } from '../contract/model.ts';
import type { Situation } from '../contract/vocabulary.ts';
import type { HttpRequest, HttpResponse, HttpResult } from './http-client.ts';
import type { RunMemory } from './memory.ts';
import type { PatchFormat } from '../rules/patch-media.ts';

export interface RunOptions {
  readonly baseUrl: string;
  readonly token?: string;
  readonly token2?: string;
  /** A credential per security scheme name, for operations that need several or schemes that differ: wins over `token`. */
  readonly credentials?: Readonly<Record<string, string>>;
  /** The second identity's, as `credentials`. */
  readonly credentials2?: Readonly<Record<string, string>>;
  readonly pathParams: Readonly<Record<string, string>>;
  readonly allowDestructive: boolean;
  readonly timeoutMs: number;
  readonly seed: number;
  /** operationIds or tags; empty = everything. */
  readonly only: readonly string[];
  /** Extra headers sent with every request (lower-case names); the harness's own (auth, content type) win. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Stop the run (then clean up) once this many checks have failed; no limit when absent. */
  readonly maxFailures?: number;
}

/** Whose credentials a request carries. */
export type Actor = 'user1' | 'user2';

/** Deliberately wrong credentials. */
export type BadAuth = 'missing' | 'basic' | 'notJwt';

/**
 * What the situation calls for: a documented 2xx (`success`) and/or one of the error situations. `lenient`
 * expectations depend on something the contract cannot state (a size limit): a mismatch is a warning.
 */
export interface Expectation {
  readonly success: boolean;
  readonly situations: readonly Situation[];
  readonly lenient?: boolean;
  /**
   * The document itself says this request is refused (an invalid body where it documents the client error):
   * a success is never a guess, even when which refusal status it gets is.
   */
  readonly stated?: boolean;
  /**
   * HTTP's own answer to the request, not a situation's (a conditional request's 412, 304 or 428): the step's
   * own check judges it, and a document that omits the status is incomplete, not the server wrong.
   */
  readonly status?: 304 | 412 | 428;
}

export const SUCCESS: Expectation = { success: true, situations: [] };
export const refusal = (...situations: Situation[]): Expectation => ({ success: false, situations });

/** A record the run created (or tried to), followed through the workflow. */
export interface TrackedRecord {
  readonly label: string;
  readonly resource: ResourceModel;
  readonly createOperation: OperationModel;
  readonly owner: Actor;
  /** Path parameter values the record was created under (its scope). */
  readonly pathValues: Readonly<Record<string, string>>;
  id: string | undefined;
  /** Why there is no usable record (its create failed, it was deleted...): the reason dependent steps skip. */
  unavailable: string | undefined;
  /** The record as last seen in a response (as far as the response showed it). */
  view: Record<string, unknown> | undefined;
  /** As the create response showed it. */
  createdView: Record<string, unknown> | undefined;
  /** Stored fields the client wrote, as they must read back. */
  written: Record<string, unknown>;
  /** Fields a patch removed since (none written again): they must not read back with a value. */
  removed?: readonly string[];
  deleted: boolean;
}

/** Mutable state of one run: credentials, parameter values, records, what steps keep for later steps. */
export interface RunState {
  readonly contract: ContractModel;
  readonly options: RunOptions;
  readonly faker: Faker;
  readonly credentials: Readonly<Record<Actor, string | undefined>>;
  /** Credentials given per security scheme name: used for that scheme instead of `credentials`. */
  readonly schemeCredentials: Readonly<Record<Actor, Readonly<Record<string, string>>>>;
  /** The callers' identities, where the credential tells (JWT claims). */
  readonly principals: Readonly<Record<Actor, string | undefined>>;
  /** Values of path parameters that are not record ids (scopes, section names). */
  readonly pathValues: Map<string, string>;
  readonly records: Map<string, TrackedRecord>;
  /** Values steps keep for later ones, in slots the plan names (see memory.ts). */
  readonly memory: RunMemory;
}

export interface RequestSpec {
  readonly actor: Actor;
  readonly badAuth?: BadAuth;
  readonly path: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string>>;
  /** Header parameters left out on purpose (a required one, to see it refused). */
  readonly omitHeaders?: readonly string[];
  /** Headers the step sends on purpose (lower-case names: a conditional request's `if-match`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Cookie parameters left out on purpose, likewise. */
  readonly omitCookies?: readonly string[];
  /** Serialised as JSON (or as the operation's only form type). */
  readonly body?: unknown;
  /** A form type the operation documents beside JSON, to send `body` as instead. */
  readonly form?: 'application/x-www-form-urlencoded';
  /** A JSON media type the operation documents, to send `body` as (a patch format: rules/patch-media.ts). */
  readonly mediaType?: string;
  /** Sent as is, instead of `body` (malformed JSON, oversized bodies). */
  readonly rawBody?: string;
  /** What to show of a raw body in reports. */
  readonly rawBodySummary?: string;
  /** The raw body is past common size limits: a server may stop reading it and close the connection. */
  readonly oversized?: boolean;
}

/** Inputs the behaviour checks of a step compare the response with. */
export interface Facts {
  readonly record?: TrackedRecord;
  /** The record as last seen before this step. */
  readonly before?: Record<string, unknown>;
  /** Stored fields that must read back. */
  readonly written?: Record<string, unknown>;
  /** Fields a patch removed: they must not read back with a value. */
  readonly removed?: readonly string[];
  /** A merge-patch or JSON Patch sent: how its body reads (rules/patch-media.ts). */
  readonly patch?: { readonly format: PatchFormat; readonly body: unknown };
  /** Which generated and transient rules apply: the record was just created or updated. */
  readonly event?: 'create' | 'update';
  /** The body sent, for `when` rules and set-once triggers. */
  readonly sentBody?: Record<string, unknown>;
  /** The caller's identity, when known. */
  readonly principal?: string;
  /** Set-once rules: the first write, the refused second one, the read that must show the first value. */
  readonly setOnce?: { readonly field: string; readonly phase: 'first' | 'second' | 'verify'; readonly value?: unknown };
  /** `readOnly` fields a create sent with the client's own values: never stored as sent. */
  readonly readOnlySent?: Record<string, unknown>;
  /** Fields a replace left out, with the values earlier writes stored there. */
  readonly omitted?: Record<string, unknown>;
  /** A count the response must report (count operations). */
  readonly expectedCount?: number;
  /** For list checks. */
  readonly limit?: number;
  readonly max?: number;
  /** The limit parameter's description says it caps the page: list_limit judges on the document's word. */
  readonly capStated?: boolean;
  /** Items of an earlier page (list_skip, list_cursor: the page continues after item `after`) or list (count_matches_list). */
  readonly reference?: { readonly items: readonly unknown[]; readonly limit?: number; readonly skip?: number; readonly after?: number };
  /** A filtered list: every item holds `value` in `field`. */
  readonly filter?: { readonly field: string; readonly value: unknown };
  /** The order a sorted list must be in. */
  readonly sorted?: { readonly field: string; readonly descending: boolean };
  /** Section value written (write then read). */
  readonly section?: { readonly value: unknown };
  /** Which members are expected after a membership action: the caller joined or left. */
  readonly membership?: 'joined' | 'left';
  /** Scope isolation: which parameter values the record lives under and which were asked. */
  readonly scope?: { readonly name: string; readonly home: string; readonly asked: string };
  /**
   * A conditional request (rules/etag.ts): a write with a stale `If-Match` (refused with 412), the read after
   * it (the tag unchanged), a read with the current tag in `If-None-Match` (304), a write without a required
   * `If-Match` (428). `tag` is the tag read before.
   */
  readonly conditional?: { readonly phase: 'stale' | 'unchanged' | 'notModified' | 'required'; readonly tag?: string };
  readonly note?: string;
}

export interface Exchange {
  readonly request: HttpRequest;
  /** The body as a value (what `request.body` serialises), or a summary of a raw body. */
  readonly requestBody?: unknown;
  readonly result: HttpResult;
  readonly response?: HttpResponse;
}

export interface Finding {
  readonly message: string;
  readonly expected?: string;
  readonly actual?: string;
  readonly pointer?: string;
  /** Rests on a fact the contract marks x-inferred: reported as a warning. */
  readonly inferred?: boolean;
  /** A precondition did not hold: reported as skipped, with the message as the reason. */
  readonly skip?: boolean;
}

export interface CheckContext {
  readonly contract: ContractModel;
  readonly operation: OperationModel;
  readonly step: Step;
  readonly facts: Facts;
  readonly state: RunState;
}

/** Returns the failures (empty: passed), or null when the check does not apply to this exchange. */
export type CheckFunction = (exchange: Exchange, context: CheckContext) => Finding[] | null;

export type Prepared = { readonly request: RequestSpec; readonly facts: Facts } | { readonly skip: string };

/** The named state a step touches: records by label, memory slots and path parameters (`{project}`) by name. */
export interface StepDataflow {
  /** The record the step addresses. */
  readonly record?: string;
  /** The record the step creates. */
  readonly creates?: string;
  /** Memory slots it needs from earlier steps. */
  readonly reads: readonly string[];
  /** Memory slots it fills for later steps, and path parameters whose run-wide value it sets. */
  readonly writes: readonly string[];
}

export interface Step {
  /** The operation the request goes to. */
  readonly operation: OperationModel;
  /** The operation whose behaviour the step checks (`read after update` checks the update): reports and `--only` use it. */
  readonly subject: OperationModel;
  /** Setup steps run even when `--only` leaves their operation out, when later steps need what they create. */
  readonly setup?: boolean;
  /** Short, for the report: `create`, `read after update`, `no credentials`. */
  readonly title: string;
  readonly expect: Expectation;
  /** Behaviour checks beyond those every exchange gets. */
  readonly checks: readonly string[];
  /** The behaviour this step relies on is marked x-inferred: its failures are warnings. */
  readonly inferred: boolean;
  /** Steps of operations outside `--only` still run when later steps need them, but report nothing. */
  readonly reported: boolean;
  /** The run state the step uses, by name: what `--dry-run` shows of how steps depend on each other. */
  readonly dataflow?: StepDataflow;
  /** Request and facts, or why the step cannot run now. */
  prepare(state: RunState): Prepared;
  /** Bookkeeping after the exchange: ids, versions, what was written. */
  settle?(state: RunState, exchange: Exchange, facts: Facts): void;
}
