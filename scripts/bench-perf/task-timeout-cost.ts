import path from 'node:path';
import type { Figure } from './figure.ts';
import { runJsonHarness } from './harness-run.ts';
import { median } from './stats.ts';

const harness = path.join(import.meta.dirname, 'io-timer-harness.ts');
const concurrency = 10_000;
/** Far above io-timer's 50 ms waits: every task pays the timeout's bookkeeping, none reaches it. */
const taskTimeoutMs = 5000;
const warmup = 1;
const duration = 3;

type Side = { lagP99: number; throughput: number; failed: number; cpuPerTaskUs: number };

function side(timeoutMs: number): Promise<Side> {
  const options = JSON.stringify(timeoutMs > 0 ? { taskTimeoutMs: timeoutMs } : {});
  return runJsonHarness<Side>(harness, [String(concurrency), String(warmup), String(duration), options]);
}

export const taskTimeoutCost: Figure = {
  name: 'task-timeout-cost',
  method: `\`bench\` of io-timer (50 ms waits) on the event loop at ${concurrency.toLocaleString('en')} in flight, ${warmup} s warm-up + ${duration} s measured, with --task-timeout ${taskTimeoutMs / 1000} s (no task reaches it) and without; two runs of each side, alternating`,
  timeoutSeconds: 120,
  async measure({ repetition }) {
    const bounded: Side[] = [];
    const free: Side[] = [];
    const order =
      repetition % 2 === 0 ? [0, taskTimeoutMs, 0, taskTimeoutMs] : [taskTimeoutMs, 0, taskTimeoutMs, 0];
    for (const timeoutMs of order) (timeoutMs > 0 ? bounded : free).push(await side(timeoutMs));
    const lagP99 = median(bounded.map((run) => run.lagP99));
    const freeLagP99 = median(free.map((run) => run.lagP99));
    const throughput = median(bounded.map((run) => run.throughput));
    const freeThroughput = median(free.map((run) => run.throughput));
    return {
      lagP99WithTimeout: lagP99,
      lagP99WithoutTimeout: freeLagP99,
      lagWithVsWithout: lagP99 / freeLagP99,
      throughputWithTimeout: throughput,
      throughputWithoutTimeout: freeThroughput,
      throughputWithVsWithout: throughput / freeThroughput,
      cpuPerTaskWithTimeoutUs: median(bounded.map((run) => run.cpuPerTaskUs)),
      cpuPerTaskWithoutTimeoutUs: median(free.map((run) => run.cpuPerTaskUs)),
      cpuPerTaskWithVsWithout:
        median(bounded.map((run) => run.cpuPerTaskUs)) / median(free.map((run) => run.cpuPerTaskUs)),
      failedWithTimeout: Math.max(...bounded.map((run) => run.failed)),
    };
  },
  checks: [
    {
      label: 'task timeout: io-timer 10k CPU per task, with ÷ without',
      key: 'cpuPerTaskWithVsWithout',
      unit: '×',
      bound: { kind: 'atMost', value: 1.05 },
      absolute: { ours: 'cpuPerTaskWithTimeoutUs', floor: 'cpuPerTaskWithoutTimeoutUs', unit: 'µs' },
    },
    {
      label: 'task timeout: io-timer 10k lag p99, with ÷ without',
      key: 'lagWithVsWithout',
      unit: '×',
      bound: { kind: 'atMost', value: 1.2 },
      absolute: { ours: 'lagP99WithTimeout', floor: 'lagP99WithoutTimeout', unit: 'ms' },
    },
    {
      label: 'task timeout: io-timer 10k throughput, with ÷ without',
      key: 'throughputWithVsWithout',
      unit: '×',
      bound: { kind: 'atLeast', value: 0.95 },
      absolute: { ours: 'throughputWithTimeout', floor: 'throughputWithoutTimeout', unit: 'tasks/s' },
    },
  ],
};
