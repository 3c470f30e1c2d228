// Bundles the command line and the worker entry into dist/. Two entry points because the worker
// entry is loaded by Piscina as a file of its own, next to cli.js.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist', { recursive: true, force: true });

await build({
  entryPoints: {
    cli: 'source/cli.ts',
    'worker-entry': 'source/engine/models/worker-entry.ts',
    'http-server-worker': 'source/engine/loopback/http-server-worker.ts',
  },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  // Ink, React and their small dependencies are bundled: one file to parse instead of ~100 modules is most of
  // the start-up time. Piscina stays a package: it starts its workers from its own files.
  external: ['piscina', 'react-devtools-core'],
  splitting: true,
  // React's production build: its development build checks every render and slows the first frame.
  define: { 'process.env.NODE_ENV': '"production"' },
  // Bundled CommonJS dependencies call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
