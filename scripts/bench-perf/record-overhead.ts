import path from 'node:path';
import type { Knobs, ModelName } from '../../source/engine/types.ts';
import type { Figure } from './figure.ts';
import { runJsonHarness } from './harness-run.ts';
import { median } from './stats.ts';

const harness = path.join(import.meta.dirname, 'record-overhead-harness.ts');
const concurrency = 10_000;
const warmup = 1;
const duration = 3;

type Side = { throughput: number; lagP99: number; bytesPerMinute: number; cpuPerTaskUs: number };

function side(
  record: boolean,
  run: { workload: string; model: ModelName; concurrency: number; knobs?: Knobs } = {
    workload: 'io-timer',
    model: 'async',
    concurrency,
    knobs: { latency: 50 },
  },
): Promise<Side> {
  return runJsonHarness<Side>(harness, [JSON.stringify({ ...run, record, warmup, duration })]);
}

export const recordOverhead: Figure = {
  name: 'record-overhead',
  method: `io-timer (50 ms waits) on the event loop at ${concurrency.toLocaleString('en')} in flight, ${warmup} s warm-up + ${duration} s measured, recorded to a file (--record) and not; two runs of each side, alternating; then the file's growth per minute of that run and of cpu on workers`,
  timeoutSeconds: 150,
  async measure({ repetition }) {
    const recorded: Side[] = [];
    const bare: Side[] = [];
    const order = repetition % 2 === 0 ? [true, false, false, true] : [false, true, true, false];
    for (const record of order) (record ? recorded : bare).push(await side(record));
    const cpuOnWorkers = await side(true, { workload: 'cpu', model: 'workers', concurrency: 8 });
    const throughput = median(recorded.map((run) => run.throughput));
    const bareThroughput = median(bare.map((run) => run.throughput));
    return {
      throughputRecorded: throughput,
      throughputNotRecorded: bareThroughput,
      throughputRecordedVsNot: throughput / bareThroughput,
      cpuPerTaskRecordedUs: median(recorded.map((run) => run.cpuPerTaskUs)),
      cpuPerTaskNotRecordedUs: median(bare.map((run) => run.cpuPerTaskUs)),
      cpuPerTaskRecordedVsNot:
        median(recorded.map((run) => run.cpuPerTaskUs)) / median(bare.map((run) => run.cpuPerTaskUs)),
      ioTimerKbPerMinute: median(recorded.map((run) => run.bytesPerMinute)) / 1000,
      cpuWorkersKbPerMinute: cpuOnWorkers.bytesPerMinute / 1000,
    };
  },
  checks: [
    {
      label: 'record: io-timer 10k throughput, recorded ÷ not',
      key: 'throughputRecordedVsNot',
      unit: '×',
      bound: { kind: 'atLeast', value: 0.99 },
      absolute: { ours: 'throughputRecorded', floor: 'throughputNotRecorded', unit: 'tasks/s' },
    },
    {
      label: 'record: io-timer 10k CPU per task, recorded ÷ not',
      key: 'cpuPerTaskRecordedVsNot',
      unit: '×',
      bound: { kind: 'none' },
      absolute: { ours: 'cpuPerTaskRecordedUs', floor: 'cpuPerTaskNotRecordedUs', unit: 'µs' },
    },
    {
      label: 'record: file growth, io-timer 10k on async',
      key: 'ioTimerKbPerMinute',
      unit: 'KB/min',
      bound: { kind: 'none' },
    },
    {
      label: 'record: file growth, cpu on workers',
      key: 'cpuWorkersKbPerMinute',
      unit: 'KB/min',
      bound: { kind: 'none' },
    },
  ],
};
