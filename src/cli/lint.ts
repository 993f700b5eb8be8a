import { parseArgs } from 'node:util';
import { ContractError } from '../contract/errors.ts';
import { listBundledContractIds, loadContract } from '../contract/registry.ts';
import { EXIT, UsageError, writeLine, type CommandIO } from './io.ts';

export const LINT_HELP = `Usage: harness lint [<file|id>...]

Validates contracts: OpenAPI 3.1 structure, JSON Schema 2020-12 schemas, $refs and the x-harness
vocabulary (contracts/README.md). Without arguments, lints every bundled contract.

Exit codes: 0 all valid, 1 a contract is invalid, 2 a file cannot be read or a usage error.
`;

export async function runLintCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  if (values.help) {
    io.stdout.write(LINT_HELP);
    return EXIT.ok;
  }
  const targets = positionals.length > 0 ? positionals : listBundledContractIds();
  if (targets.length === 0) throw new UsageError('No contracts to lint.');
  let exit: number = EXIT.ok;
  for (const target of targets) {
    try {
      const contract = await loadContract(target);
      writeLine(io.stdout, `ok    ${contract.id} (${contract.operations.length} operations) ${contract.file}`);
    } catch (error) {
      if (!(error instanceof ContractError)) throw error;
      writeLine(io.stderr, `error ${error.message}`);
      exit = Math.max(exit, error.code === 'UNREADABLE' ? EXIT.usage : EXIT.failed);
    }
  }
  return exit;
}
