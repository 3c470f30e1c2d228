// Bundles the command line and the worker entries into dist/. The worker entries are entry points of their own
// because Piscina and the loopback server load them as files, next to cli.js.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';
import { bundleOptions } from './bundle-options.ts';

rmSync('dist', { recursive: true, force: true });

await build({
  ...bundleOptions,
  entryPoints: {
    cli: 'source/cli.ts',
    'worker-entry': 'source/engine/models/worker-entry.ts',
    'http-server-worker': 'source/engine/loopback/http-server-worker.ts',
  },
  outdir: 'dist',
});
