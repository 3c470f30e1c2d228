// One side of the slice-overhead figure: `bench` of io-timer (50 ms waits) on the event loop at `concurrency` in
// flight, recording every task's slices (promise hooks, the slice log and its bins) or not (`--no-slices`).
//
//   node [the binary's V8 flags] scripts/bench-perf/slice-overhead-harness.ts <concurrency> <slices 1|0> <warmupS> <durationS>
// Prints one JSON line: { lagP99, throughput, cpuPerTaskUs } (the process's CPU time over the whole run, warm-up
// included, per task done).

import { runBench } from '../../source/bench/run-bench.ts';

const [concurrency = 10_000, slices = 1, warmup = 1, duration = 3] = process.argv.slice(2).map(Number);

const cpuBefore = process.cpuUsage();
const result = await runBench({
  workload: 'io-timer',
  knobs: { latency: 50 },
  models: ['async'],
  concurrency,
  warmup,
  duration,
  sweep: { threads: [] },
  recordSlices: slices === 1,
});
const cpu = process.cpuUsage(cpuBefore);
const row = result.rows[0];
const done = row?.counts.done ?? 0;
const reading = {
  lagP99: row?.lagP99 ?? Number.NaN,
  throughput: row?.throughput ?? 0,
  cpuPerTaskUs: done > 0 ? (cpu.user + cpu.system) / done : Number.NaN,
};
process.stdout.write(`${JSON.stringify(reading)}\n`);
process.exit(0);
