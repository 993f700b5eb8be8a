import { hasEntityTags } from '../rules/etag.ts';
import { parseArgs } from 'node:util';
import { ContractError, formatProblem } from '../contract/errors.ts';
import type { ContractModel } from '../contract/model.ts';
import { listBundledContractIds, loadContract } from '../contract/registry.ts';
import { EXIT, UsageError, writeLine, type CommandIO } from './io.ts';
import { plural } from '../report/format.ts';

export const LINT_HELP = `Usage: harness lint [<file|id>...] [--quiet]

Validates OpenAPI 3.0 and 3.1 documents (YAML or JSON, with the files their $refs name): the OpenAPI
structure, JSON Schema, $refs and, where used, the x-harness vocabulary (contracts/README.md). Prints
every error and warning with file:line and JSON pointer, and what the harness infers (resources and
stateless operations). Without arguments, lints every bundled contract.

  --quiet   errors only (no warnings, no summary of what is inferred)

Exit codes: 0 usable (warnings allowed), 1 a document is invalid, 2 a file cannot be read or a usage error.
`;

export async function runLintCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { help: { type: 'boolean', short: 'h' }, quiet: { type: 'boolean', short: 'q' } }, allowPositionals: true, strict: true });
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
      writeLine(io.stdout, `ok    ${contract.id} (${plural(contract.operations.length, 'operation')}) ${contract.file}`);
      if (values.quiet) continue;
      for (const warning of contract.warnings) writeLine(io.stdout, `warn  ${formatProblem(contract.file, warning)}`);
      if (!contract.declared) writeLine(io.stdout, `      ${describeInference(contract)}`);
    } catch (error) {
      if (!(error instanceof ContractError)) throw error;
      writeLine(io.stderr, `error ${error.message}`);
      if (!values.quiet) for (const warning of error.warnings) writeLine(io.stderr, `warn  ${formatProblem(error.file, warning)}`);
      exit = Math.max(exit, error.code === 'UNREADABLE' ? EXIT.usage : EXIT.failed);
    }
  }
  return exit;
}

/** What the harness made of a document without x-harness: its resources and how many operations are stateless. */
function describeInference(contract: ContractModel): string {
  const resources = [...contract.resources.values()].map((r) => `${r.name} (key ${r.key}${r.scope.length ? `, scoped by ${r.scope.join(', ')}` : ''}${hasEntityTags(contract, r) ? ', entity tags' : ''})`);
  const stateless = contract.operations.filter((op) => op.behaviour.resource.stateless).length;
  return `inferred: ${resources.length ? resources.join('; ') : 'no resources'}; ${stateless} of ${plural(contract.operations.length, 'operation')} stateless`;
}
