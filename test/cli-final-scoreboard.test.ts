import { describe, expect, it } from 'vitest';
import { pickBenchRow } from '../source/bench/run-bench.ts';
import { formatFinalScoreboard, groupByLoad } from '../source/cli/final-scoreboard.ts';
import type { ModelName, RunConfig, ScoreboardRow, Snapshot } from '../source/engine/types.ts';
import { scoreboardIdentity } from './fixtures/scoreboard-rows.ts';
import { asyncRunningCpu } from './fixtures/snapshots.ts';

function row(
  model: ModelName,
  workload: string,
  settings: Partial<RunConfig>,
  fields: Partial<ScoreboardRow> = {},
): ScoreboardRow {
  return {
    ...scoreboardIdentity(model, workload, settings),
    phase: 'past',
    activeMs: 20_000,
    finished: 2000,
    failed: 0,
    throughput: 100,
    failureRate: 0,
    latencyP50: 40,
    latencyP99: 90,
    lagP99: 10,
    lagMax: 20,
    coresUsed: 1,
    ...fields,
  };
}

const cpuKnobs = { knobs: { size: 14_000 } };
const timerKnobs = { knobs: { latency: 50 } };

const rows = [
  row('async', 'cpu', cpuKnobs, { throughput: 41, lagP99: 25 }),
  row('workers', 'cpu', cpuKnobs, { throughput: 69, lagP99: 4 }),
  row(
    'async',
    'io-timer',
    { ...timerKnobs, load: 1000 },
    { throughput: 19_500, phase: 'measuring', lagP99: 3 },
  ),
  row('workers', 'io-timer', { ...timerKnobs, load: 1000, threads: 4 }, { throughput: 9_800, lagP99: 2 }),
  row('async', 'io-timer', { ...timerKnobs, load: 8 }, { throughput: 150 }),
  row('workers', 'blocking', {}, { activeMs: 0, finished: 0 }),
];

const snapshot: Snapshot = { ...asyncRunningCpu, startedAt: asyncRunningCpu.at - 154_000, scoreboard: rows };

describe('the final scoreboard printed on quit', () => {
  it('groups rows by load, current configuration first, whatever threads each model ran on', () => {
    const groups = groupByLoad(rows).map((group) => group.map((entry) => entry.key));
    expect(groups).toEqual([
      [rows[2]?.key, rows[3]?.key],
      [rows[0]?.key, rows[1]?.key],
      [rows[4]?.key],
      [rows[5]?.key],
    ]);
  });

  it('prints one row per configuration with its settings, and compares only rows at the same load', () => {
    const text = formatFinalScoreboard(snapshot) ?? '';
    expect(text).toMatch(/^concur-tui scoreboard · 2:34 · 8 cores \(Demo CPU 9000\)\n/);
    const sections = text.split('\n\n');
    expect(sections[1]).toMatch(/^io-timer \(latency 50 ms\) · concurrency 1,000\n/);
    expect(sections[1]).toMatch(/\nasync +19,500\/s/);
    expect(sections[1]).toMatch(/\nworkers \(4 threads\) +9,800\/s/);
    expect(sections[2]).toBe(
      'workers (4 threads) vs async: throughput 2.0× lower · latency p99 about the same · lag p99 1.5× lower',
    );
    expect(sections[3]).toMatch(/^cpu \(size 14,000 k rounds\) · concurrency 8\n/);
    expect(sections[5]).toMatch(/^io-timer \(latency 50 ms\) · concurrency 8\n/);
    expect(sections[5]).not.toMatch(/ vs /);
    // A configuration that never counted has nothing to report.
    expect(text).not.toMatch(/blocking/);
    expect(text.includes('\u001b')).toBe(false);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('fits any terminal from 72 columns: it leaves out what matters least and breaks comparisons between parts', () => {
    const processes = row('processes', 'cpu', { ...cpuKnobs, threads: 2 }, { throughput: 52, lagP99: 4.6 });
    const wide: Snapshot = { ...snapshot, scoreboard: [...rows, processes] };
    const full = formatFinalScoreboard(wide) ?? '';
    const essential = ['model', 'done/s', 'latency p99', 'lag p99', 'cores'];
    const tableHeads = (text: string) => text.split('\n').filter((line) => line.startsWith('model '));
    for (let width = 72; width <= 160; width += 4) {
      const text = formatFinalScoreboard(wide, width) ?? '';
      for (const line of text.split('\n').slice(1))
        expect(line.length, `${width}: ${line}`).toBeLessThanOrEqual(width);
      for (const head of tableHeads(text))
        for (const title of essential) expect(head, `${width}`).toContain(title);
      // The same comparisons, in as many lines as the width needs, none lost.
      const words = (value: string) => value.replaceAll(/\s+/g, ' ');
      expect(words(text).match(/throughput [\d.]+× \w+/g)).toEqual(
        words(full).match(/throughput [\d.]+× \w+/g),
      );
    }
    // Wide enough, nothing is left out: the table of the unlimited print.
    expect(formatFinalScoreboard(wide, 200)).toBe(full);
    expect(tableHeads(full)[0]).toMatch(
      /done\/s +failed\/s +latency p50 +latency p99 +lag p99 +lag max +cores +done +failed/,
    );
  });

  it('prints nothing when no configuration measured anything', () => {
    expect(formatFinalScoreboard({ ...snapshot, scoreboard: [rows[5] as ScoreboardRow] })).toBeUndefined();
  });
});

describe('the row a bench reports', () => {
  it('is the configuration the bench ran, not another row of the same workload and model', () => {
    const ran = row('workers', 'cpu', { ...cpuKnobs, threads: 4 }, { phase: 'measuring', throughput: 69 });
    const other = row('workers', 'cpu', { ...cpuKnobs, threads: 2 }, { throughput: 12 });
    const bench: Snapshot = {
      ...asyncRunningCpu,
      workload: { ...asyncRunningCpu.workload, knobs: { size: 14_000 } },
      poolThreads: 4,
      scoreboard: [other, ran],
    };
    expect(pickBenchRow(bench, 'workers')?.key).toBe(ran.key);
    expect(pickBenchRow({ ...bench, scoreboard: [ran, other] }, 'workers')?.key).toBe(ran.key);
    expect(pickBenchRow(bench, 'async')).toBeUndefined();
  });
});
