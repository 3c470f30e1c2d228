// Bundles the command line and the worker entries into dist/. The worker entries are entry points of their own
// because Piscina and the loopback server load them as files, next to main.js. The binary, dist/cli.js, is a
// tiny entry built apart for old Node versions: it checks the version, then imports main.js.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';
import { bundleOptions, entryBundleOptions } from './bundle-options.ts';
import { workloadSourcesDefine } from './embed-workload-sources.ts';

rmSync('dist', { recursive: true, force: true });

await build({
  ...bundleOptions,
  entryPoints: {
    main: 'source/cli/main.ts',
    'worker-entry': 'source/engine/models/worker-entry.ts',
    'process-entry': 'source/engine/models/process-entry.ts',
    'http-server-worker': 'source/engine/loopback/http-server-worker.ts',
    'machine-details-worker': 'source/engine/metrics/machine-details-worker.ts',
    'quit-guard-worker': 'source/ui/quit-guard-worker.ts',
  },
  // The built-in workloads' texts, for the dashboard's `c`: workloads/ is not shipped.
  define: { ...bundleOptions.define, ...workloadSourcesDefine() },
  outdir: 'dist',
});

await build({ ...entryBundleOptions, entryPoints: { cli: 'source/cli.ts' }, outdir: 'dist' });

await import('./build-types.ts');
