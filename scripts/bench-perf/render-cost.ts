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

/** The sizes measured: the minimum, the reference the target is set for, and a large screen. */
const sizes = [
  { columns: 80, rows: 24 },
  { columns: 120, rows: 40 },
  { columns: 220, rows: 60 },
] as const;
const reference = sizes[1];
/** Time per frame at 120×40, ms; a larger screen may take as much more as it has more cells. */
const referenceTargetMs = 3;
const name = ({ columns, rows }: { columns: number; rows: number }) => `${columns}x${rows}`;
const cells = ({ columns, rows }: { columns: number; rows: number }) => columns * rows;

export const renderCost: Figure = {
  name: 'render-cost',
  method:
    'the dashboard (runDashboard, bundled like the binary: React production build, colour on) drawing into a fake terminal of 80×24, 120×40 and 220×60 (one process each), fed real engine snapshots of io-timer with 1,000 tasks in flight (async, then workers) and a full minute of history; time from publishing a snapshot to the frame’s last write, median of 100 frames after 10 warm-up frames; larger screens are judged against the 120×40 figure scaled by their number of cells',
  timeoutSeconds: 150,
  async measure() {
    // Inside the repository (git-ignored), so the bundle's `import 'piscina'` finds node_modules.
    const scratch = path.join(repositoryRoot, '.bench-tmp');
    mkdirSync(scratch, { recursive: true });
    const outdir = mkdtempSync(path.join(scratch, 'render-'));
    try {
      const harness = await bundleHarness(outdir);
      const measurements: Record<string, number> = {};
      for (const size of sizes) {
        const { stdout } = await execFileAsync(
          nodeBinary,
          [harness, String(size.columns), String(size.rows)],
          {
            // Colour as in tmux (TERM=tmux-256color): escape codes are part of every frame's cost.
            env: { ...process.env, FORCE_COLOR: '2' },
            cwd: repositoryRoot,
          },
        );
        const output = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as HarnessOutput;
        if (output.missed > 0)
          throw new Error(`${output.missed} frames were not drawn at once at ${name(size)}`);
        const suffix = size === reference ? '' : `_${name(size)}`;
        measurements[`frameMs${suffix}`] = median(output.frames);
        measurements[`frameP90Ms${suffix}`] = quantile(output.frames, 0.9);
        measurements[`frameCpuMs${suffix}`] = median(output.cpuMs);
        measurements[`bytesPerFrame${suffix}`] = output.bytesPerFrame;
        if (size === reference) measurements.registryTasks = output.registryTasks;
      }
      for (const size of sizes) {
        if (size === reference) continue;
        // Measured over the 120×40 figure scaled by cells: at most 1 when the larger screen costs no more per cell.
        measurements[`frameVsCells_${name(size)}`] =
          (measurements[`frameMs_${name(size)}`] ?? Number.NaN) /
          ((measurements.frameMs ?? Number.NaN) * (cells(size) / cells(reference)));
      }
      return measurements;
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  },
  checks: [
    {
      label: 'render: time per frame, 120×40',
      key: 'frameMs',
      unit: 'ms',
      bound: { kind: 'below', value: referenceTargetMs },
    },
    {
      label: 'render: time per frame, 80×24',
      key: 'frameMs_80x24',
      unit: 'ms',
      bound: { kind: 'below', value: referenceTargetMs },
    },
    {
      label: 'render: time per frame, 220×60',
      key: 'frameMs_220x60',
      unit: 'ms',
      bound: { kind: 'below', value: (referenceTargetMs * cells(sizes[2])) / cells(reference) },
    },
    {
      label: 'render: 220×60 over 120×40 × cells',
      key: 'frameVsCells_220x60',
      unit: '×',
      bound: { kind: 'atMost', value: 1 },
    },
  ],
};

function quantile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? Number.NaN;
}
