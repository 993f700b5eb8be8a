import { parseArgs } from 'node:util';
import { credentialLines } from '../auth/example-token.ts';
import { listBundledContractIds, loadContract } from '../contract/registry.ts';
import type { MockInstance } from '../mock/instance.ts';
import { startMockServer } from '../mock/server.ts';
import { parseIntegerFlag } from './integer.ts';
import { EXIT, UsageError, writeLine, type CommandIO } from './io.ts';
import { plural } from '../report/format.ts';

export const MOCK_HELP = `Usage: harness mock [<file>] [--contract <id|file>]... [--port 4010] [--host 127.0.0.1] [--seed 1]
                   [--fixtures <n>] [--jwt-secret <secret>] [--control-token <t>] [--max-records <n>]
                   [--max-store-bytes <n>] [--quiet]

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
  --control-token <t>    require "Authorization: Bearer <t>" or "x-harness-control-token: <t>" on control routes
  --max-records <n>      records one resource may hold (default 100000); past it a create is refused
  --max-store-bytes <n>  estimated bytes of the store per contract (default 805306368, 768 MiB)
  --quiet                do not log requests

Control: POST /__harness/reset, GET /__harness/state[?include=hidden], POST /<id>/__harness/clock {"advance":"72h"}.
POSTs need "Content-Type: application/json" (or "x-harness-control: 1"); control routes send no CORS
headers and refuse Host names other than localhost, IP addresses and --host.
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
      'control-token': { type: 'string' },
      'max-records': { type: 'string' },
      'max-store-bytes': { type: 'string' },
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
  const maxRecords = values['max-records'] === undefined ? undefined : parseIntegerFlag('--max-records', values['max-records'], 1, 100_000_000);
  const maxStoreBytes = values['max-store-bytes'] === undefined ? undefined : parseIntegerFlag('--max-store-bytes', values['max-store-bytes'], 1024, 2 ** 40);
  if (positionals.length > 1) throw new UsageError(`give one document to serve at its own path, or several with --contract (got ${positionals.length}).`);
  const atRoot = positionals.length === 1 && values.contract === undefined;
  const ids = positionals.length === 1 ? [positionals[0], ...(values.contract ?? [])] : values.contract ?? listBundledContractIds();
  const contracts = await Promise.all(ids.map((id) => loadContract(id)));
  for (const contract of contracts) {
    if (contract.warnings.length > 0) writeLine(io.stderr, `${contract.id}: ${plural(contract.warnings.length, 'warning')} about the document; run "harness lint ${contract.file}" to see ${contract.warnings.length === 1 ? 'it' : 'them'}.`);
  }

  const server = await startMockServer({
    contracts, atRoot, port, host: values.host, seed, fixtureCount, jwtSecret: values['jwt-secret'], controlToken: values['control-token'],
    maxRecords, maxStoreBytes, seedOnFirstUse: true,
    log: values.quiet ? undefined : (line) => writeLine(io.stdout, line),
  });
  writeLine(io.stdout, `harness mock listening on ${server.url} (seed ${seed})`);
  if (!isLoopback(values.host)) {
    writeLine(io.stderr, `warning: --host ${values.host} serves the mock beyond this machine: anyone who can reach it can call the API`
      + `${values['control-token'] === undefined ? ', read its state, reset it and move its clock. Add --control-token <t> to protect the control routes' : ''}.`);
  }
  for (const mount of server.mounts) {
    writeLine(io.stdout, `  ${mount.contract.id.padEnd(24)} ${mount.url}`);
    for (const line of credentialLines(mount.contract, values['jwt-secret'])) writeLine(io.stdout, `  ${''.padEnd(24)} ${line}`);
  }
  writeLine(io.stdout, 'Press Ctrl+C to stop.');

  let stopping = false;
  await new Promise<void>((resolve, reject) => {
    const stop = (signal: string) => {
      stopping = true;
      writeLine(io.stdout, `\n${signal}: shutting down`);
      server.close().then(resolve, resolve);
    };
    const onInterrupt = () => stop('SIGINT');
    const onTerminate = () => stop('SIGTERM');
    process.once('SIGINT', onInterrupt);
    process.once('SIGTERM', onTerminate);
    // A record that cannot be seeded stops the mock with the error a seeding at start would have given.
    seedInBackground(server.mounts.map((mount) => mount.instance), () => stopping).catch((error: unknown) => {
      process.off('SIGINT', onInterrupt);
      process.off('SIGTERM', onTerminate);
      server.close().then(() => reject(error), () => reject(error));
    });
  });
  return EXIT.ok;
}

/**
 * A client that waited for "listening" sends its first request within a few milliseconds: seeding the
 * other contracts starts after that, so the first request waits for its own contract's records only.
 */
const BACKGROUND_SEED_DELAY_MS = 100;

/** Seeds the contracts no request has seeded yet (instance.ts, seedOnFirstUse), one per turn of the event loop. */
async function seedInBackground(instances: readonly MockInstance[], stopping: () => boolean): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, BACKGROUND_SEED_DELAY_MS).unref());
  for (const instance of instances) {
    await new Promise((resolve) => setImmediate(resolve));
    if (stopping()) return;
    instance.seed();
  }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
