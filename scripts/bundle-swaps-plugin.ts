import path from 'node:path';
import type { Plugin } from 'esbuild';

const swapsFolder = path.join(import.meta.dirname, '..', 'source', 'bundle-swaps');

/** Packages whose bundled copy is replaced by a wrapper in source/bundle-swaps/; each wrapper imports the original. */
const swaps: Record<string, string> = {
  // Ink measures and tokenizes every line on every frame: fast paths for the characters a dashboard draws.
  'string-width': path.join(swapsFolder, 'string-width.ts'),
  '@alcalzone/ansi-tokenize': path.join(swapsFolder, 'ansi-tokenize.ts'),
  // Yoga's loader would load undici to decode its own WebAssembly: a slower start.
  'yoga-layout': path.join(swapsFolder, 'yoga-layout.ts'),
  // Loading piscina is 15-40 ms of every start; only a switch to the worker model needs it.
  piscina: path.join(swapsFolder, 'piscina.ts'),
};

/** Modules of source/bundle-swaps/ that the bundle takes from the plugin instead: the same exports, loaded later. */
const lazyOriginals: Record<string, string> = {
  // string-width evaluated on first use, not while the first frame is on its way (string-width-original.ts).
  'string-width-original.ts':
    "let loaded; export function originalStringWidth() { return (loaded ??= require('string-width').default); }",
};
const lazyNamespace = 'bundle-swaps-lazy';

/**
 * Where the bundle imports one of `swaps` (from Ink, widest-line, wrap-ansi, …) it gets the wrapper instead:
 * same results, less time. Only imports that resolve to the very copy the wrapper itself imports are swapped, so
 * a dependency that needs another major version keeps its own; the wrapper's own imports are never swapped.
 */
export const bundleSwaps: Plugin = {
  name: 'bundle-swaps',
  setup(build) {
    const names = Object.keys(swaps).map((name) => name.replace('/', '\\/'));
    build.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, async (args) => {
      const wrapper = swaps[args.path];
      if (!wrapper || args.importer === wrapper || args.pluginData === 'bundle-swaps') return undefined;
      if (args.namespace === lazyNamespace) return undefined;
      const options = { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'bundle-swaps' };
      const [imported, original] = await Promise.all([
        build.resolve(args.path, options),
        build.resolve(args.path, { ...options, resolveDir: swapsFolder }),
      ]);
      if (imported.errors.length > 0 || imported.path !== original.path) return undefined;
      return { path: wrapper };
    });
    // esbuild evaluates a bundled ES module that is reached by `require()` only when that call runs.
    const lazyNames = Object.keys(lazyOriginals).map((name) => name.replaceAll('.', '\\.'));
    build.onResolve({ filter: new RegExp(`^\\./(${lazyNames.join('|')})$`) }, (args) => {
      if (path.dirname(args.importer) !== swapsFolder) return undefined;
      return { path: args.path.slice(2), namespace: lazyNamespace };
    });
    build.onLoad({ filter: /.*/, namespace: lazyNamespace }, (args) => ({
      contents: lazyOriginals[args.path],
      resolveDir: swapsFolder,
      loader: 'js',
    }));
  },
};
