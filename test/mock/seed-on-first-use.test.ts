import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { CONTRACTS_DIR, fixtureFileFor, listBundledContractIds, loadContract } from '../../src/contract/registry.ts';
import type { MockClock } from '../../src/mock/clock.ts';
import { createMockInstance } from '../../src/mock/instance.ts';
import { loadFixtureSpec } from '../../src/seeder/load.ts';
import { FixtureError, parseFixtureSpec } from '../../src/seeder/spec.ts';

const fixedClock = (): MockClock => {
  let now = Date.parse('2026-01-01T00:00:00Z');
  return { now: () => new Date(now), advance: (ms) => { now += ms; }, set: (date) => { now = date.getTime(); } };
};

const FIXTURES = `resources:\n  session:\n    count: 3\n    recipes:\n      numTeams: "\${uuid}"\n`;

describe('seeding on first use (what `harness mock` does)', () => {
  for (const id of listBundledContractIds()) {
    it(`${id}: the same records as seeding at creation, whichever use comes first`, async () => {
      const contract = await loadContract(id);
      const fixtures = await loadFixtureSpec(fixtureFileFor(contract));
      const eager = JSON.stringify(createMockInstance(contract, { seed: 5, fixtures, clock: fixedClock() }).state());
      const lazy = createMockInstance(contract, { seed: 5, fixtures, clock: fixedClock(), seedOnFirstUse: true });
      lazy.context.clock.advance(3_600_000);
      expect(JSON.stringify(lazy.state())).toBe(eager);
      lazy.reset();
      expect(JSON.stringify(lazy.state())).toBe(eager);
    });
  }

  it('a fixtures file that does not fit the contract still stops the creation', async () => {
    const contract = await loadContract('game-sessions');
    const fixtures = parseFixtureSpec('fixtures/game-sessions.yaml', 'resources:\n  nosuch:\n    count: 1\n');
    expect(() => createMockInstance(contract, { fixtures, seedOnFirstUse: true })).toThrow(/"nosuch" is not a resource of game-sessions/);
  });

  it('a record that fails its schema is thrown by seed(), every time, as a creation that seeds at once throws it', async () => {
    const contract = await loadContract('game-sessions');
    const fixtures = parseFixtureSpec('fixtures/game-sessions.yaml', FIXTURES);
    const instance = createMockInstance(contract, { fixtures, seedOnFirstUse: true });
    expect(() => instance.seed()).toThrow(FixtureError);
    expect(() => instance.seed()).toThrow(/record #0: does not match the resource schema/);
    expect(() => createMockInstance(contract, { fixtures })).toThrow(/record #0: does not match the resource schema/);
  });

  it('`harness mock` stops with the seeding error (exit through the CLI error path) right after it listens', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'harness-seed-'));
    mkdirSync(join(dir, 'contracts'));
    mkdirSync(join(dir, 'fixtures'));
    cpSync(join(CONTRACTS_DIR, 'game-sessions.yaml'), join(dir, 'contracts', 'game-sessions.yaml'));
    writeFileSync(join(dir, 'fixtures', 'game-sessions.yaml'), FIXTURES);
    const output = { stdout: '', stderr: '' };
    const stream = (name: 'stdout' | 'stderr') => new PassThrough().on('data', (chunk) => { output[name] += String(chunk); });
    const code = await runCli(['mock', '--contract', join(dir, 'contracts', 'game-sessions.yaml'), '--port', '0', '--quiet'], { stdout: stream('stdout'), stderr: stream('stderr') });
    expect(code).toBe(2);
    expect(output.stdout).toMatch(/listening on/);
    expect(output.stderr).toMatch(/contract game-sessions, resource session, record #0: does not match the resource schema/);
  });
});
