// `npm run build` (and `prepack`): compiles src/ to dist/ with tsc, writes what the compiled loader trusts
// beside it (contract/checked-build.ts: the bundled contracts checked in full and parsed, the JSON Schema
// meta-schema's validator compiled to code), then bundles the CLI into one file.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
process.chdir(root);
rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, [createRequire(import.meta.url).resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
const checked = await import(new URL('../dist/contract/checked-build.js', import.meta.url).href);
checked.writeCheckedDigests('dist');
checked.writeCompiledMetaSchema('dist');
await bundleCli();

/**
 * dist/cli/main.js (what bin/harness.js runs) bundled with its dependencies: Node then resolves, reads and
 * compiles two modules instead of ~400 (our ~200 files, ajv's and yaml's CommonJS files), half the import
 * time of `harness mock`. The files stay one folder below dist/, so the paths they find from
 * `import.meta.url` (package.json, contracts/, dist/checked-contracts.json) are the same. dist/index.js and
 * the rest of dist/ stay as tsc wrote them, for the package's importers.
 */
async function bundleCli() {
  const { build } = await import('esbuild');
  await build({
    entryPoints: ['src/cli/main.ts'],
    outdir: 'dist/cli',
    allowOverwrite: true,
    bundle: true,
    // `harness check`'s own code (runner, reports) in a chunk of its own, loaded only by that command.
    // Chunks stay beside main.js: the paths they find from `import.meta.url` are the same.
    splitting: true,
    chunkNames: '[name]-[hash]',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // jsonc-parser's `main` is a UMD file whose requires a bundler cannot follow; its `module` is plain ESM.
    mainFields: ['module', 'main'],
    // Function and class names as written: nothing our output prints may change with bundling.
    keepNames: true,
    // CommonJS dependencies (yaml) require Node's built-in modules.
    banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
    logLevel: 'warning',
  });
}
