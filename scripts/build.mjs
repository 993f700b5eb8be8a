// `npm run build` (and `prepack`): compiles src/ to dist/ with tsc, then writes what the compiled loader
// trusts beside it (contract/checked-build.ts): the bundled contracts checked in full and parsed, and the
// JSON Schema meta-schema's validator compiled to code.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = new URL('../', import.meta.url);
const dist = new URL('dist/', root);
process.chdir(fileURLToPath(root));
rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [createRequire(import.meta.url).resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
const build = await import(new URL('contract/checked-build.js', dist).href);
build.writeCheckedDigests('dist');
build.writeCompiledMetaSchema('dist');
