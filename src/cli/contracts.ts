import { parseArgs } from 'node:util';
import { relative } from 'node:path';
import { listBundledContractIds, loadContract } from '../contract/registry.ts';
import { EXIT, writeLine, type CommandIO } from './io.ts';

export const CONTRACTS_HELP = `Usage: harness contracts [--json]

Lists the bundled contracts: id, title, number of operations, file.

  --json    print the list as JSON
`;

export async function runContractsCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true });
  if (values.help) {
    io.stdout.write(CONTRACTS_HELP);
    return EXIT.ok;
  }
  const rows = [];
  for (const id of listBundledContractIds()) {
    const contract = await loadContract(id);
    rows.push({ id, title: contract.title, operations: contract.operations.length, file: relative(process.cwd(), contract.file) });
  }
  if (values.json) {
    writeLine(io.stdout, JSON.stringify(rows, null, 2));
    return EXIT.ok;
  }
  const idWidth = Math.max(2, ...rows.map((r) => r.id.length));
  const titleWidth = Math.max(5, ...rows.map((r) => r.title.length));
  writeLine(io.stdout, `${'ID'.padEnd(idWidth)}  ${'TITLE'.padEnd(titleWidth)}  OPS  FILE`);
  for (const row of rows) {
    writeLine(io.stdout, `${row.id.padEnd(idWidth)}  ${row.title.padEnd(titleWidth)}  ${String(row.operations).padStart(3)}  ${row.file}`);
  }
  return EXIT.ok;
}
