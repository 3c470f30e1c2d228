import type { BuildOptions, Plugin } from 'esbuild';
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

/** The entry imports the command line as `./cli/main.ts`; in dist/ it is `./main.js`, next to the entry. */
const mainStaysApart: Plugin = {
  name: 'main-stays-apart',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^\.\/cli\/main\.ts$/ }, () => ({ path: './main.js', external: true }));
  },
};

/**
 * The settings of the tiny entry (`dist/cli.js`): syntax that Node 12 parses, as a script or as a module, so
 * an old Node can run its version check. It imports the command line (`dist/main.js`) only on a Node that
 * can run it.
 */
export const entryBundleOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node12',
  // `import()` parses from Node 12 on, and the entry only calls it once the version check has passed.
  supported: { 'dynamic-import': true },
  plugins: [mainStaysApart],
  logLevel: 'warning',
} satisfies BuildOptions;
