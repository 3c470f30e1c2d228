import path from 'node:path';
import type { Plugin } from 'esbuild';

const fastPaths = path.join(import.meta.dirname, '..', 'source', 'text-fast-paths');

/** Packages whose bundled copy is swapped for a wrapper with a fast path; the wrapper imports the original. */
const swaps: Record<string, string> = {
  'string-width': path.join(fastPaths, 'string-width.ts'),
  '@alcalzone/ansi-tokenize': path.join(fastPaths, 'ansi-tokenize.ts'),
};

/**
 * Where the bundle imports `string-width` or `@alcalzone/ansi-tokenize` (Ink, widest-line, wrap-ansi, …), it
 * gets the wrapper in source/text-fast-paths/ instead, which gives the same results faster for the text a
 * dashboard draws. Only imports that resolve to the very copy the wrapper itself imports are swapped, so a
 * dependency that needs another major version keeps its own; the wrapper's own import is never swapped.
 */
export const textFastPaths: Plugin = {
  name: 'text-fast-paths',
  setup(build) {
    const filter = new RegExp(
      `^(${Object.keys(swaps)
        .map((name) => name.replace('/', '\\/'))
        .join('|')})$`,
    );
    build.onResolve({ filter }, async (args) => {
      const wrapper = swaps[args.path];
      if (!wrapper || args.importer === wrapper || args.pluginData === 'text-fast-paths') return undefined;
      const options = { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'text-fast-paths' };
      const [imported, original] = await Promise.all([
        build.resolve(args.path, options),
        build.resolve(args.path, { ...options, resolveDir: fastPaths }),
      ]);
      if (imported.errors.length > 0 || imported.path !== original.path) return undefined;
      return { path: wrapper };
    });
  },
};
