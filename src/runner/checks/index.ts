import type { CheckContext, CheckFunction, Exchange } from '../types.ts';
import { if_match_required, if_match_stale_refused, if_match_unchanged, if_none_match_not_modified } from './conditional.ts';
import { content_type, error_shape, required_headers, response_schema } from './content.ts';
import { list_cursor, list_has_more } from './cursor.ts';
import { generated_fields, transient_fields } from './generated.ts';
import { deleted_is_gone, owner_only_fields, owner_only_modify, scope_isolation, truncate_empties, visibility_isolation } from './isolation.ts';
import { count_matches_list, list_limit, list_skip, list_sorted } from './lists.ts';
import { list_filtered } from './list-filters.ts';
import { membership_capacity, membership_join, membership_leave } from './membership.ts';
import { read_back } from './read-back.ts';
import { read_only_ignored, replace_drops_omitted } from './read-only.ts';
import { list_includes_created } from './list-includes.ts';
import { set_once, stale_version_conflict, version_increments } from './state-rules.ts';
import { response_received, status_documented, status_expected } from './status.ts';

export interface CheckDefinition {
  readonly run: CheckFunction;
  /** The report line's second half: `create -> <this>`. */
  describe(exchange: Exchange, context: CheckContext): string;
}

const status = (exchange: Exchange) => String(exchange.response?.status ?? '?');

/** Every check by name; the name is also the report key (`createSession/read_back#1`). */
export const CHECKS: Readonly<Record<string, CheckDefinition>> = {
  response_received: { run: response_received, describe: () => 'got a response' },
  status_documented: { run: status_documented, describe: (e) => `status ${status(e)} is documented` },
  status_expected: { run: status_expected, describe: (_e, c) => `answers ${expectedLabel(c)}` },
  content_type: { run: content_type, describe: () => 'documented content type' },
  response_schema: { run: response_schema, describe: (e) => `body matches the ${status(e)} schema` },
  required_headers: { run: required_headers, describe: () => 'documented headers present and valid' },
  error_shape: { run: error_shape, describe: (e) => `error body matches the ${status(e)} schema` },
  read_back: { run: read_back, describe: (_e, c) => (c.facts.section ? 'section reads back as written' : 'written fields read back') },
  read_only_ignored: { run: read_only_ignored, describe: () => 'readOnly values sent are not stored' },
  replace_drops_omitted: { run: replace_drops_omitted, describe: () => 'fields a replace left out are not kept' },
  generated_fields: { run: generated_fields, describe: () => 'generated fields present and well-formed' },
  transient_fields: { run: transient_fields, describe: () => 'transient and writeOnly fields only where allowed' },
  set_once: { run: set_once, describe: (_e, c) => setOnceLabel(c) },
  version_increments: { run: version_increments, describe: (_e, c) => (c.facts.event === 'update' ? 'version incremented' : c.facts.event === 'create' ? 'version starts at its initial value' : 'version unchanged') },
  stale_version_conflict: { run: stale_version_conflict, describe: () => 'stale version is a conflict' },
  if_match_stale_refused: { run: if_match_stale_refused, describe: () => 'stale If-Match is refused with 412' },
  if_match_unchanged: { run: if_match_unchanged, describe: () => 'a refused write leaves the ETag as it was' },
  if_match_required: { run: if_match_required, describe: () => 'a write without the required If-Match is refused with 428' },
  if_none_match_not_modified: { run: if_none_match_not_modified, describe: () => 'current If-None-Match answers 304' },
  membership_join: { run: membership_join, describe: () => 'caller is a member' },
  membership_leave: { run: membership_leave, describe: () => 'caller is no longer a member' },
  membership_capacity: { run: membership_capacity, describe: () => 'full record refuses a join' },
  list_limit: { run: list_limit, describe: (_e, c) => `at most ${c.facts.max !== undefined ? Math.min(c.facts.limit ?? 0, c.facts.max) : c.facts.limit} items` },
  list_skip: { run: list_skip, describe: () => 'skip honoured' },
  list_includes_created: { run: list_includes_created, describe: () => 'every record the run created is listed' },
  list_filtered: { run: list_filtered, describe: (_e, c) => `only items with ${c.facts.filter?.field}=${String(c.facts.filter?.value)}` },
  list_sorted: { run: list_sorted, describe: (_e, c) => `sorted by ${c.facts.sorted?.field} ${c.facts.sorted?.descending ? 'descending' : 'ascending'}` },
  list_cursor: { run: list_cursor, describe: () => 'the page continues after the cursor' },
  list_has_more: { run: list_has_more, describe: () => 'more-pages flag matches the list' },
  count_matches_list: { run: count_matches_list, describe: () => 'count matches the list' },
  scope_isolation: { run: scope_isolation, describe: () => 'not visible in another scope' },
  visibility_isolation: { run: visibility_isolation, describe: () => 'private record invisible to another user' },
  owner_only_modify: { run: owner_only_modify, describe: () => 'only the owner may modify' },
  owner_only_fields: { run: owner_only_fields, describe: () => 'owner-only fields hidden from others' },
  deleted_is_gone: { run: deleted_is_gone, describe: () => 'deleted record is gone' },
  truncate_empties: { run: truncate_empties, describe: () => 'nothing left after truncate' },
};

/** Run on every exchange, before the step's own behaviour checks. */
export const GENERIC_CHECKS = ['response_received', 'status_documented', 'status_expected', 'content_type', 'response_schema', 'required_headers', 'error_shape'] as const;

/** Behaviour checks that judge the status themselves: `status_expected` would only repeat them. */
export const STATUS_JUDGING_CHECKS = new Set(['set_once', 'stale_version_conflict', 'membership_capacity', 'scope_isolation', 'visibility_isolation', 'owner_only_modify', 'deleted_is_gone']);

function expectedLabel(context: CheckContext): string {
  const { operation, step } = context;
  const parts: string[] = [];
  if (step.expect.success) parts.push(String(operation.successStatus));
  for (const situation of step.expect.situations) {
    const code = operation.situations[situation].status;
    if (code !== undefined) parts.push(`${code} ${situation}`);
  }
  if (step.expect.status !== undefined) parts.push(String(step.expect.status));
  return parts.join(' or ');
}

function setOnceLabel(context: CheckContext): string {
  const rule = context.facts.setOnce;
  if (!rule) return 'set-once rule';
  if (rule.phase === 'first') return `\`${rule.field}\` set`;
  if (rule.phase === 'second') return `second write of \`${rule.field}\` is a conflict`;
  return `\`${rule.field}\` keeps its first value`;
}
