// Bundled by render-cost.ts the way scripts/build.ts bundles the binary (React in production mode), then run in
// a process of its own: it draws the real dashboard, through runDashboard and its options, into a fake
// terminal of `columns`×`rows` (its arguments; 120×40 by default), and times each frame from the snapshot's
// publication to the frame's last write.
// Prints one JSON line: { frames: ms[], cpuMs: ms[], missed, bytesPerFrame, registryTasks }.
// With RENDER_PROFILE=<file.cpuprofile> set, it also writes a CPU profile of the timed frames alone; with
// RENDER_FRAMES=<file.json>, the text of every timed frame as Ink drew it (for render-floor-harness.tsx).

import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { setTimeout as delay } from 'node:timers/promises';
// Ink's own registry of its instances, by stdout: the same module Ink imports (bundled once), so the frame it
// last drew can be read as text. Its exports map hides it, so it is imported by path.
import inkInstances from '../../node_modules/ink/build/instances.js';
import { Engine } from '../../source/engine/engine.ts';
import type { EngineHandle } from '../../source/engine/engine-handle.ts';
import type { HistoryPoint, Snapshot } from '../../source/engine/types.ts';
import { runDashboard } from '../../source/ui/run-dashboard.tsx';
import { FakeStdin, FakeStdout, timeFrames } from './fake-terminal.ts';

const columns = Number(process.argv[2] ?? 120);
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
    frames.push({
      ...snapshot,
      at: base.at + frame * sampleIntervalMs,
      history: series.slice(frame, frame + historyPoints),
    });
  }
  return frames;
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

const stdout = new FakeStdout(columns, rows);
const quit = new AbortController();
const dashboard = runDashboard(handle, {
  color: true,
  stdout: stdout as unknown as NodeJS.WriteStream,
  stdin: new FakeStdin() as unknown as NodeJS.ReadStream,
  signal: quit.signal,
});

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
      const ink = inkInstances.get(stdout as unknown as NodeJS.WriteStream) as unknown as {
        lastOutput: string;
      };
      drawnText.push(ink.lastOutput);
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
