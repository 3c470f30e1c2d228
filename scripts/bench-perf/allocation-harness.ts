// One side of the allocation figure: io-timer (50 ms waits) at `concurrency` in flight on the event loop, either
// the engine as the dashboard and `bench` run it (slices recorded) or the bare timers of bare-timers.ts. After
// the warm-up, `v8.GCProfiler` watches the measured seconds: the heap's growth between collections, summed, is
// what the side allocated, exact where CPU time is not on a shared machine.
//
//   node [the binary's V8 flags] scripts/bench-perf/allocation-harness.ts <engine|floor> <concurrency> <warmupS> <durationS>
// Prints one JSON line: { bytesPerTask, youngGcsPer1000Tasks, busyUsPerTask, throughput }.

import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { GCProfiler, getHeapStatistics } from 'node:v8';
import { Engine } from '../../source/engine/engine.ts';
import { startBareTimers } from './bare-timers.ts';

const [side = 'engine', ...numbers] = process.argv.slice(2);
const [concurrency = 10_000, warmupSeconds = 1, durationSeconds = 3] = numbers.map(Number);
const latencyMs = 50;

/** GCProfiler's record of one collection, as much of it as is read here. */
type Collection = {
  gcType: string;
  beforeGC: { heapStatistics: { usedHeapSize: number } };
  afterGC: { heapStatistics: { usedHeapSize: number } };
};

/** Tasks finished so far, and how to stop. */
async function begin(): Promise<{ finished: () => number; stop: () => Promise<void> }> {
  if (side === 'floor') {
    const timers = startBareTimers(concurrency, latencyMs);
    return { finished: timers.finished, stop: async () => timers.stop() };
  }
  const engine = new Engine({ workload: 'io-timer', concurrency, knobs: { latency: latencyMs } });
  await engine.start();
  return { finished: () => engine.snapshotNow().tasks.counts.done, stop: () => engine.stop() };
}

const run = await begin();
await delay(warmupSeconds * 1000);
const profiler = new GCProfiler();
const finishedBefore = run.finished();
const usedBefore = getHeapStatistics().used_heap_size;
const busyBefore = performance.eventLoopUtilization();
const startedAt = performance.now();
profiler.start();
await delay(durationSeconds * 1000);
const collections = (profiler.stop()?.statistics ?? []) as Collection[];
const usedAfter = getHeapStatistics().used_heap_size;
const busy = performance.eventLoopUtilization(busyBefore);
const elapsedMs = performance.now() - startedAt;
const tasks = run.finished() - finishedBefore;
let allocated = 0;
let lastUsed = usedBefore;
for (const collection of collections) {
  allocated += collection.beforeGC.heapStatistics.usedHeapSize - lastUsed;
  lastUsed = collection.afterGC.heapStatistics.usedHeapSize;
}
allocated += usedAfter - lastUsed;
const young = collections.filter((collection) => collection.gcType === 'Scavenge').length;
await run.stop();
process.stdout.write(
  `${JSON.stringify({
    bytesPerTask: allocated / tasks,
    youngGcsPer1000Tasks: (young / tasks) * 1000,
    busyUsPerTask: (busy.active * 1000) / tasks,
    throughput: tasks / (elapsedMs / 1000),
  })}\n`,
);
process.exit(0);
