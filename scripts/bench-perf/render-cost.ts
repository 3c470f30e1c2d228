import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { bundleHarnesses } from './bundle-harness.ts';
import type { FrameTimes } from './fake-terminal.ts';
import type { Figure, Measurements } from './figure.ts';
import { median } from './stats.ts';
import { nodeBinary, repositoryRoot } from './terminal.ts';

const execFileAsync = promisify(execFile);

type HarnessOutput = FrameTimes & { registryTasks?: number };

/** Bundles both harnesses with the binary's settings (scripts/build.ts), so React runs its production build. */
async function bundleRenderHarnesses(outdir: string): Promise<{ ours: string; floor: string }> {
  await bundleHarnesses(
    {
      'render-harness': path.join(import.meta.dirname, 'render-harness.ts'),
      'render-floor-harness': path.join(import.meta.dirname, 'render-floor-harness.tsx'),
    },
    outdir,
  );
  return {
    ours: path.join(outdir, 'render-harness.js'),
    floor: path.join(outdir, 'render-floor-harness.js'),
  };
}

/** Runs one harness at one size, colour on as in tmux (TERM=tmux-256color): escape codes are part of every frame. */
async function runHarness(
  harness: string,
  size: { columns: number; rows: number },
  extra: { framesFile?: string; writeFrames?: boolean; lanes?: boolean } = {},
): Promise<HarnessOutput> {
  const { stdout } = await execFileAsync(
    nodeBinary,
    [
      harness,
      String(size.columns),
      String(size.rows),
      ...(extra.framesFile && !extra.writeFrames ? [extra.framesFile] : []),
    ],
    {
      env: {
        ...process.env,
        FORCE_COLOR: '2',
        ...(extra.writeFrames && extra.framesFile ? { RENDER_FRAMES: extra.framesFile } : {}),
        ...(extra.lanes ? { RENDER_LANES: '1' } : {}),
      },
      cwd: repositoryRoot,
    },
  );
  const output = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as HarnessOutput;
  if (output.missed > 0) throw new Error(`${output.missed} frames were not drawn at once at ${name(size)}`);
  return output;
}

/**
 * Our frame and Ink's floor at the reference size, alternating: floor, ours, floor, ours (ours first on odd
 * repetitions). The floor draws the text of the frames ours drew last, so the first floor run of an even
 * repetition uses the frames of a previous repetition when there is one, else ours goes first.
 */
async function oursAndFloor(
  harnesses: { ours: string; floor: string },
  framesFile: string,
  repetition: number,
  lanes = false,
): Promise<{ ours: HarnessOutput[]; floor: HarnessOutput[] }> {
  const ours: HarnessOutput[] = [];
  const floor: HarnessOutput[] = [];
  const floorFirst = repetition % 2 === 0 && existsSync(framesFile);
  const order = floorFirst ? ['floor', 'ours', 'floor', 'ours'] : ['ours', 'floor', 'ours', 'floor'];
  for (const side of order) {
    if (side === 'ours')
      ours.push(await runHarness(harnesses.ours, reference, { framesFile, writeFrames: true, lanes }));
    else floor.push(await runHarness(harnesses.floor, reference, { framesFile }));
  }
  return { ours, floor };
}

/** The sizes measured: the minimum, the reference the target is set for, and a large screen. */
const sizes = [
  { columns: 80, rows: 24 },
  { columns: 120, rows: 40 },
  { columns: 220, rows: 60 },
] as const;
const reference = sizes[1];
const name = ({ columns, rows }: { columns: number; rows: number }) => `${columns}x${rows}`;
const cells = ({ columns, rows }: { columns: number; rows: number }) => columns * rows;

export const renderCost: Figure = {
  name: 'render-cost',
  method:
    'the dashboard (runDashboard, bundled like the binary: React production build, colour on) drawing into a fake terminal, fed real engine snapshots of io-timer with 1,000 tasks in flight (async, then workers) and a full minute of history; time from publishing a snapshot to the frame’s last write, median of 100 frames after 10 warm-up frames. Floor: plain Ink (same options, same bundle settings) drawing the same frames’ text, one <Text> per line, in processes alternating with ours (two each) at 120×40; 80×24 and 220×60 once each, judged against the 120×40 figure scaled by their number of cells. With lanes: the same at 120×40 with `t` pressed and a made-up timeline (main partly busy, four threads running 20 ms tasks) in every snapshot, against plain Ink drawing those frames’ text',
  timeoutSeconds: 300,
  async measure({ repetition }) {
    // Inside the repository (git-ignored), so the bundle's `import 'piscina'` finds node_modules.
    const scratch = path.join(repositoryRoot, '.bench-tmp');
    mkdirSync(scratch, { recursive: true });
    const outdir = mkdtempSync(path.join(scratch, 'render-'));
    // Kept between repetitions (each runs in a process of its own), so the floor can go first.
    const framesFile = path.join(scratch, 'render-frames-120x40.json');
    try {
      const harnesses = await bundleRenderHarnesses(outdir);
      const measurements: Measurements = {};
      const { ours, floor } = await oursAndFloor(harnesses, framesFile, repetition);
      const oursMs = median(ours.flatMap((run) => run.frames));
      const floorMs = median(floor.flatMap((run) => run.frames));
      measurements.frameMs = oursMs;
      measurements.floorFrameMs = floorMs;
      measurements.frameVsInk = oursMs / floorMs;
      measurements.frameP90Ms = quantile(
        ours.flatMap((run) => run.frames),
        0.9,
      );
      measurements.frameCpuMs = median(ours.flatMap((run) => run.cpuMs));
      measurements.floorFrameCpuMs = median(floor.flatMap((run) => run.cpuMs));
      measurements.frameCpuVsInk = measurements.frameCpuMs / measurements.floorFrameCpuMs;
      measurements.bytesPerFrame = ours[0]?.bytesPerFrame ?? Number.NaN;
      measurements.floorBytesPerFrame = floor[0]?.bytesPerFrame ?? Number.NaN;
      measurements.registryTasks = ours[0]?.registryTasks ?? Number.NaN;
      // The same with the timeline lanes shown (`t`), against plain Ink drawing those frames' text.
      const lanesFrames = path.join(scratch, 'render-frames-120x40-lanes.json');
      const lanes = await oursAndFloor(harnesses, lanesFrames, repetition, true);
      measurements.frameMsLanes = median(lanes.ours.flatMap((run) => run.frames));
      measurements.floorFrameMsLanes = median(lanes.floor.flatMap((run) => run.frames));
      measurements.frameVsInkLanes = measurements.frameMsLanes / measurements.floorFrameMsLanes;
      measurements.frameLanesVsPlain = measurements.frameMsLanes / oursMs;
      for (const size of sizes) {
        if (size === reference) continue;
        const output = await runHarness(harnesses.ours, size);
        measurements[`frameMs_${name(size)}`] = median(output.frames);
        measurements[`frameCpuMs_${name(size)}`] = median(output.cpuMs);
        // Measured over the 120×40 figure scaled by cells: at most 1 when the larger screen costs no more per cell.
        measurements[`frameVsCells_${name(size)}`] =
          (measurements[`frameMs_${name(size)}`] ?? Number.NaN) / (oursMs * (cells(size) / cells(reference)));
      }
      return measurements;
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  },
  checks: [
    {
      label: 'render: frame ÷ plain Ink, same text, 120×40',
      key: 'frameVsInk',
      unit: '×',
      bound: { kind: 'atMost', value: 1.5 },
      absolute: { ours: 'frameMs', floor: 'floorFrameMs', unit: 'ms' },
    },
    {
      label: 'render: frame CPU ÷ plain Ink, 120×40',
      key: 'frameCpuVsInk',
      unit: '×',
      bound: { kind: 'atMost', value: 1.5 },
      absolute: { ours: 'frameCpuMs', floor: 'floorFrameCpuMs', unit: 'ms' },
    },
    {
      label: 'render with the lanes shown: frame ÷ plain Ink, same text, 120×40',
      key: 'frameVsInkLanes',
      unit: '×',
      bound: { kind: 'atMost', value: 1.5 },
      absolute: { ours: 'frameMsLanes', floor: 'floorFrameMsLanes', unit: 'ms' },
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
