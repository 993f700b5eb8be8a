/**
 * Builds the browser example into examples/browser/dist/: the page, its script bundled with esbuild for the
 * browser, and msw's worker script. Run it with `npx tsx examples/browser/build.ts`.
 *
 * The build refuses any Node built-in module (`node:fs`, `path`, ...) reached from the page: the browser
 * entry (src/browser.ts) must not pull one in.
 */
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';

const HERE = dirname(fileURLToPath(import.meta.url));
export const EXAMPLE_DIST = join(HERE, 'dist');

/** A Node built-in imported somewhere in a browser bundle, and who imported it. */
export interface NodeBuiltinImport {
  readonly module: string;
  readonly importer: string;
}

const BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** `node:fs/promises` and `fs/promises` are built-ins; `fs-extra` is not. */
export function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0]);
}

/** Records every Node built-in the bundle reaches (left external, so one build lists them all). */
export function nodeBuiltinGuard(found: NodeBuiltinImport[]): Plugin {
  return {
    name: 'node-builtin-guard',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /.*/ }, (args) => {
        if (!isNodeBuiltin(args.path)) return undefined;
        found.push({ module: args.path, importer: relative(process.cwd(), args.importer) || args.importer });
        return { path: args.path, external: true };
      });
    },
  };
}

export interface BrowserBundleResult {
  readonly code: string;
  readonly metafile: Metafile;
  readonly nodeBuiltins: readonly NodeBuiltinImport[];
}

/**
 * Bundles one entry for the browser the way the example is built, without writing anything.
 *
 * @example
 * const { nodeBuiltins } = await bundleForBrowser('src/browser.ts'); // [] when the entry is browser-safe
 */
export async function bundleForBrowser(entry: string): Promise<BrowserBundleResult> {
  const nodeBuiltins: NodeBuiltinImport[] = [];
  const result = await build({
    ...browserBuildOptions(nodeBuiltins),
    entryPoints: [entry],
    write: false,
    outdir: 'out',
  });
  return { code: result.outputFiles.find((f) => f.path.endsWith('.js'))!.text, metafile: result.metafile, nodeBuiltins };
}

function browserBuildOptions(found: NodeBuiltinImport[]) {
  return {
    bundle: true,
    platform: 'browser' as const,
    format: 'esm' as const,
    target: 'es2022',
    loader: { '.yaml': 'text' as const },
    metafile: true as const,
    logLevel: 'silent' as const,
    plugins: [nodeBuiltinGuard(found)],
  };
}

/**
 * Writes dist/index.html, dist/app.js (+ source map) and dist/mockServiceWorker.js. Throws when the page
 * would pull in a Node built-in.
 *
 * @example
 * const { outdir } = await buildBrowserExample(); // then serve outdir, e.g. with serve.ts
 */
export async function buildBrowserExample(outdir = EXAMPLE_DIST): Promise<{ outdir: string }> {
  const found: NodeBuiltinImport[] = [];
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  await build({
    ...browserBuildOptions(found),
    entryPoints: [join(HERE, 'main.ts')],
    outfile: join(outdir, 'app.js'),
    sourcemap: true,
  });
  if (found.length > 0) {
    const list = found.map((f) => `${f.module} (imported by ${f.importer})`).join(', ');
    throw new Error(`Failed to build the browser example: it pulls in Node built-ins: ${list}.`);
  }
  await copyFile(join(HERE, 'index.html'), join(outdir, 'index.html'));
  // npm 11 skips msw's postinstall, so the worker script is copied from the installed msw (same version).
  const worker = createRequire(import.meta.url).resolve('msw/mockServiceWorker.js');
  await copyFile(worker, join(outdir, 'mockServiceWorker.js'));
  return { outdir };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const { outdir } = await buildBrowserExample();
    process.stdout.write(`Built the browser example into ${relative(process.cwd(), outdir) || outdir}\n`);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
