#!/usr/bin/env node
// The published binary: TypeScript sources run through tsx, no build step.
import { register } from 'tsx/esm/api';

process.on('unhandledRejection', (reason) => {
  process.stderr.write(`harness: unexpected error: ${reason instanceof Error ? reason.message : String(reason)}\n`);
  process.exit(2);
});

register();
const { runCli } = await import('../src/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
