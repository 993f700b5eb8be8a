import { describe, expect, it } from 'vitest';
import { bundleForBrowser, isNodeBuiltin } from '../../examples/browser/build.ts';

// The browser entry must bundle for the browser as it is: no `node:*`, no bare Node built-in, anywhere below it.
describe('src/browser.ts bundled with esbuild for the browser', () => {
  it('pulls in no Node built-in module', async () => {
    const { nodeBuiltins, metafile } = await bundleForBrowser('src/browser.ts');
    expect(nodeBuiltins.map((i) => `${i.module} (imported by ${i.importer})`)).toEqual([]);
    const external = Object.values(metafile.inputs).flatMap((input) => input.imports.filter((i) => i.external).map((i) => i.path));
    expect(external).toEqual([]);
    // It did bundle the mock itself, not an empty shell.
    expect(Object.keys(metafile.inputs)).toEqual(expect.arrayContaining(['src/mock/handlers.ts', 'src/contract/load-text.ts']));
  });

  it('recognises Node built-ins in both spellings', () => {
    for (const name of ['node:fs', 'node:fs/promises', 'fs', 'fs/promises', 'path', 'crypto', 'module']) expect(isNodeBuiltin(name), name).toBe(true);
    for (const name of ['msw', 'msw/browser', 'yaml', './path', '../fs.ts', 'fs-extra', '@faker-js/faker']) expect(isNodeBuiltin(name), name).toBe(false);
  });
});
