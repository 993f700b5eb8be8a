import { parseArgs } from 'node:util';
import { credentialLines } from '../auth/example-token.ts';
import { listBundledContractIds, loadContract } from '../contract/registry.ts';
import { startMockServer } from '../mock/server.ts';
import { parseIntegerFlag } from './integer.ts';
import { EXIT, UsageError, writeLine, type CommandIO } from './io.ts';

export const MOCK_HELP = `Usage: harness mock [<file>] [--contract <id|file>]... [--port 4010] [--host 127.0.0.1] [--seed 1]
                   [--fixtures <n>] [--jwt-secret <secret>] [--quiet]

Serves a stateful mock of every bundled contract (or the ones named) on one port, each under
/<contract-id>, seeded with fixtures (the same --seed gives the same data). Any OpenAPI 3.0 or 3.1
document works as it is: behaviour it does not declare with x-harness is inferred from it.

  <file>                 one OpenAPI document (YAML or JSON), served at the path of its first server
                         URL (e.g. http://127.0.0.1:4010/api/v2) instead of under /<contract-id>

  --contract <id|file>   a bundled contract id or a contract file (repeatable; default: all bundled)
  --port <n>             port to listen on (default 4010; 0 picks a free one)
  --host <host>          interface to bind (default 127.0.0.1)
  --seed <n>             fixture and id seed (default 1)
  --fixtures <n>         seed n records per resource instead of the fixture files' counts
  --jwt-secret <secret>  verify HS256 signatures of JWTs (default: any decodable JWT is accepted)
  --quiet                do not log requests

Control: POST /__harness/reset, GET /__harness/state, POST /<id>/__harness/clock {"advance":"72h"}.
Fault injection: send "Prefer: status=503" or "Prefer: delay=200" with any request.
`;

export async function runMockCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      contract: { type: 'string', multiple: true },
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string', default: '1' },
      fixtures: { type: 'string' },
      'jwt-secret': { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) {
    io.stdout.write(MOCK_HELP);
    return EXIT.ok;
  }
  const port = parseIntegerFlag('--port', values.port, 0, 65535);
  const seed = parseIntegerFlag('--seed', values.seed, 0, 2 ** 31);
  const fixtureCount = values.fixtures === undefined ? undefined : parseIntegerFlag('--fixtures', values.fixtures, 0, 1_000_000);
  if (positionals.length > 1) throw new UsageError(`give one document to serve at its own path, or several with --contract (got ${positionals.length}).`);
  const atRoot = positionals.length === 1 && values.contract === undefined;
  const ids = positionals.length === 1 ? [positionals[0], ...(values.contract ?? [])] : values.contract ?? listBundledContractIds();
  const contracts = await Promise.all(ids.map((id) => loadContract(id)));
  for (const contract of contracts) {
    if (contract.warnings.length > 0) writeLine(io.stderr, `${contract.id}: ${contract.warnings.length} warning(s) about the document; "harness lint ${contract.file}" lists them.`);
  }

  const server = await startMockServer({
    contracts, atRoot, port, host: values.host, seed, fixtureCount, jwtSecret: values['jwt-secret'],
    log: values.quiet ? undefined : (line) => writeLine(io.stdout, line),
  });
  writeLine(io.stdout, `harness mock listening on ${server.url} (seed ${seed})`);
  for (const mount of server.mounts) {
    writeLine(io.stdout, `  ${mount.contract.id.padEnd(24)} ${mount.url}`);
    for (const line of credentialLines(mount.contract, values['jwt-secret'])) writeLine(io.stdout, `  ${''.padEnd(24)} ${line}`);
  }
  writeLine(io.stdout, 'Press Ctrl+C to stop.');

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      writeLine(io.stdout, `\n${signal}: shutting down`);
      server.close().then(resolve, resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return EXIT.ok;
}
