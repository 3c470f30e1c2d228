import { describe, expect, it } from 'vitest';
import { benchJson } from '../source/bench/bench-json.ts';
import { benchProblems } from '../source/bench/bench-problems.ts';
import { compareRows } from '../source/bench/compare-rows.ts';
import { formatBenchTable } from '../source/bench/format-bench.ts';
import type { BenchResult, BenchRow } from '../source/bench/run-bench.ts';
import type { ModelName, RunConfig } from '../source/engine/types.ts';
import { scoreboardIdentity } from './fixtures/scoreboard-rows.ts';

function benchRow(
  model: ModelName,
  fields: Partial<BenchRow> = {},
  settings: Partial<RunConfig> = {},
): BenchRow {
  const finished = fields.finished ?? 0;
  const failed = fields.failed ?? 0;
  return {
    ...scoreboardIdentity(model, 'io-http', { knobs: { latency: 50 }, ...settings }),
    activeMs: 5000,
    finished,
    failed,
    throughput: (finished * 1000) / 5000,
    failureRate: (failed * 1000) / 5000,
    latencyP50: 0,
    latencyP99: 0,
    lagP99: 0,
    lagMax: 0,
    coresUsed: 0,
    counts: { submitted: finished + failed + 8, done: finished, failed, cancelled: 0 },
    ...fields,
  };
}

function result(rows: BenchRow[], fields: Partial<BenchResult> = {}): BenchResult {
  return {
    workload: 'io-http',
    knobs: { latency: 50 },
    mode: 'closed',
    concurrency: 1000,
    rate: 100,
    threads: 2,
    machine: { cpuModel: 'Demo CPU', logicalCores: 2, totalMemoryBytes: 2 ** 34 },
    duration: 5,
    rows,
    sweep: {
      threads: [],
      duration: 5,
      parallelCores: 2,
      onCpu: false,
      points: [],
      curve: [],
    },
    verdict: { kind: 'unknown', line: 'No verdict yet: no model has finished a task.' },
    finishedInSeconds: 12.04,
    ...fields,
  };
}

const asyncRow = benchRow('async', {
  finished: 900_275,
  throughput: 180_055,
  latencyP50: 50.4,
  latencyP99: 91,
  lagP99: 3.6,
  lagMax: 12,
  coresUsed: 1,
});
const workersRow = benchRow('workers', {
  finished: 475_000,
  throughput: 95_000,
  latencyP50: 60,
  latencyP99: 180,
  lagP99: 127,
  lagMax: 300,
  coresUsed: 1.9,
});

describe('the bench report', () => {
  it('writes numbers with thousands separators and units', () => {
    const text = formatBenchTable(result([asyncRow, workersRow]));
    expect(text).toContain('io-http (latency 50 ms) · concurrency 1,000 · 2 cores (Demo CPU)');
    expect(text).toContain('180,055/s');
    expect(text).toContain('900,275');
    expect(text).toMatch(/workers \(2 threads\)/);
    expect(text).toContain('finished in 12 s');
    expect(text).not.toMatch(/\d{4}/);
  });

  it('compares throughput, latency and lag with the same subject in every clause', () => {
    const line = compareRows(workersRow, asyncRow);
    expect(line).toBe(
      'workers (2 threads) vs async: throughput 1.9× lower · latency p99 2.0× higher · lag p99 35× higher',
    );
  });

  it('shows "—" for latencies and null in JSON when nothing finished, never 0.00 ms', () => {
    const idle = benchRow('async', { lagP99: 0.7, lagMax: 1.4 });
    const text = formatBenchTable(result([idle]));
    const line = text.split('\n').find((entry) => entry.startsWith('async')) ?? '';
    expect(line).toMatch(/ — +— /);
    expect(text).not.toMatch(/0\.00 ms/);
    expect(text).toMatch(/async: no task finished in the 5 s measured; try a longer --duration/);
    const json = benchJson(result([idle])) as { rows: Record<string, unknown>[] };
    expect(json.rows[0]).toMatchObject({ latencyP50: null, latencyP99: null, throughput: 0, lagP99: 0.7 });
  });

  it('shows "—" everywhere for a row that never counted', () => {
    const settling = benchRow('workers', {
      activeMs: 0,
      phase: 'settling',
      settling: { tasksFromBefore: 8, forMs: 4000 },
    });
    const text = formatBenchTable(result([settling]));
    expect(text).toMatch(/workers \(2 threads\) +— +— +— +— +— +— +—/);
    expect(text).toMatch(/settling: 8 tasks from before still running \(4\.0 s\)/);
    expect(benchJson(result([settling])).rows).toMatchObject([
      { throughput: null, lagP99: null, coresUsed: null },
    ]);
  });

  it('never prints a zero ratio when one model finished nothing', () => {
    const none = benchRow('workers', { lagP99: 2 });
    const line = compareRows(none, asyncRow) ?? '';
    expect(line).toBe('workers (2 threads) vs async: throughput: no task finished · lag p99 1.8× lower');
    expect(compareRows(asyncRow, none)).toMatch(/throughput 180,055\/s \(workers finished none\)/);
  });

  it('writes JSON with only the fields that apply to the loop and the models', () => {
    const closed = benchJson(result([asyncRow]));
    expect(closed).toMatchObject({ mode: 'closed', concurrency: 1000 });
    expect(closed).not.toHaveProperty('rate');
    expect(closed).not.toHaveProperty('threads');
    const open = benchJson(result([asyncRow, workersRow], { mode: 'open', rate: 250 }));
    expect(open).toMatchObject({ mode: 'open', rate: 250, threads: 2 });
    expect(open).not.toHaveProperty('concurrency');
  });

  it('reports failures as their own rate, and a model whose tasks all failed as a failing line', () => {
    const failing = benchRow('async', { failed: 2157, lastError: 'connect ECONNREFUSED\u001b[2J' });
    const text = formatBenchTable(result([failing, workersRow]));
    const line = text.split('\n').find((entry) => entry.startsWith('async')) ?? '';
    expect(line).toMatch(/^async +0\/s +431\/s +— +—/);
    const problems = benchProblems(result([failing, workersRow]));
    expect(problems).toEqual([
      { line: 'async: all 2,157 tasks failed (last error: connect ECONNREFUSED\\e[2J)', fatal: true },
    ]);
    expect(text).toContain(problems[0]?.line);
    expect(text).toMatch(/workers \(2 threads\) vs async: not compared, most tasks failed on async/);
  });

  it('never calls a mostly failing model faster', () => {
    const mostlyFailing = benchRow('workers', { finished: 10, failed: 900, throughput: 900_000, lagP99: 1 });
    expect(compareRows(mostlyFailing, asyncRow)).not.toMatch(/higher|lower/);
    expect(benchProblems(result([asyncRow, mostlyFailing]))).toEqual([
      { line: 'workers: 99% of its tasks failed', fatal: false },
    ]);
  });
});

/** A seeded generator, so a failing case can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('comparison lines over random rows', () => {
  it('never print a zero, infinite or NaN ratio, and keep one subject per clause', () => {
    const next = random(42);
    const pick = <T>(values: T[]) => values[Math.floor(next() * values.length)] as T;
    const metric = () => pick([0, 0, 0.0004, 0.3, 0.99, 1, 3.6, 50, 127, 180_055]);
    for (let run = 0; run < 2000; run++) {
      const row = (model: ModelName) =>
        benchRow(model, {
          activeMs: pick([0, 1, 5000]),
          finished: pick([0, 0, 1, 9, 1000]),
          failed: pick([0, 0, 5, 2000]),
          throughput: metric(),
          latencyP99: metric() || 0.1,
          lagP99: metric(),
        });
      const line = compareRows(row('workers'), row('async'));
      if (line === undefined) continue;
      const [subject, clauses = ''] = line.split(': ', 2) as [string, string?];
      expect(subject).toBe('workers (2 threads) vs async');
      expect(line).not.toMatch(/(^|[^\d.,])0(\.0+)?×|Infinity|NaN|undefined/);
      for (const clause of clauses.split(' · ')) {
        expect(clause).toMatch(/^(throughput|latency p99|lag p99|no task finished|not compared)/);
      }
    }
  });
});
