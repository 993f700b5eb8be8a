import { ContractError } from '../contract/errors.ts';
import { harnessVersion } from '../report/version.ts';
import { FixtureError } from '../seeder/spec.ts';
import { runContractsCommand } from './contracts.ts';
import { EXIT, UsageError, writeLine, type CommandIO } from './io.ts';
import { runLintCommand } from './lint.ts';
import { runMockCommand } from './mock.ts';

export const MAIN_HELP = `Usage: harness <command> [options]

Contract-driven stateful mocks and conformance checks for HTTP APIs.

Commands:
  contracts   list the bundled contracts
  lint        validate contracts
  mock        serve a stateful mock of contracts
  check       check a server against a contract

Options:
  --version, -v   print the version of harness
  --help, -h      show this help

Run "harness <command> --help" for a command's options.
Exit codes: 0 success, 1 the thing checked is wrong, 2 usage error or unreadable input.
`;

type Command = (args: string[], io: CommandIO) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  contracts: async () => runContractsCommand,
  lint: async () => runLintCommand,
  mock: async () => runMockCommand,
  check: async () => (await import('./check.ts')).runCheckCommand,
};

/** Runs one CLI invocation and returns its exit code; never throws. */
export async function runCli(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(MAIN_HELP);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    writeLine(io.stdout, harnessVersion());
    return EXIT.ok;
  }
  const load = COMMANDS[name];
  if (!load) {
    writeLine(io.stderr, `harness: unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}.`);
    return EXIT.usage;
  }
  try {
    return await (await load())(args, io);
  } catch (error) {
    if (error instanceof ContractError || error instanceof FixtureError) {
      writeLine(io.stderr, error.message);
      return EXIT.usage;
    }
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      writeLine(io.stderr, `harness ${name}: ${(error as Error).message}`);
      writeLine(io.stderr, `Run "harness ${name} --help" for usage.`);
      return EXIT.usage;
    }
    if ((error as { code?: string }).code === 'EADDRINUSE') {
      writeLine(io.stderr, `harness ${name}: ${(error as Error).message}. Pick another --port.`);
      return EXIT.usage;
    }
    writeLine(io.stderr, `harness ${name}: ${(error as Error).stack ?? error}`);
    return EXIT.usage;
  }
}
