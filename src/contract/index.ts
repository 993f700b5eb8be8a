export { loadContractFile, loadContractText, contractIdOf } from './load.ts';
export { loadContract, listBundledContractIds, resolveContractFile, fixtureFileFor, CONTRACTS_DIR, FIXTURES_DIR } from './registry.ts';
