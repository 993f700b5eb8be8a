import { isDocumentedStatus, BY_CODE } from '../contract/documented-status.ts';
import type { ContractModel, HeaderModel, OperationModel, ResourceModel } from '../contract/model.ts';
import type { OperationKind } from '../contract/vocabulary.ts';

/**
 * Conditional requests (RFC 9110 §13), inferred from the document: a resource one of whose operations
 * documents an `ETag` response header has entity tags naming each record's state; its writes that document
 * `If-Match` (or a 412) refuse a tag that is not current, and its reads that document 304 answer it to an
 * `If-None-Match` naming the current tag. Nothing here is declared in x-harness: the document's own words
 * (the parameter and the status both documented) make a rule stated, one of them alone an inference.
 */

/** What a record's entity tag is made from: its key and a revision that changes on every write. */
export function entityTag(key: string, revision: number): string {
  return `${hashOf(key)}-${revision.toString(36)}`;
}

/** FNV-1a of the key, base 36: the tag tells records apart without showing their key. */
function hashOf(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(36);
}

/** How a tag is written in a header: quoted (strong), weak, or bare where the document's schema wants it so. */
const FORMS: readonly ((opaque: string) => string)[] = [(o) => `"${o}"`, (o) => `W/"${o}"`, (o) => o];
const formOf = new WeakMap<HeaderModel, (opaque: string) => string>();

/** The tag as the header shows it: the first form the documented header's schema accepts (quoted when none does). */
export function shownTag(opaque: string, header: HeaderModel | undefined): string {
  if (!header?.validate) return FORMS[0](opaque);
  let form = formOf.get(header);
  if (!form) {
    form = FORMS.find((candidate) => header.validate!(candidate('0a-1')) === true) ?? FORMS[0];
    formOf.set(header, form);
  }
  return form(opaque);
}

interface ParsedTag {
  readonly weak: boolean;
  readonly opaque: string;
}

/** A header's entity tags (`*` as 'any'); bare tokens are read as tags too (some documents show them unquoted). */
export function parseTags(value: string): 'any' | ParsedTag[] {
  if (value.trim() === '*') return 'any';
  const tags: ParsedTag[] = [];
  for (const match of value.matchAll(/\s*(W\/)?("([^"]*)"|[^\s,"]+)\s*(,|$)/g)) {
    tags.push({ weak: match[1] !== undefined, opaque: match[3] ?? match[2] });
  }
  return tags;
}

/** `If-Match` holds: `*` and a record, or a strong tag equal to the current one (strong comparison, §13.1.1). */
export function ifMatchHolds(value: string, current: string | undefined): boolean {
  const tags = parseTags(value);
  if (tags === 'any') return current !== undefined;
  return current !== undefined && tags.some((tag) => !tag.weak && tag.opaque === current);
}

/** `If-None-Match` holds: no tag names the current one (weak comparison, §13.1.2); `*` holds only without a record. */
export function ifNoneMatchHolds(value: string, current: string | undefined): boolean {
  const tags = parseTags(value);
  if (tags === 'any') return current === undefined;
  return current === undefined || !tags.some((tag) => tag.opaque === current);
}

/** Whether a header's tag is weak (`W/"..."`): one If-Match never matches. */
export function isWeak(value: string): boolean {
  const tags = parseTags(value);
  return tags !== 'any' && tags.length > 0 && tags[0].weak;
}

/** A tag a correct server refuses while `current` (as a response showed it) is the record's tag. */
export function staleTag(current: string): string {
  const tags = parseTags(current);
  const opaque = tags === 'any' || tags.length === 0 ? current : tags[0].opaque;
  return `"${opaque}0"`;
}

/** What an operation evaluates, as the document says it. */
export interface Preconditions {
  /** A write refuses (412) an `If-Match` naming no current tag. */
  readonly ifMatch: boolean;
  /** The document marks `If-Match` required. */
  readonly ifMatchRequired: boolean;
  /** A read answers 304 to an `If-None-Match` naming the current tag; a write refuses it with 412. */
  readonly ifNoneMatch: boolean;
  /** The parameter and the status are both documented: the document's own word, not an inference. */
  readonly stated: boolean;
}

const WRITES: ReadonlySet<OperationKind> = new Set<OperationKind>(['update', 'replace', 'delete', 'action', 'writeSection']);
const READS: ReadonlySet<OperationKind> = new Set<OperationKind>(['read', 'readSection']);

/** A read: `If-None-Match` naming the current tag answers 304 (a write refuses it with 412). */
export function isConditionalRead(kind: OperationKind): boolean {
  return READS.has(kind);
}
/** Kinds whose success answers show one record: what carries its tag. */
const SHOWS_RECORD: ReadonlySet<OperationKind> = new Set<OperationKind>(['read', 'create', 'update', 'replace', 'action', 'readSection', 'writeSection']);

const tagged = new WeakMap<ContractModel, ReadonlySet<ResourceModel>>();

/** Whether the resource has entity tags: one of its operations documents an `ETag` response header. */
export function hasEntityTags(contract: ContractModel, resource: ResourceModel): boolean {
  let resources = tagged.get(contract);
  if (!resources) {
    resources = new Set(contract.operations.filter((op) => etagHeaderOf(op) !== undefined).map((op) => op.behaviour.resource));
    tagged.set(contract, resources);
  }
  return resources.has(resource);
}

/** Whether a success answer of the operation carries the record's tag. */
export function showsEntityTag(contract: ContractModel, operation: OperationModel): boolean {
  return SHOWS_RECORD.has(operation.behaviour.kind) && hasEntityTags(contract, operation.behaviour.resource);
}

/** The `ETag` header a success response of the operation documents, if any. */
export function etagHeaderOf(operation: OperationModel, status?: number): HeaderModel | undefined {
  for (const [code, response] of operation.responses) {
    if (!code.startsWith('2') || (status !== undefined && code !== String(status) && code !== '2XX')) continue;
    const header = response.headers.find((h) => h.name.toLowerCase() === 'etag');
    if (header) return header;
  }
  return undefined;
}

const preconditions = new WeakMap<OperationModel, Preconditions | null>();

/** What the operation evaluates (undefined: nothing, the common case), decided once per operation. */
export function preconditionsOf(contract: ContractModel, operation: OperationModel): Preconditions | undefined {
  let known = preconditions.get(operation);
  if (known === undefined) {
    known = readPreconditions(contract, operation) ?? null;
    preconditions.set(operation, known);
  }
  return known ?? undefined;
}

function readPreconditions(contract: ContractModel, operation: OperationModel): Preconditions | undefined {
  const kind = operation.behaviour.kind;
  if (!hasEntityTags(contract, operation.behaviour.resource) || (!WRITES.has(kind) && !READS.has(kind))) return undefined;
  const param = (name: string) => operation.headerParams.find((p) => p.in === 'header' && p.name.toLowerCase() === name);
  const ifMatchParam = param('if-match');
  const ifNoneMatchParam = param('if-none-match');
  if (READS.has(kind)) {
    if (!isDocumentedStatus(operation.responses, 304, BY_CODE)) return undefined;
    return { ifMatch: false, ifMatchRequired: false, ifNoneMatch: true, stated: ifNoneMatchParam !== undefined };
  }
  const documents412 = isDocumentedStatus(operation.responses, 412, BY_CODE);
  const ifMatch = ifMatchParam !== undefined || documents412;
  const ifNoneMatch = ifNoneMatchParam !== undefined;
  if (!ifMatch && !ifNoneMatch) return undefined;
  return { ifMatch, ifMatchRequired: ifMatchParam?.required === true, ifNoneMatch, stated: ifMatchParam !== undefined && documents412 };
}
