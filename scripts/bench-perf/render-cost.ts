import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { bundleOptions } from '../bundle-options.ts';
import type { Figure } from './figure.ts';
import { median } from './stats.ts';
import { nodeBinary, repositoryRoot } from './terminal.ts';

const execFileAsync = promisify(execFile);

type HarnessOutput = {
  frames: number[];
  cpuMs: number[];
  missed: number;
  bytesPerFrame: number;
  registryTasks: number;
};

/** Bundles the harness with the binary's settings (scripts/build.ts), so React runs its production build. */
async function bundleHarness(outdir: string): Promise<string> {
  await build({
    ...bundleOptions,
    entryPoints: { 'render-harness': path.join(import.meta.dirname, 'render-harness.ts') },
    outdir,
    absWorkingDir: repositoryRoot,
  });
  // The engine's worker pool starts worker-entry.js from beside the bundle, as it does from dist/.
  await build({
    entryPoints: { 'worker-entry': path.join(repositoryRoot, 'source/engine/models/worker-entry.ts') },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    logLevel: 'warning',
  });
  return path.join(outdir, 'render-harness.js');
}

export const renderCost: Figure = {
  name: 'render-cost',
  method:
    'the dashboard (runDashboard, bundled like the binary: React production build, colour on) drawing into a fake 120×40 terminal, fed real engine snapshots of io-timer with 1,000 tasks in flight (async, then workers) and a full minute of history; time from publishing a snapshot to the frame’s last write, median of 100 frames after 10 warm-up frames',
  timeoutSeconds: 90,
  async measure() {
    // Inside the repository (git-ignored), so the bundle's `import 'piscina'` finds node_modules.
    const scratch = path.join(repositoryRoot, '.bench-tmp');
    mkdirSync(scratch, { recursive: true });
    const outdir = mkdtempSync(path.join(scratch, 'render-'));
    try {
      const harness = await bundleHarness(outdir);
      const { stdout } = await execFileAsync(nodeBinary, [harness], {
        // Colour as in tmux (TERM=tmux-256color): escape codes are part of every frame's cost.
        env: { ...process.env, FORCE_COLOR: '2' },
        cwd: repositoryRoot,
      });
      const output = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as HarnessOutput;
      if (output.missed > 0) throw new Error(`${output.missed} frames were not drawn at once`);
      return {
        frameMs: median(output.frames),
        frameP90Ms: quantile(output.frames, 0.9),
        frameCpuMs: median(output.cpuMs),
        bytesPerFrame: output.bytesPerFrame,
        registryTasks: output.registryTasks,
      };
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  },
  checks: [
    {
      label: 'render: time per frame, 120×40',
      key: 'frameMs',
      unit: 'ms',
      bound: { kind: 'below', value: 3 },
    },
  ],
};

function quantile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? Number.NaN;
}
