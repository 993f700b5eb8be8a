#!/usr/bin/env node
// The binary. Installed from the package it runs the compiled dist/. In a checkout (src/ present and
// tsx installed as a dev dependency) it runs the TypeScript sources through tsx, so a stale dist/ is
// never what a developer or the test suite runs.
import { existsSync } from 'node:fs';

process.on('unhandledRejection', (reason) => {
  process.stderr.write(`harness: unexpected error: ${reason instanceof Error ? reason.message : String(reason)}\n`);
  process.exit(2);
});

async function loadMain() {
  const source = new URL('../src/cli/main.ts', import.meta.url);
  if (existsSync(source)) {
    const tsx = await import('tsx/esm/api').catch(() => undefined);
    if (tsx) {
      tsx.register();
      return import(source.href);
    }
  }
  return import('../dist/cli/main.js');
}

const { runCli } = await loadMain();
process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
