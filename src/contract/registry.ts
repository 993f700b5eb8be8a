import { readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { ContractError } from './errors.ts';
import { loadContractFile } from './load.ts';
import type { ContractModel } from './model.ts';

/** Where the bundled contracts and fixtures live, relative to this package. */
export const CONTRACTS_DIR = fileURLToPath(new URL('../../contracts/', import.meta.url));
export const FIXTURES_DIR = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/** Ids of the bundled contracts, sorted. */
export function listBundledContractIds(): string[] {
  return readdirSync(CONTRACTS_DIR).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).map((f) => f.replace(/\.ya?ml$/, '')).sort();
}

/** A bundled id (`game-sessions`) or a path to a contract file. */
export function resolveContractFile(idOrFile: string): string {
  for (const extension of ['.yaml', '.yml']) {
    const bundled = join(CONTRACTS_DIR, idOrFile + extension);
    if (!idOrFile.includes('/') && existsSync(bundled)) return bundled;
  }
  return resolve(idOrFile);
}

export async function loadContract(idOrFile: string): Promise<ContractModel> {
  try {
    return await loadContractFile(resolveContractFile(idOrFile));
  } catch (error) {
    const looksLikeId = !/[/\\]|\.ya?ml$/.test(idOrFile);
    if (!(error instanceof ContractError) || error.code !== 'UNREADABLE' || !looksLikeId) throw error;
    throw new ContractError('UNREADABLE', idOrFile, [{
      pointer: '',
      message: `"${idOrFile}" is neither a bundled contract id (${listBundledContractIds().join(', ')}) nor a file.`,
    }]);
  }
}

/**
 * Where a contract's fixtures live: `fixtures/<id>.yaml` beside the contract's own `contracts/` folder,
 * else the bundled one of the same id.
 */
export function fixtureFileFor(contract: Pick<ContractModel, 'id' | 'file'>): string {
  const beside = join(dirname(contract.file), '..', 'fixtures', `${contract.id}.yaml`);
  return existsSync(beside) ? beside : join(FIXTURES_DIR, `${contract.id}.yaml`);
}
