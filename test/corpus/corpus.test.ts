import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContract } from '../../src/contract/registry.ts';
import { startMockServer } from '../../src/mock/server.ts';
import { runConformance } from '../../src/runner/engine.ts';
import type { CheckResult } from '../../src/runner/events.ts';

/**
 * Real-world documents nobody here wrote (../shared/openapi-corpus/, beside the project, never copied into
 * it), used as a new user would: each loads, is served at its own path, keeps state where it follows REST
 * conventions, and `harness check` against the harness's own mock finds nothing wrong.
 */
const CORPUS = fileURLToPath(new URL('../../../shared/openapi-corpus/', import.meta.url));
const files = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => /\.(ya?ml|json)$/.test(f)).sort() : [];

describe.skipIf(files.length === 0)('the shared corpus of real-world documents (skipped: ../shared/openapi-corpus is absent)', () => {
  it.each(files)('%s: served, stateful where it can be, and clean against its own mock', async (file) => {
    const contract = await loadContract(`${CORPUS}${file}`);
    const server = await startMockServer({ contracts: [contract], port: 0, atRoot: true });
    try {
      const failures: CheckResult[] = [];
      const summary = await runConformance(contract, {
        baseUrl: server.mounts[0].url, token: 'tok_alice', token2: 'tok_bob', pathParams: {}, allowDestructive: false, timeoutMs: 10_000, seed: 1, only: [],
      }, (event) => { if (event.type === 'check' && event.result.status === 'fail') failures.push(event.result); });
      expect(failures.map((f) => `${f.operationId} ${f.check} ${f.title}: ${f.message}`)).toEqual([]);
      expect(summary.exitCode).toBe(0);
      const creates = contract.operations.filter((op) => op.behaviour.kind === 'create').length;
      if (contract.resources.size > 0) expect(creates).toBeGreaterThan(0);
      expect(summary.coverage.operations.exercised / summary.coverage.operations.total).toBeGreaterThan(0.8);
    } finally {
      await server.close();
    }
  }, 600_000); // ory-kratos alone takes 2-4 min on a loaded 2-core machine
});
