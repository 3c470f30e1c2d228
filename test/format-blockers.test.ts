import { describe, expect, it } from 'vitest';
import { benchJson } from '../source/bench/bench-json.ts';
import { formatBenchTable } from '../source/bench/format-bench.ts';
import { formatBlockers } from '../source/bench/format-blockers.ts';
import { type BenchResult, type BenchRow, runBench } from '../source/bench/run-bench.ts';
import type { ModelName, Stall } from '../source/engine/types.ts';
import { scoreboardIdentity } from './fixtures/scoreboard-rows.ts';
import secondSliceBlock from './fixtures/second-slice-block-workload.ts';

function benchRow(model: ModelName, stalls?: BenchRow['stalls']): BenchRow {
  return {
    ...scoreboardIdentity(model, 'cpu'),
    activeMs: 5000,
    finished: 100,
    failed: 0,
    throughput: 20,
    failureRate: 0,
    latencyP50: 50,
    latencyP99: 90,
    lagP99: 0,
    lagMax: 0,
    coresUsed: 1,
    counts: { submitted: 108, done: 100, failed: 0, cancelled: 0 },
    ...(stalls ? { stalls } : {}),
  };
}

function blocker(taskId: number, sliceMs: number, sliceNumber = 1): Stall {
  return {
    at: taskId,
    durationMs: sliceMs,
    culprits: [{ taskId, workload: 'cpu', sliceMs, sliceNumber }],
    tasks: 1,
  };
}

const worst = [blocker(1234, 182, 2), blocker(1240, 170), blocker(7, 90), blocker(8, 80), blocker(9, 70)];
const rows = [
  benchRow('async', { thresholdMs: 20, total: 212, worst }),
  benchRow('workers', { thresholdMs: 20, total: 0, worst: [] }),
  benchRow('processes', { thresholdMs: 20, total: 3, worst: [] }),
];

function result(benchRows: BenchRow[]): BenchResult {
  return {
    workload: 'cpu',
    knobs: {},
    mode: 'closed',
    concurrency: 8,
    rate: 100,
    threads: 2,
    machine: { cpuModel: 'Demo CPU', logicalCores: 2, totalMemoryBytes: 2 ** 34 },
    duration: 5,
    rows: benchRows,
    sweep: { threads: [], duration: 5, parallelCores: 2, onCpu: true, points: [], curve: [] },
    verdict: { kind: 'unknown', line: 'No verdict yet.' },
    finishedInSeconds: 12,
  };
}

describe('the bench’s worst blockers', () => {
  it('lists per model its stalls and the three longest culprit slices, in the dashboard’s words', () => {
    expect(formatBlockers(rows)).toEqual([
      'loop stalls over 20 ms, worst blockers first',
      '  async      212 stalls  task #1234 (cpu) ran 182 ms without yielding (slice 2)',
      '                         task #1240 (cpu) ran 170 ms without yielding (slice 1)',
      '                         task #7 (cpu) ran 90 ms without yielding (slice 1)',
      '  workers    no stall',
      '  processes  3 stalls    not a task: GC, the engine or the dashboard',
    ]);
  });

  it('has no section when no row measured stalls', () => {
    expect(formatBlockers([benchRow('async')])).toEqual([]);
    expect(formatBenchTable(result([benchRow('async')]))).not.toContain('loop stalls');
  });

  it('sits in the report under the rows, and JSON keeps every blocker', () => {
    const text = formatBenchTable(result(rows));
    expect(text.indexOf('loop stalls over 20 ms')).toBeGreaterThan(text.indexOf('async'));
    const json = benchJson(result(rows)) as { rows: { stalls: unknown }[] };
    expect(json.rows[0]?.stalls).toEqual({ thresholdMs: 20, total: 212, worst });
    expect(json.rows.map((row) => row.stalls)).toHaveLength(3);
  });

  it('measures each model’s stalls in a real run: the loop stalls on async, never for the block on workers', async () => {
    const url = new URL('./fixtures/second-slice-block-workload.ts', import.meta.url).href;
    const bench = await runBench({
      workload: url,
      workloadFiles: [{ url, workload: secondSliceBlock }],
      models: ['async', 'workers'],
      duration: 1,
      warmup: 0.3,
      concurrency: 1,
      threads: 1,
      knobs: { block: 150 },
      sweep: { threads: [] },
    });
    const [onLoop, onWorkers] = bench.rows;
    expect(onLoop?.stalls?.thresholdMs).toBe(20);
    // A 150 ms block every ~150 ms for a second: several stalls that long.
    expect(onLoop?.stalls?.total).toBeGreaterThanOrEqual(3);
    expect(onWorkers?.stalls).toBeDefined();
    expect(onWorkers?.stalls?.worst).toEqual([]);
    expect(formatBenchTable(bench)).toMatch(/loop stalls over 20 ms/);
  }, 30_000);
});
