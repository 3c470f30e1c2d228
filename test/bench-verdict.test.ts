import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { benchJson } from '../source/bench/bench-json.ts';
import { formatBenchTable } from '../source/bench/format-bench.ts';
import { runBench } from '../source/bench/run-bench.ts';
import { threadCpuMs } from '../source/engine/task-cpu-clock.ts';
import amdahlWorkload, { builtInSerialFraction } from './fixtures/amdahl-workload.ts';

const hasClock = !Number.isNaN(threadCpuMs());
const amdahlUrl = pathToFileURL(`${import.meta.dirname}/fixtures/amdahl-workload.ts`).href;

describe('the bench sweep', () => {
  it('recovers the serial fraction built into a workload within 0.05', async () => {
    const result = await runBench({
      workload: amdahlUrl,
      workloadFiles: [{ url: amdahlUrl, workload: amdahlWorkload }],
      models: ['workers'],
      threads: 1,
      concurrency: 8,
      duration: 3,
      warmup: 0.5,
      sweep: { threads: [1, 2, 4] },
    });
    const { sweep } = result;
    expect(sweep.points.map((point) => point.threads)).toEqual([1, 2, 4]);
    expect(sweep.curve).toHaveLength(3);
    // Both parts are waits: throughput follows threads past the cores.
    if (hasClock) expect(sweep.onCpu).toBe(false);
    expect(sweep.serialFraction).toBeDefined();
    const points = JSON.stringify(sweep.curve);
    expect(Math.abs((sweep.serialFraction as number) - builtInSerialFraction), points).toBeLessThan(0.05);
    // The table and --json carry the same facts and the same sentence.
    const table = formatBenchTable(result);
    expect(table).toContain(
      `serial fraction (Amdahl fit): ${Math.round((sweep.serialFraction as number) * 100)} %`,
    );
    expect(table).toContain(result.verdict.line);
    const json = JSON.parse(JSON.stringify(benchJson(result)));
    expect(json.verdict).toEqual(result.verdict);
    expect(json.sweep.serialFraction).toBe(sweep.serialFraction);
    expect(json.sweep.curve).toHaveLength(3);
  }, 60_000);
});

describe.runIf(hasClock)("the bench's verdict", () => {
  it('calls cpu CPU-bound and sends it to workers or processes', async () => {
    const result = await runBench({
      workload: 'cpu',
      knobs: { size: 4000 },
      models: ['async', 'workers', 'processes'],
      duration: 1.5,
      warmup: 0.5,
      sweep: { threads: [1, 2] },
      sweepDuration: 1,
    });
    expect(result.verdict.kind, result.verdict.line).toBe('cpu-bound');
    expect(['workers', 'processes']).toContain(result.verdict.model);
    expect(result.verdict.line).toMatch(
      /^CPU-bound: \d+ % of the tasks' run time is on CPU; run it on (workers|processes)/,
    );
  }, 60_000);

  it('calls a workload that only waits waiting and sends it to async', async () => {
    const result = await runBench({
      workload: 'io-timer',
      knobs: { latency: 20 },
      models: ['async', 'workers', 'processes'],
      duration: 1.5,
      warmup: 0.5,
      sweep: { threads: [1, 2] },
      sweepDuration: 1,
    });
    expect(result.verdict.kind, result.verdict.line).toBe('waiting');
    expect(result.verdict.model).toBe('async');
    expect(result.sweep.onCpu).toBe(false);
  }, 60_000);
});
