import type { BuildOptions } from 'esbuild';
import { bundleSwaps } from './bundle-swaps-plugin.ts';

/**
 * The bundle settings of the shipped binary, shared by the build and by benchmarks that must measure the
 * same code (React's production build, Ink bundled).
 */
export const bundleOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  // esbuild would otherwise turn regular expressions with Unicode properties or the `v` flag into
  // `new RegExp(…)` calls; Ink has one inside its per-character loop, so it was compiled once per character
  // drawn. Node 22 supports both natively.
  supported: { 'regexp-unicode-property-escapes': true, 'regexp-set-notation': true },
  // Ink, React and their small dependencies are bundled: one file to parse instead of ~100 modules is most of
  // the start-up time. Piscina stays a package: it starts its workers from its own files.
  external: ['piscina', 'react-devtools-core'],
  // Ink's devtools module (which imports react-devtools-core) stays a chunk that only development mode loads.
  splitting: true,
  // React's production build: its development build checks every render and slows the first frame.
  define: { 'process.env.NODE_ENV': '"production"' },
  // Bundled CommonJS dependencies call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  // Faster copies of a few of Ink's dependencies, same results: see scripts/bundle-swaps-plugin.ts.
  plugins: [bundleSwaps],
  logLevel: 'warning',
} satisfies BuildOptions;
