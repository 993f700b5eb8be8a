import { basename } from 'node:path';
import { loadContract } from '../../../src/contract/registry.ts';
import { detectionMatrix, formatMatrix, operationSweep } from './detection-matrix.ts';
import { MUTATION_CLASSES, type MutationClassId } from './mutation-proxy.ts';

/**
 * `npx tsx test/runner/support/matrix-cli.ts <contract id or file>... [--only class,class] [--allow-destructive] [--verbose] [--per-operation]`:
 * prints the detection matrix of each document (not a test: for measuring documents kept outside the project);
 * `--per-operation` breaks one operation at a time and lists the (class, operation) pairs not caught.
 */
const args = process.argv.slice(2);
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args.splice(onlyAt, 2)[1].split(',').filter(Boolean) as MutationClassId[] : Object.keys(MUTATION_CLASSES) as MutationClassId[];
const destructive = args.includes('--allow-destructive');
for (const document of args.filter((a) => !a.startsWith('--'))) {
  try {
    const contract = await loadContract(document);
    if (args.includes('--per-operation')) {
      const sweep = await operationSweep(contract, only, { allowDestructive: destructive });
      const missed = sweep.filter((d) => d.verdict !== 'caught');
      console.log(`${basename(document)}: ${sweep.length - missed.length} of ${sweep.length} (class, operation) pairs caught`);
      for (const d of missed) console.log(`  ${d.defect.padEnd(22)} ${d.operation.padEnd(30)} ${d.verdict} ${d.checks.join(', ')}`);
      continue;
    }
    const matrix = await detectionMatrix(contract, only, { allowDestructive: destructive });
    console.log(formatMatrix(basename(document), matrix, args.includes('--verbose')));
  } catch (error) {
    console.log(`${basename(document)}: ${(error as Error).message}`);
  }
}
