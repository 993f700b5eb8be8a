import type { ContractModel } from '../contract/model.ts';
import { hiddenFromState } from '../rules/stored.ts';
import type { MockStore, StoredRecord } from './store.ts';

/**
 * Every stored record, by resource, as its owner sees it: fields the API never shows (owner-only, secret,
 * transient) are left out unless `includeHidden`; scope, expiry and sections as `$scope`, `$expiresAt`,
 * `$sections`.
 */
export function dumpState(contract: ContractModel, store: MockStore, includeHidden: boolean): Record<string, unknown[]> {
  return Object.fromEntries([...contract.resources.values()].map((resource) => {
    const hidden = includeHidden ? [] : hiddenFromState(resource);
    return [resource.name, [...store.table(resource.name).values()].map((record) => publicRecord(record, hidden))];
  }));
}

function publicRecord(record: StoredRecord, hidden: readonly string[]): unknown {
  const data = { ...record.data };
  for (const field of hidden) delete data[field];
  const extra: Record<string, unknown> = {};
  if (Object.keys(record.scope).length) extra.$scope = record.scope;
  if (record.expiresAt !== undefined) extra.$expiresAt = new Date(record.expiresAt).toISOString();
  if (Object.keys(record.sections).length) extra.$sections = record.sections;
  return { ...data, ...extra };
}
