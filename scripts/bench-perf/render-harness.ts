// Bundled by render-cost.ts the way scripts/build.ts bundles the binary (React in production mode), then run in
// a process of its own: it draws the real dashboard, through runDashboard and its options, into a fake
// terminal of `columns`×`rows` (its arguments; 120×40 by default), and times each frame from the snapshot's
// publication to the frame's last write.
// Prints one JSON line: { frames: ms[], cpuMs: ms[], missed, bytesPerFrame, registryTasks }.
// With RENDER_PROFILE=<file.cpuprofile> set, it also writes a CPU profile of the timed frames alone; with
// RENDER_FRAMES=<file.json>, the text of every timed frame as Ink drew it (for render-floor-harness.tsx); with
// RENDER_LANES=1, the timeline lanes are shown (`t` is pressed before the first timed frame) and every snapshot
// carries a timeline: slivers on `main`, four worker threads busy with 20 ms tasks.

import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { setTimeout as delay } from 'node:timers/promises';
// Ink's own registry of its instances, by stdout: the same module Ink imports (bundled once), so the frame it
// last drew can be read as text. Its exports map hides it, so it is imported by path.
import inkInstances from '../../node_modules/ink/build/instances.js';
import { Engine } from '../../source/engine/engine.ts';
import type { EngineHandle } from '../../source/engine/engine-handle.ts';
import type { HistoryPoint, Snapshot, TimelineLane, TimelineSample } from '../../source/engine/types.ts';
import { runDashboard } from '../../source/ui/run-dashboard.tsx';
import { FakeStdin, FakeStdout, timeFrames } from './fake-terminal.ts';

const columns = Number(process.argv[2] ?? 120);
const lanesShown = process.env.RENDER_LANES === '1';
const rows = Number(process.argv[3] ?? 40);
const warmupFrames = 10;
const timedFrames = 100;
const historyPoints = 240;
const sampleIntervalMs = 250;

/**
 * Real snapshots: `io-timer` with 1,000 tasks in flight, first on the event loop, then on workers, so the
 * registry holds thousands of records, the scoreboard has both rows and the pool pane is live.
 */
async function realSnapshots(): Promise<Snapshot[]> {
  const engine = new Engine({ workload: 'io-timer', concurrency: 1000, sampleIntervalMs });
  const snapshots: Snapshot[] = [];
  try {
    await engine.start();
    await delay(1000);
    engine.dispatch({ type: 'switchModel', model: 'workers' });
    engine.subscribe((snapshot) => snapshots.push(snapshot));
    await delay(1100);
  } finally {
    await engine.stop();
  }
  // The last one is published by stop(), with every task settled: not a live frame.
  return snapshots.slice(0, -1);
}

/**
 * Frames as the live dashboard gets them, one every 250 ms: the real snapshots in turn, with a full minute of
 * history (the charts draw 240 points) that moves on by one point per frame.
 */
function framesFrom(real: Snapshot[], count: number): Snapshot[] {
  const base = real.at(-1) as Snapshot;
  const switchAt = base.events.find((event) => event.kind === 'switch')?.at ?? base.at;
  const pattern = real.flatMap((snapshot) => snapshot.history.slice(-1));
  const series: HistoryPoint[] = [];
  for (let index = 0; index < historyPoints + count; index++) {
    const at = base.at + (index - historyPoints + 1) * sampleIntervalMs;
    const point = pattern[index % pattern.length] as HistoryPoint;
    const wave = 1 + 0.25 * Math.sin(index / 7);
    series.push({
      ...point,
      at,
      model: at < switchAt ? 'async' : 'workers',
      lagP99: point.lagP99 * wave,
      lagMax: point.lagMax * wave,
      throughput: point.throughput * wave,
      processCores: point.processCores * wave,
    });
  }
  const frames: Snapshot[] = [];
  for (let frame = 0; frame < count; frame++) {
    const snapshot = real[frame % real.length] as Snapshot;
    const at = base.at + frame * sampleIntervalMs;
    frames.push({
      ...snapshot,
      at,
      history: series.slice(frame, frame + historyPoints),
      ...(lanesShown ? { timeline: syntheticTimeline(at) } : {}),
    });
  }
  return frames;
}

const binMs = 10;
const timelineBins = 600;

/**
 * A timeline as the slice log would publish it at `at`, made up (until the engine records slices the harness
 * cannot count on them): each bin is a function of its time, so the lanes scroll as they would live. `main` is
 * partly busy in every bin (io-timer's slivers), `t1`…`t4` run 20 ms tasks back to back.
 */
function syntheticTimeline(at: number): TimelineSample {
  const endAt = Math.floor(at / binMs) * binMs;
  const firstBin = endAt / binMs - timelineBins;
  const lane = (name: string, fill: (bin: number, index: number) => [busy: number, task: number]) => {
    const result: TimelineLane = {
      name,
      busyMs: new Float32Array(timelineBins),
      taskId: new Float64Array(timelineBins),
      slices: new Uint32Array(timelineBins),
    };
    for (let index = 0; index < timelineBins; index++) {
      const [busy, task] = fill(firstBin + index, index);
      result.busyMs[index] = busy;
      result.taskId[index] = task;
      result.slices[index] = busy > 0 ? 1 : 0;
    }
    return result;
  };
  const lanes = [lane('main', (bin) => [1 + ((bin * 7) % 5), 50_000 + bin])];
  for (let thread = 1; thread <= 4; thread++) {
    lanes.push(lane(`t${thread}`, (bin) => [binMs, Math.floor((bin + thread) / 2) * 4 + thread]));
  }
  return { recording: true, binMs, endAt, bins: timelineBins, lanes, dropped: 0 };
}

const real = await realSnapshots();
const frames = framesFrom(real, warmupFrames + timedFrames);
let latest = frames[0] as Snapshot;
const listeners = new Set<(snapshot: Snapshot) => void>();
const handle: EngineHandle = {
  latest: () => latest,
  subscribe(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  dispatch: () => {},
  workloads: [],
};

/** A stdin that can type a key: Ink reads what `press` queues when told the stream is readable. */
class KeyStdin extends FakeStdin {
  #queue: string[] = [];
  press(text: string): void {
    this.#queue.push(text);
    this.emit('readable');
  }
  override read(): null {
    return (this.#queue.shift() ?? null) as null;
  }
}

const stdout = new FakeStdout(columns, rows);
const stdin = new KeyStdin();
const quit = new AbortController();
const dashboard = runDashboard(handle, {
  color: true,
  stdout: stdout as unknown as NodeJS.WriteStream,
  stdin: stdin as unknown as NodeJS.ReadStream,
  signal: quit.signal,
});
if (lanesShown) {
  // Ink listens for keys once the first frame is out.
  await delay(200);
  stdin.press('t');
  await delay(200);
  if (!lastDrawn().includes('TIMELINE')) throw new Error('the lanes did not show after pressing t');
}

/** The text of the frame Ink drew last. */
function lastDrawn(): string {
  const ink = inkInstances.get(stdout as unknown as NodeJS.WriteStream) as unknown as { lastOutput: string };
  return ink.lastOutput;
}

const profilePath = process.env.RENDER_PROFILE;
const framesPath = process.env.RENDER_FRAMES;
const profiler = profilePath ? new Session() : undefined;
const drawnText: string[] = [];
const times = await timeFrames(
  stdout,
  frames.length,
  warmupFrames,
  (index) => {
    latest = frames[index] as Snapshot;
    for (const listener of listeners) listener(latest);
  },
  {
    async onTimingStarts() {
      if (!profiler) return;
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.setSamplingInterval', { interval: 100 });
      await profiler.post('Profiler.start');
    },
    afterFrame() {
      if (!framesPath) return;
      drawnText.push(lastDrawn());
    },
  },
);
if (profiler && profilePath) {
  const { profile } = await profiler.post('Profiler.stop');
  await writeFile(profilePath, JSON.stringify(profile));
}
if (framesPath) await writeFile(framesPath, JSON.stringify(drawnText));
quit.abort();
await dashboard;
process.stdout.write(
  `${JSON.stringify({ ...times, registryTasks: real.at(-1)?.tasks.counts.submitted })}\n`,
  () => process.exit(0),
);
