import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The package as a user gets it: built (`npm run build`, what `prepack` runs), packed, the tarball unpacked
 * into a fresh project's node_modules, then its binary, a plain .mjs and a NodeNext TypeScript consumer.
 * The registry cannot be reached offline and npm's cache does not hold the dependencies, so instead of
 * `npm install` the project links this checkout's installed packages, leaving out every direct dev
 * dependency (tsx, esbuild, typescript...): the package must run without them.
 */
const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
  version: string; dependencies: Record<string, string>; devDependencies: Record<string, string>;
};

let dir: string;
let project: string;
let files: string[];

async function linkInstalledPackages(nodeModules: string): Promise<void> {
  const source = join(ROOT, 'node_modules');
  const excluded = new Set(Object.keys(manifest.devDependencies));
  for (const entry of await readdir(source)) {
    if (entry.startsWith('.')) continue;
    const names = entry.startsWith('@') ? (await readdir(join(source, entry))).map((name) => `${entry}/${name}`) : [entry];
    for (const name of names) {
      if (excluded.has(name)) continue;
      await mkdir(join(nodeModules, name, '..'), { recursive: true });
      await symlink(join(source, name), join(nodeModules, name));
    }
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'harness-pack-'));
  // What `prepack` does, run on its own so that pack's output is nothing but its JSON.
  await run('npm', ['run', 'build'], { cwd: ROOT });
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  const [packed] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  files = packed.files.map((f) => f.path);
  project = join(dir, 'project');
  const installed = join(project, 'node_modules', 'contract-harness');
  await mkdir(installed, { recursive: true });
  await run('tar', ['-xzf', join(dir, packed.filename), '-C', installed, '--strip-components=1']);
  await linkInstalledPackages(join(project, 'node_modules'));
  await mkdir(join(project, 'node_modules', '.bin'), { recursive: true });
  await symlink('../contract-harness/bin/harness.js', join(project, 'node_modules', '.bin', 'harness'));
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
}, 300_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('holds the compiled code, contracts and schemas, and no sources or tests', () => {
    // dist/checked-contracts.json: the digests (and parsed forms) of the contracts the build checked in full;
    // dist/meta-schema-check.cjs: the JSON Schema meta-schema's validator, compiled to code by the build.
    for (const file of ['dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js', 'dist/checked-contracts.json', 'dist/meta-schema-check.cjs', 'bin/harness.js', 'contracts/game-sessions.yaml', 'schemas/conformance-report.schema.json', 'schemas/harness-config.schema.json', 'package.json']) {
      expect(files).toContain(file);
    }
    expect(files.filter((f) => f.startsWith('src/') || f.startsWith('test/'))).toEqual([]);
    expect(manifest.dependencies).not.toHaveProperty('tsx');
    expect(manifest.dependencies).not.toHaveProperty('esbuild');
  });

  it('npx harness --version runs the compiled binary', async () => {
    const { stdout } = await run('npx', ['--offline', '--no-install', 'harness', '--version'], { cwd: project });
    expect(stdout.trim()).toBe(manifest.version);
    const { stdout: list } = await run('npx', ['--offline', '--no-install', 'harness', 'contracts', '--json'], { cwd: project });
    expect((JSON.parse(list) as Array<{ id: string }>).map((c) => c.id)).toContain('game-sessions');
  });

  it('imports from a plain .mjs and serves a mock', async () => {
    await writeFile(join(project, 'use.mjs'), [
      "import { loadContract, startMockServer, createJunitReporter } from 'contract-harness';",
      "const mock = await startMockServer({ contracts: [await loadContract('game-sessions')], port: 0 });",
      "const response = await fetch(`${mock.url}/game-sessions/sessions`);",
      'await mock.close();',
      "console.log(response.status, typeof createJunitReporter);",
    ].join('\n'));
    const { stdout } = await run(process.execPath, ['use.mjs'], { cwd: project });
    expect(stdout.trim()).toBe('401 function');
  });

  it('type-checks a NodeNext consumer against the shipped declarations', async () => {
    await symlink(join(ROOT, 'node_modules', '@types', 'node'), join(project, 'node_modules', '@types', 'node')).catch(async () => {
      await mkdir(join(project, 'node_modules', '@types'), { recursive: true });
      await symlink(join(ROOT, 'node_modules', '@types', 'node'), join(project, 'node_modules', '@types', 'node'));
    });
    await writeFile(join(project, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] },
      include: ['consumer.ts'],
    }));
    await writeFile(join(project, 'consumer.ts'), [
      "import { loadContract, runConformance, type ContractModel, type RunSummary } from 'contract-harness';",
      "const contract: ContractModel = await loadContract('game-sessions');",
      'const count: number = contract.operations.length;',
      '// @ts-expect-error the declarations are real types, not any',
      'const wrong: string = contract.operations.length;',
      "const run: (c: ContractModel, o: Parameters<typeof runConformance>[1], e: () => void) => Promise<RunSummary> = runConformance;",
      'export { count, wrong, run };',
    ].join('\n'));
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: project }).then(() => 'ok', (error: { stdout?: string }) => error.stdout ?? String(error));
    expect(result).toBe('ok');
  });
});
