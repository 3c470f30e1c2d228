// One side of the task-timeout figure: `bench` of io-timer (50 ms waits) on the event loop at `concurrency` in
// flight, with a task timeout long enough that no task reaches it (what is measured is the bookkeeping every task
// pays: its start and end in the model's start-ordered set, and the one sweep timer), or without one.
//
//   node [the binary's V8 flags] scripts/bench-perf/task-timeout-harness.ts <concurrency> <taskTimeoutMs|0> <warmupS> <durationS>
// Prints one JSON line: { lagP99, throughput, failed, cpuPerTaskUs } (the process's CPU time over the whole run,
// warm-up included, per task done: what the machine's other load disturbs least).

import { runBench } from '../../source/bench/run-bench.ts';

const [concurrency = 10_000, taskTimeoutMs = 0, warmup = 1, duration = 3] = process.argv.slice(2).map(Number);

const cpuBefore = process.cpuUsage();
const result = await runBench({
  workload: 'io-timer',
  knobs: { latency: 50 },
  models: ['async'],
  concurrency,
  warmup,
  duration,
  ...(taskTimeoutMs > 0 ? { taskTimeoutMs } : {}),
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
