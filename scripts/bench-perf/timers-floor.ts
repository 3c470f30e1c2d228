// The runtime's floor for async scale: the bare timer waits of bare-timers.ts, watched by the dashboard's own
// lag probe (source/engine/metrics/lag-monitor.ts, sampled every 250 ms as the engine does). When the waits ask
// for more than a core (100,000 in flight on a small machine), Node's timer phase keeps finding overdue timers
// in the same list and the probe waits behind them: this floor then shows what a bare loop does to its lag
// without a scheduler that yields.
//
//   node [the binary's V8 flags] scripts/bench-perf/timers-floor.ts <concurrency> <latencyMs> <warmupS> <durationS>
// Prints one JSON line: { lagP99, lagMax, throughput }.

import { setTimeout as delay } from 'node:timers/promises';
import { createLagMonitor } from '../../source/engine/metrics/lag-monitor.ts';
import { startBareTimers } from './bare-timers.ts';

const [concurrency = 10_000, latencyMs = 50, warmupSeconds = 1, durationSeconds = 3] = process.argv
  .slice(2)
  .map(Number);

const monitor = createLagMonitor();
const sampler = setInterval(() => monitor.sample(), 250);
const timers = startBareTimers(concurrency, latencyMs);
await delay(warmupSeconds * 1000);
const segment = monitor.openSegment();
const finishedBefore = timers.finished();
await delay(durationSeconds * 1000);
const lag = segment.read();
const throughput = (timers.finished() - finishedBefore) / durationSeconds;
timers.stop();
clearInterval(sampler);
monitor.stop();
process.stdout.write(`${JSON.stringify({ lagP99: lag.p99, lagMax: lag.max, throughput })}\n`);
