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
  packages: 'external',
  splitting: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  banner: { js: '' },
  logLevel: 'warning',
});
