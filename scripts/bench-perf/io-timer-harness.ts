// One side of a figure that runs `bench` of io-timer (50 ms waits) on the event loop at `concurrency` in flight,
// with the engine options the figure compares (slices recorded or not, a task timeout or none).
//
//   node [the binary's V8 flags] scripts/bench-perf/io-timer-harness.ts <concurrency> <warmupS> <durationS> '<options JSON>'
// Prints one JSON line: { lagP99, throughput, failed, cpuPerTaskUs } (the process's CPU time over the whole run,
// warm-up included, per task done: what the machine's other load disturbs least).

import { runBench } from '../../source/bench/run-bench.ts';

const [concurrency = 10_000, warmup = 1, duration = 3] = process.argv.slice(2, 5).map(Number);
const options = JSON.parse(process.argv[5] ?? '{}') as { recordSlices?: boolean; taskTimeoutMs?: number };

const cpuBefore = process.cpuUsage();
const result = await runBench({
  workload: 'io-timer',
  knobs: { latency: 50 },
  models: ['async'],
  concurrency,
  warmup,
  duration,
  sweep: { threads: [] },
  ...options,
});
const cpu = process.cpuUsage(cpuBefore);
const row = result.rows[0];
const done = row?.counts.done ?? 0;
const reading = {
  lagP99: row?.lagP99 ?? Number.NaN,
  throughput: row?.throughput ?? 0,
  failed: row?.failed ?? 0,
  cpuPerTaskUs: done > 0 ? (cpu.user + cpu.system) / done : Number.NaN,
};
process.stdout.write(`${JSON.stringify(reading)}\n`);
process.exit(0);
