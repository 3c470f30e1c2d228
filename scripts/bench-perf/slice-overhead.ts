import path from 'node:path';
import type { Figure } from './figure.ts';
import { runJsonHarness } from './harness-run.ts';
import { median } from './stats.ts';

const harness = path.join(import.meta.dirname, 'io-timer-harness.ts');
const concurrency = 10_000;
const warmup = 1;
const duration = 3;

type Side = { lagP99: number; throughput: number; cpuPerTaskUs: number };

function side(slices: boolean): Promise<Side> {
  const options = JSON.stringify({ recordSlices: slices });
  return runJsonHarness<Side>(harness, [String(concurrency), String(warmup), String(duration), options]);
}

export const sliceOverhead: Figure = {
  name: 'slice-overhead',
  method: `\`bench\` of io-timer (50 ms waits) on the event loop at ${concurrency.toLocaleString('en')} in flight, ${warmup} s warm-up + ${duration} s measured, recording slices and with --no-slices; two runs of each side, alternating`,
  timeoutSeconds: 120,
  async measure({ repetition }) {
    const recorded: Side[] = [];
    const bare: Side[] = [];
    const order = repetition % 2 === 0 ? [true, false, false, true] : [false, true, true, false];
    for (const slices of order) (slices ? recorded : bare).push(await side(slices));
    const throughput = median(recorded.map((run) => run.throughput));
    const bareThroughput = median(bare.map((run) => run.throughput));
    const cpuPerTask = median(recorded.map((run) => run.cpuPerTaskUs));
    const bareCpuPerTask = median(bare.map((run) => run.cpuPerTaskUs));
    return {
      throughputWithSlices: throughput,
      throughputWithoutSlices: bareThroughput,
      throughputWithVsWithout: throughput / bareThroughput,
      lagP99WithSlices: median(recorded.map((run) => run.lagP99)),
      lagP99WithoutSlices: median(bare.map((run) => run.lagP99)),
      cpuPerTaskWithSlicesUs: cpuPerTask,
      cpuPerTaskWithoutSlicesUs: bareCpuPerTask,
      cpuPerTaskWithVsWithout: cpuPerTask / bareCpuPerTask,
    };
  },
  checks: [
    {
      label: 'slices: io-timer 10k throughput, recorded ÷ not',
      key: 'throughputWithVsWithout',
      unit: '×',
      bound: { kind: 'atLeast', value: 0.97 },
      absolute: { ours: 'throughputWithSlices', floor: 'throughputWithoutSlices', unit: 'tasks/s' },
    },
    {
      label: 'slices: io-timer 10k lag p99, recorded / not',
      key: 'lagP99WithSlices',
      unit: 'ms',
      bound: { kind: 'none' },
      absolute: { ours: 'lagP99WithSlices', floor: 'lagP99WithoutSlices', unit: 'ms' },
    },
    {
      label: 'slices: io-timer 10k CPU per task, recorded ÷ not',
      key: 'cpuPerTaskWithVsWithout',
      unit: '×',
      bound: { kind: 'none' },
      absolute: { ours: 'cpuPerTaskWithSlicesUs', floor: 'cpuPerTaskWithoutSlicesUs', unit: 'µs' },
    },
  ],
};
