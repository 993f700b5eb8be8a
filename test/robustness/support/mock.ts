import { expect } from 'vitest';
import { listBundledContractIds, loadContract } from '../../../src/contract/registry.ts';
import type { ContractModel, OperationModel } from '../../../src/contract/model.ts';
import type { MockServer } from '../../../src/mock/server.ts';
import { rawRequest } from './http.ts';

export async function loadBundledContracts(): Promise<ContractModel[]> {
  return Promise.all(listBundledContractIds().map((id) => loadContract(id)));
}

/** Every contract's store, as one string: what "the store is unchanged" compares. */
export function storeSnapshot(server: MockServer): string {
  return JSON.stringify(server.mounts.map((mount) => mount.instance.state({ includeHidden: true })));
}

export function resetAll(server: MockServer): void {
  for (const mount of server.mounts) mount.instance.reset();
}

/**
 * The server still answers, and every store still serialises (a crash, a wedged event loop or a stored
 * value that breaks JSON.stringify would fail here).
 */
export async function expectAlive(server: MockServer): Promise<void> {
  const reply = await rawRequest(server.url, { method: 'GET', path: '/__harness/state' });
  expect(reply.status, `the mock still answers: ${reply.bytes.subarray(0, 300).toString()}`).toBe(200);
}

/** What the seeded store offers as realistic path and query values for a contract. */
export interface SeedFacts {
  /** Stored records by resource, without the mock's `$` bookkeeping. */
  readonly records: ReadonlyMap<string, Record<string, unknown>[]>;
  /** Values a path parameter may take: record keys for id parameters, scope values, enum members. */
  valuesFor(operation: OperationModel, parameter: string): string[];
  /** Principals that own some record (e.g. game-session hosts), for getting past owner checks. */
  readonly owners: readonly string[];
}

export function seedFacts(contract: ContractModel, state: Record<string, unknown[]>): SeedFacts {
  const records = new Map<string, Record<string, unknown>[]>();
  const scopes = new Map<string, Set<string>>();
  const owners = new Set<string>();
  for (const [name, list] of Object.entries(state)) {
    const resource = contract.resources.get(name)!;
    records.set(name, list.map((raw) => {
      const record = { ...(raw as Record<string, unknown>) };
      for (const [param, value] of Object.entries((record.$scope as Record<string, string> | undefined) ?? {})) {
        if (!scopes.has(param)) scopes.set(param, new Set());
        scopes.get(param)!.add(value);
      }
      if (resource.owner && typeof record[resource.owner.field] === 'string') owners.add(record[resource.owner.field] as string);
      for (const key of Object.keys(record)) if (key.startsWith('$')) delete record[key];
      return record;
    }));
  }
  return {
    records,
    owners: [...owners],
    valuesFor(operation, parameter) {
      const resource = operation.behaviour.resource;
      const values = new Set<string>();
      if (operation.behaviour.id?.name === parameter) for (const record of records.get(resource.name) ?? []) values.add(String(record[resource.key]));
      for (const value of scopes.get(parameter) ?? []) values.add(value);
      const schema = operation.pathParams.find((p) => p.name === parameter)?.schema as { enum?: unknown[] } | undefined;
      for (const value of schema?.enum ?? []) values.add(String(value));
      if (values.size === 0) values.add('demo');
      return [...values].map((value) => encodeURIComponent(value));
    },
  };
}
