import path from 'node:path';
import { build } from 'esbuild';
import { expect, test } from 'vitest';
import { bundleOptions } from '../scripts/bundle-options.ts';

const root = path.resolve(import.meta.dirname, '..');

// A swap that silently stops applying (a renamed package, a new import path) would only show as a slower
// binary: the build of the command line must take every wrapper in source/bundle-swaps/.
test('the binary bundle takes every bundle swap', async () => {
  const result = await build({
    ...bundleOptions,
    entryPoints: { main: 'source/cli/main.ts' },
    outdir: path.join(root, '.bench-tmp', 'swaps-check'),
    absWorkingDir: root,
    write: false,
    metafile: true,
  });
  const inputs = Object.keys(result.metafile.inputs);
  for (const wrapper of ['string-width.ts', 'ansi-tokenize.ts', 'yoga-layout.ts', 'piscina.ts']) {
    expect(inputs).toContain(`source/bundle-swaps/${wrapper}`);
  }
  // piscina is loaded by the wrapper at run time, never imported by the bundle itself.
  const imports = result.metafile.outputs;
  const importsPiscina = Object.values(imports).some((output) =>
    output.imports.some((entry) => entry.path === 'piscina'),
  );
  expect(importsPiscina).toBe(false);
}, 60_000);
