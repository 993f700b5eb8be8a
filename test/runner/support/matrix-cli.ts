import { basename } from 'node:path';
import { loadContract } from '../../../src/contract/registry.ts';
import { detectionMatrix, formatMatrix } from './detection-matrix.ts';
import { MUTATION_CLASSES, type MutationClassId } from './mutation-proxy.ts';

/**
 * `npx tsx test/runner/support/matrix-cli.ts <contract id or file>... [--only class,class] [--allow-destructive] [--verbose]`:
 * prints the detection matrix of each document (not a test: for measuring documents kept outside the project).
 */
const args = process.argv.slice(2);
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args.splice(onlyAt, 2)[1].split(',').filter(Boolean) as MutationClassId[] : Object.keys(MUTATION_CLASSES) as MutationClassId[];
const destructive = args.includes('--allow-destructive');
for (const document of args.filter((a) => !a.startsWith('--'))) {
  try {
    const contract = await loadContract(document);
    const matrix = await detectionMatrix(contract, only, { allowDestructive: destructive });
    console.log(formatMatrix(basename(document), matrix, args.includes('--verbose')));
  } catch (error) {
    console.log(`${basename(document)}: ${(error as Error).message}`);
  }
}
