import type { ContractModel } from '../../../src/contract/model.ts';
import { startMockServer, type MockServer } from '../../../src/mock/server.ts';
import type { MutationTarget } from './mutation-target.ts';
import * as behaviour from './mutations-behaviour.ts';
import * as response from './mutations-response.ts';
import { startProxy, type Proxy } from './proxy.ts';
import { tokensFor } from './run.ts';

/**
 * A mutation proxy: the harness mock serving any document (the correct server), behind a proxy that breaks one
 * class of behaviour at a time. Each class names the checks expected to report it; the proxy counts how often
 * it broke something, so a class the document gives no occasion for (no 201, no header) reads as not applicable.
 */
export interface MutationClass {
  readonly title: string;
  readonly build: response.BuildDefect;
  /** The checks whose failure names this defect. */
  readonly expected: readonly string[];
}

export const MUTATION_CLASSES = {
  created200: { title: 'a documented 201 answered 200', build: response.created200, expected: ['status_documented', 'status_expected'] },
  read500: { title: 'a read answers 500', build: response.read500, expected: ['status_expected', 'status_documented'] },
  notFound500: { title: 'an unknown record answers 500, not 404', build: response.notFound500, expected: ['status_expected', 'status_documented', 'deleted_is_gone'] },
  missingRequired: { title: 'a success body misses a required field', build: response.missingRequired, expected: ['response_schema'] },
  wrongType: { title: 'a success body field has the wrong type', build: response.wrongType, expected: ['response_schema'] },
  extraField: { title: 'an extra field where additionalProperties is false', build: response.extraField, expected: ['response_schema'] },
  headerMissing: { title: 'a required response header missing', build: response.headerMissing, expected: ['required_headers'] },
  headerInvalid: { title: 'a documented response header with an invalid value', build: response.headerInvalid, expected: ['required_headers'] },
  contentType: { title: 'JSON served as text/html', build: response.wrongContentType, expected: ['content_type'] },
  errorShape: { title: 'an error body not in the documented shape', build: response.errorShape, expected: ['error_shape'] },
  authNotEnforced: { title: 'requests without credentials are served', build: behaviour.authNotEnforced, expected: ['status_expected'] },
  validationNotEnforced: { title: 'an invalid body is accepted', build: behaviour.validationNotEnforced, expected: ['status_expected'] },
  createNotPersisted: { title: 'a create is not persisted', build: behaviour.createNotPersisted, expected: ['status_expected', 'list_includes_created'] },
  patchNotApplied: { title: 'an update changes nothing', build: behaviour.patchNotApplied, expected: ['read_back'] },
  deleteNotRemoving: { title: 'a delete removes nothing', build: behaviour.deleteNotRemoving, expected: ['deleted_is_gone'] },
  listMissesCreated: { title: 'a list leaves out created records', build: behaviour.listMissesCreated, expected: ['list_includes_created'] },
  limitIgnored: { title: 'a list ignores its limit', build: behaviour.limitIgnored, expected: ['list_limit'] },
  filterIgnored: { title: 'a list ignores its filters', build: behaviour.filterIgnored, expected: ['list_filtered'] },
  preconditionIgnored: { title: 'If-Match / If-None-Match ignored', build: behaviour.preconditionIgnored, expected: ['if_match_stale_refused', 'if_match_unchanged', 'if_none_match_not_modified', 'if_match_required'] },
  identityIgnored: { title: "one user's records served to another", build: behaviour.identityIgnored, expected: ['visibility_isolation', 'owner_only_modify', 'scope_isolation', 'owner_only_fields'] },
} satisfies Record<string, MutationClass>;

export type MutationClassId = keyof typeof MUTATION_CLASSES;

export interface MutatedServer {
  /** The base URL to check: the proxy's origin plus the document's mount path. */
  readonly url: string;
  readonly target: MutationTarget;
  /** How many times the defect was applied so far. */
  readonly hits: () => number;
  /** Forgets every record (between runs against the same mock). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the mock of `contract` and a proxy in front of it that injects `defect` (none: a correct server), in `only` that operation when given. */
export async function startMutatedServer(contract: ContractModel, defect?: MutationClassId, mock?: MockServer, only?: string): Promise<MutatedServer> {
  const own = mock === undefined;
  const server = mock ?? await startMockServer({ contracts: [contract], port: 0, atRoot: true });
  const mountUrl = new URL(server.mounts[0].url);
  const target: MutationTarget = { contract, mountPath: mountUrl.pathname.replace(/\/+$/, ''), ...tokensFor(contract), only };
  let hits = 0;
  const proxy: Proxy = await startProxy(mountUrl.origin, defect === undefined ? {} : MUTATION_CLASSES[defect].build(target, () => { hits++; }));
  return {
    url: `${proxy.url}${target.mountPath}`,
    target,
    hits: () => hits,
    reset: async () => { await fetch(`${mountUrl.origin}/__harness/reset`, { method: 'POST', headers: { 'x-harness-control': '1' } }); },
    close: async () => {
      await proxy.close();
      if (own) await server.close();
    },
  };
}
