// Harnesses that draw with Ink or run the engine are bundled like the binary (scripts/build.ts): React's
// production build, the same swaps, the engine's worker entry beside them.

import path from 'node:path';
import { build } from 'esbuild';
import { bundleOptions } from '../bundle-options.ts';
import { repositoryRoot } from './terminal.ts';

/**
 * Bundles `entryPoints` (name → source file) into `outdir` with the binary's settings, and the engine's worker
 * entry beside them: the worker pool starts worker-entry.js from beside the bundle, as it does from dist/.
 */
export async function bundleHarnesses(entryPoints: Record<string, string>, outdir: string): Promise<void> {
  await build({ ...bundleOptions, entryPoints, outdir, absWorkingDir: repositoryRoot });
  await build({
    entryPoints: { 'worker-entry': path.join(repositoryRoot, 'source/engine/models/worker-entry.ts') },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    logLevel: 'warning',
  });
}
