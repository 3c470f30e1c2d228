import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import type { BenchResult } from '../../source/bench/run-bench.ts';
import type { ModelName } from '../../source/engine/types.ts';
import { bundleHarnesses } from './bundle-harness.ts';
import { scoreboardThroughput } from './dashboard-screen.ts';
import type { Figure, Measurements } from './figure.ts';
import { cliPath, execLine, nodeBinary, repositoryRoot, Terminal, waitForExit } from './terminal.ts';

const execFileAsync = promisify(execFile);

// Three seconds of warm-up, not one: for its first seconds the dashboard's own code is still being compiled, on
// V8's helper threads as well as on the main thread, and that competes with the pool. One second of warm-up and
// three of measuring read 0.910× for workers on a quiet morning; three and six, 0.955× (BENCHMARKS.md).
const duration = 6;
const warmup = 3;
const size = { columns: 120, rows: 40 };
/** The dashboard publishes a snapshot every 250 ms, and draws a frame for each. */
const frameIntervalMs = 250;
const framesCaptured = 40;

/** The frames the dashboard drew, each as tmux shows it with its colours, consecutive repeats dropped. */
async function captureFrames(terminal: Terminal): Promise<string[]> {
  const frames: string[] = [];
  for (let index = 0; index < framesCaptured; index++) {
    const started = performance.now();
    const lines = (await terminal.screen(true)).split('\n');
    // What the dashboard drew: its lines, never the terminal's last row (Ink keeps below it).
    while (lines.length > 0 && lines.at(-1)?.trim() === '') lines.pop();
    const frame = lines.slice(0, size.rows - 1).join('\n');
    if (frame !== frames.at(-1)) frames.push(frame);
    await delay(Math.max(0, frameIntervalMs - (performance.now() - started)));
  }
  return frames;
}

/**
 * The dashboard's own throughput figure: start it, let it warm up as long as `bench` does, press `r` (the
 * scoreboard starts over), wait the measured time, and read the model's throughput off the scoreboard. Then the
 * frames it draws for the next ten seconds, for the floor to draw again.
 */
async function dashboardThroughput(model: ModelName): Promise<{ throughput: number; frames: string[] }> {
  const terminal = new Terminal(execLine([nodeBinary, cliPath, '--workload', 'cpu', '--model', model]), size);
  try {
    await terminal.waitForScreen(/SCOREBOARD/, 'the first dashboard frame');
    const pid = await terminal.pid();
    await delay(warmup * 1000);
    await terminal.press('r');
    await delay(duration * 1000);
    const screen = await terminal.screen();
    const throughput = scoreboardThroughput(screen, model);
    if (throughput === undefined) throw new Error(`no ${model} throughput on the scoreboard:\n${screen}`);
    const frames = await captureFrames(terminal);
    await terminal.press('q');
    await waitForExit(pid).catch(() => undefined);
    return { throughput, frames };
  } finally {
    terminal.close();
  }
}

/** What `concur-tui bench` is given on both sides that run it. */
const benchArguments = (model: ModelName): string[] => [
  '--workload',
  'cpu',
  '--models',
  model,
  '--duration',
  String(duration),
  '--warmup',
  String(warmup),
];

/** The same workload, same durations, through `concur-tui bench` with no terminal at all. */
async function headlessThroughput(model: ModelName): Promise<number> {
  const { stdout } = await execFileAsync(nodeBinary, [cliPath, 'bench', ...benchArguments(model), '--json']);
  const result = JSON.parse(stdout) as BenchResult;
  return result.rows[0]?.throughput ?? Number.NaN;
}

/**
 * Ink's floor: the bench's run of the same model while plain Ink, in the same process and the same tmux size,
 * draws the dashboard's frames again at the dashboard's pace (`ink-replay-harness.tsx`). What it loses against
 * headless is what drawing those frames costs any Ink program here.
 */
async function inkFloorThroughput(model: ModelName, harness: string, framesFile: string): Promise<number> {
  const resultFile = path.join(path.dirname(framesFile), `ink-floor-${model}.json`);
  rmSync(resultFile, { force: true });
  const argv = [
    nodeBinary,
    harness,
    framesFile,
    String(frameIntervalMs),
    resultFile,
    ...benchArguments(model),
  ];
  const terminal = new Terminal(execLine(argv), size);
  try {
    await terminal.waitForScreen(/SCOREBOARD/, 'the first replayed frame');
    await waitForExit(await terminal.pid(), (warmup + duration + 30) * 1000);
    const row = JSON.parse(readFileSync(resultFile, 'utf8')) as { throughput?: number };
    return row.throughput ?? Number.NaN;
  } finally {
    terminal.close();
  }
}

/** Bundles the replay harness with the binary's settings: React's production build. */
export async function bundleReplayHarness(outdir: string): Promise<string> {
  await bundleHarnesses(
    { 'ink-replay-harness': path.join(import.meta.dirname, 'ink-replay-harness.tsx') },
    outdir,
  );
  return path.join(outdir, 'ink-replay-harness.js');
}

export const dashboardOverhead: Figure = {
  name: 'dashboard-overhead',
  needsTerminal: true,
  method: `cpu workload, concurrency 8: the built binary with the dashboard in tmux ${size.columns}×${size.rows} (throughput read off its scoreboard after ${warmup} s + r + ${duration} s) ÷ \`concur-tui bench\` headless (${warmup} s + ${duration} s), per model. Ink's floor: the same bench run while plain Ink, in the same process, draws the dashboard's frames (captured from tmux, with colours) again in tmux at the same size and pace, one <Text> per line; the sides in turn, reversed on odd repetitions`,
  timeoutSeconds: 240,
  async measure({ repetition }) {
    // Inside the repository (git-ignored): frames are kept between repetitions so the floor can go first.
    const scratch = path.join(repositoryRoot, '.bench-tmp');
    mkdirSync(scratch, { recursive: true });
    const harness = await bundleReplayHarness(path.join(scratch, 'ink-replay'));
    const result: Measurements = {};
    for (const model of ['async', 'workers'] as const) {
      const framesFile = path.join(scratch, `dashboard-frames-${model}.json`);
      const dashboard = async () => {
        const { throughput, frames } = await dashboardThroughput(model);
        writeFileSync(framesFile, JSON.stringify(frames));
        result[`${model}FramesReplayed`] = frames.length;
        return throughput;
      };
      const floor = () => inkFloorThroughput(model, harness, framesFile);
      // Alternate the order, so a slow spell of the machine does not always land on one side. The floor draws
      // the frames of the dashboard's last run, so it goes first only when there is one.
      const reversed = repetition % 2 === 1 && existsSync(framesFile);
      let withDashboard: number;
      let headless: number;
      let inkFloor: number;
      if (reversed) {
        inkFloor = await floor();
        headless = await headlessThroughput(model);
        withDashboard = await dashboard();
      } else {
        withDashboard = await dashboard();
        headless = await headlessThroughput(model);
        inkFloor = await floor();
      }
      result[`${model}DashboardThroughput`] = withDashboard;
      result[`${model}HeadlessThroughput`] = headless;
      result[`${model}InkFloorThroughput`] = inkFloor;
      result[`${model}Ratio`] = withDashboard / headless;
      result[`${model}InkFloorRatio`] = inkFloor / headless;
      result[`${model}OverInkFloor`] = withDashboard / inkFloor;
    }
    return result;
  },
  checks: [
    {
      label: 'dashboard overhead, async (with ÷ without)',
      key: 'asyncRatio',
      unit: '×',
      bound: { kind: 'atLeast', value: 0.97 },
      absolute: { ours: 'asyncDashboardThroughput', floor: 'asyncHeadlessThroughput', unit: 'tasks/s' },
    },
    {
      label: 'dashboard overhead, workers (with ÷ without)',
      key: 'workersRatio',
      unit: '×',
      bound: { kind: 'atLeast', value: 0.97 },
      absolute: { ours: 'workersDashboardThroughput', floor: 'workersHeadlessThroughput', unit: 'tasks/s' },
    },
    {
      label: 'dashboard overhead, async: plain Ink drawing the same frames (with ÷ without)',
      key: 'asyncInkFloorRatio',
      unit: '×',
      bound: { kind: 'none' },
      reading: true,
      absolute: { ours: 'asyncInkFloorThroughput', floor: 'asyncHeadlessThroughput', unit: 'tasks/s' },
    },
    {
      label: 'dashboard overhead, async: ours ÷ plain Ink drawing the same frames',
      key: 'asyncOverInkFloor',
      unit: '×',
      // What the dashboard adds over any Ink program drawing the same frames: its own work, which it controls.
      bound: { kind: 'atLeast', value: 0.97 },
      absolute: { ours: 'asyncDashboardThroughput', floor: 'asyncInkFloorThroughput', unit: 'tasks/s' },
    },
    {
      label: 'dashboard overhead, workers: plain Ink drawing the same frames (with ÷ without)',
      key: 'workersInkFloorRatio',
      unit: '×',
      bound: { kind: 'none' },
      reading: true,
      absolute: { ours: 'workersInkFloorThroughput', floor: 'workersHeadlessThroughput', unit: 'tasks/s' },
    },
    {
      label: 'dashboard overhead, workers: ours ÷ plain Ink drawing the same frames',
      key: 'workersOverInkFloor',
      unit: '×',
      bound: { kind: 'atLeast', value: 0.97 },
      absolute: { ours: 'workersDashboardThroughput', floor: 'workersInkFloorThroughput', unit: 'tasks/s' },
    },
  ],
};
